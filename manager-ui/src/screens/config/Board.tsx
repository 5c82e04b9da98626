import { useEffect, useState } from 'preact/hooks';
import { Check, Radios } from '../../components/form/Check';
import { Outcome } from '../../components/form/Outcome';
import { branchId, failureText, session, snapshot, text } from '../../store';
import { tb } from '../../strings/config-b';
import { changeDevice, type Device, listDevices } from '../setup/calls';

/** A hall board's display settings (protocol/settings.ts DisplayConfigSchema), kept whole. */
interface BoardConfig {
  layout?: 'landscape' | 'portrait';
  services?: string[];
  counters?: string[];
  locales?: ('zh-CN' | 'en')[];
  voice?: { enabled?: boolean; repeat?: number };
}

const toggle = (list: string[] | undefined, id: string, on: boolean) => {
  const next = new Set(list ?? []);
  if (on) next.add(id);
  else next.delete(id);
  // An empty choice means "all": the key is left out rather than sent as [].
  return next.size ? [...next] : undefined;
};

function BoardPanel({ device, onSaved }: { device: Device; onSaved(text: string, ok: boolean): void }) {
  const token = session.value?.token ?? '';
  const snap = snapshot.value;
  const [config, setConfig] = useState<BoardConfig>((device.config ?? {}) as BoardConfig);
  const services = [...(snap?.services ?? [])].sort((a, b) => a.prefix.localeCompare(b.prefix));
  const counters = [...(snap?.counters ?? [])].sort((a, b) => a.number - b.number);
  const set = (patch: Partial<BoardConfig>) => {
    const next: Record<string, unknown> = { ...config, ...patch };
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    setConfig(next as BoardConfig);
  };
  const save = () =>
    changeDevice(token, device.id, { config })
      .then(() => onSaved(tb('boardSaved', { name: device.name }), true))
      .catch((e) => onSaved(failureText(e), false));
  const check = (name: string, label: string, checked: boolean, onChange: (on: boolean) => void) => (
    <Check key={name} name={name} checked={checked} onChange={onChange}>
      {label}
    </Check>
  );
  return (
    <section class="panel" aria-labelledby={`board-${device.id}`} data-board={device.id}>
      <h2 id={`board-${device.id}`}>{device.name}</h2>
      <div class="board-columns">
        <fieldset class="choices">
          <legend>{tb('layout')}</legend>
          <Radios
            name={`layout-${device.id}`}
            options={['landscape', 'portrait'] as const}
            picked={config.layout ?? 'landscape'}
            onPick={(layout) => set({ layout })}
            label={(l) => tb(`layout_${l}`)}
          />
          <legend class="sub-legend">{tb('boardLocales')}</legend>
          {(['zh-CN', 'en'] as const).map((l) =>
            check(
              `locale-${l}`,
              l === 'zh-CN' ? '中文' : 'English',
              (config.locales ?? ['zh-CN', 'en']).includes(l),
              (on) => {
                const now = new Set(config.locales ?? ['zh-CN', 'en']);
                if (on) now.add(l);
                else if (now.size > 1) now.delete(l);
                set({ locales: (['zh-CN', 'en'] as const).filter((x) => now.has(x)) });
              },
            ),
          )}
          {check('voice', tb('boardVoice'), config.voice?.enabled !== false, (on) =>
            set({ voice: { ...config.voice, enabled: on } }),
          )}
        </fieldset>
        <fieldset class="choices">
          <legend>{tb('boardServices')}</legend>
          <span class="hint">{tb('boardAll')}</span>
          {services.map((s) =>
            check(
              `service-${s.id}`,
              `${s.prefix} · ${text(s.name)}`,
              config.services?.includes(s.id) ?? false,
              (on) => set({ services: toggle(config.services, s.id, on) }),
            ),
          )}
        </fieldset>
        <fieldset class="choices">
          <legend>{tb('boardCounters')}</legend>
          <span class="hint">{tb('boardAll')}</span>
          {counters.map((c) =>
            check(
              `counter-${c.id}`,
              `${c.number} · ${text(c.name)}`,
              config.counters?.includes(c.id) ?? false,
              (on) => set({ counters: toggle(config.counters, c.id, on) }),
            ),
          )}
        </fieldset>
      </div>
      <div>
        <button type="button" class="btn btn-primary" data-action="save-board" onClick={save}>
          {tb('save')}
        </button>
      </div>
    </section>
  );
}

/** What each hall board shows: services, counters, orientation, languages and voice. */
export function Board() {
  const token = session.value?.token ?? '';
  const bid = branchId.value ?? '';
  const [boards, setBoards] = useState<Device[] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    listDevices(token, bid)
      .then((list) => setBoards(list.filter((d) => d.kind === 'display' && !d.revoked)))
      .catch((e) => setMessage({ ok: false, text: tb('loadFailed', { reason: failureText(e) }) }));
  }, [token, bid]);
  return (
    <div class="config-screen">
      <h2 class="screen-title">{tb('boardTitle')}</h2>
      <Outcome result={message && { kind: message.ok ? 'ok' : 'error', text: message.text }} />
      {boards?.length === 0 && <p class="muted">{tb('boardNone')}</p>}
      {boards?.map((d) => (
        <BoardPanel key={d.id} device={d} onSaved={(t, ok) => setMessage({ ok, text: t })} />
      ))}
    </div>
  );
}
