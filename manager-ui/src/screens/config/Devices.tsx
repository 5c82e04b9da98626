import { useEffect, useState } from 'preact/hooks';
import { Dialog } from '../../components/Dialog';
import { branchId, failureText, session, snapshot, text } from '../../store';
import { type StringKeyB, tb } from '../../strings/config-b';
import { changeDevice, createDevice, type Device, listDevices, revokeDevice } from '../setup/calls';
import { LED_DEFAULT, LedFields, PrinterFields } from './DevicesHardware';
import { dateTime, type Pairing, PairingCard } from './DevicesPairing';

const KINDS = ['kiosk', 'display', 'pad', 'led'] as const;
type Kind = (typeof KINDS)[number];
type Config = Record<string, unknown>;
type Open = {
  what: 'rename' | 'reassign' | 'revoke' | 'configure';
  device: Device;
  name: string;
  counterId: string;
  config: Config;
} | null;
const needsCounter = (k: Kind) => k === 'pad' || k === 'led';

/** Every device of the hall by kind: pairing, presence, name, counter, hardware, revocation. */
export function Devices() {
  const token = session.value?.token ?? '';
  const bid = branchId.value ?? '';
  const counters = [...(snapshot.value?.counters ?? [])].sort((a, b) => a.number - b.number);
  const [devices, setDevices] = useState<Device[] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pairing, setPairing] = useState<Pairing | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const [form, setForm] = useState({ kind: 'kiosk' as Kind, name: '', counterId: '', config: {} as Config });

  const load = () =>
    listDevices(token, bid)
      .then(setDevices)
      .catch((e) => setMessage({ ok: false, text: tb('loadFailed', { reason: failureText(e) }) }));
  useEffect(() => void load(), [token, bid]);

  const act = async (job: () => Promise<string>) => {
    try {
      setMessage({ ok: true, text: await job() });
      await load();
    } catch (e) {
      setMessage({ ok: false, text: failureText(e) });
    }
  };
  const add = () =>
    act(async () => {
      const r = await createDevice(token, bid, {
        kind: form.kind,
        name: form.name.trim(),
        ...(needsCounter(form.kind) ? { counterId: form.counterId } : {}),
        ...(form.kind === 'led' || form.kind === 'kiosk' ? { config: form.config } : {}),
      });
      setForm({ ...form, name: '' });
      setPairing({ ...r, name: r.device.name });
      return tb('saved');
    });
  const repair = (d: Device) =>
    act(async () => {
      const r = await changeDevice(token, d.id, { repair: true });
      if (r.pairingUrl && r.pairingCode && r.expiresAt)
        setPairing({
          name: d.name,
          pairingUrl: r.pairingUrl,
          pairingCode: r.pairingCode,
          expiresAt: r.expiresAt,
        });
      return tb('saved');
    });
  const confirm = () => {
    const o = open;
    setOpen(null);
    if (!o) return;
    if (o.what === 'revoke')
      return act(async () => {
        await revokeDevice(token, o.device.id);
        return tb('deviceRevoked', { name: o.device.name });
      });
    const body =
      o.what === 'rename'
        ? { name: o.name.trim() }
        : o.what === 'reassign'
          ? { counterId: o.counterId || null }
          : { config: o.config };
    return act(async () => {
      await changeDevice(token, o.device.id, body);
      return o.what === 'configure' ? tb('configSaved') : tb('saved');
    });
  };
  const counterName = (id: string | null) => {
    const c = counters.find((x) => x.id === id);
    return c ? `${c.number} · ${text(c.name)}` : '—';
  };
  const canAdd = form.name.trim() !== '' && (!needsCounter(form.kind) || form.counterId !== '');

  return (
    <div class="config-screen">
      {message && (
        <p class={message.ok ? 'notice-ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {pairing && <PairingCard pairing={pairing} />}
      <section class="panel" aria-labelledby="new-device">
        <h2 id="new-device">{tb('newDevice')}</h2>
        <div class="form-row">
          <label class="field">
            {tb('kind')}
            <select
              name="device-kind"
              value={form.kind}
              onChange={(e) => {
                const kind = (e.target as HTMLSelectElement).value as Kind;
                setForm({ ...form, kind, config: kind === 'led' ? { ...LED_DEFAULT } : {} });
              }}
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {tb(`kind_${k}` as StringKeyB)}
                </option>
              ))}
            </select>
          </label>
          <label class="field grow">
            {tb('deviceName')}
            <input
              name="device-name"
              maxLength={100}
              value={form.name}
              onInput={(e) => setForm({ ...form, name: (e.target as HTMLInputElement).value })}
            />
          </label>
          {needsCounter(form.kind) && (
            <label class="field">
              {tb('counter')}
              <select
                name="device-counter"
                value={form.counterId}
                onChange={(e) => setForm({ ...form, counterId: (e.target as HTMLSelectElement).value })}
              >
                <option value="">—</option>
                {counters.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.number} · {text(c.name)}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {form.kind === 'led' && (
          <LedFields config={form.config} onChange={(config) => setForm({ ...form, config })} />
        )}
        <div>
          <button
            type="button"
            class="btn btn-primary"
            data-action="add-device"
            disabled={!canAdd}
            onClick={add}
          >
            {tb('newDevice')}
          </button>
        </div>
      </section>
      {KINDS.map((kind) => {
        const list = (devices ?? []).filter((d) => d.kind === kind && !d.revoked);
        if (!list.length) return null;
        return (
          <section class="panel" key={kind} aria-labelledby={`kind-${kind}`} data-kind={kind}>
            <h2 id={`kind-${kind}`}>{tb(`kind_${kind}` as StringKeyB)}</h2>
            <table class="grid">
              <thead>
                <tr>
                  <th>{tb('deviceName')}</th>
                  {needsCounter(kind) && <th>{tb('counter')}</th>}
                  <th>{tb('colStatus')}</th>
                  <th>{tb('lastSeen')}</th>
                  <th>{tb('colActions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((d) => (
                  <tr key={d.id} data-device={d.id}>
                    <td class="strong">{d.name}</td>
                    {needsCounter(kind) && <td>{counterName(d.counterId)}</td>}
                    <td>
                      {kind === 'led'
                        ? '—'
                        : d.paired
                          ? tb('paired')
                          : d.pairingExpiresAt && d.pairingExpiresAt > Date.now()
                            ? tb('waitingPairing', { time: dateTime(d.pairingExpiresAt) })
                            : tb('notPaired')}
                    </td>
                    <td>
                      {kind === 'led' ? (
                        '—'
                      ) : (
                        <span class={d.online ? 'status-badge presence-on' : 'status-badge presence-off'}>
                          {d.online ? `● ${tb('online')}` : `○ ${tb('offline')}`}
                          {!d.online && ` · ${d.lastSeenAt ? dateTime(d.lastSeenAt) : tb('neverSeen')}`}
                        </span>
                      )}
                    </td>
                    <td class="row-actions">
                      {(
                        [
                          'rename',
                          ...(needsCounter(kind) ? ['reassign'] : []),
                          ...(kind === 'kiosk' || kind === 'led' ? ['configure'] : []),
                        ] as const
                      ).map((what) => (
                        <button
                          key={what}
                          type="button"
                          class="btn btn-small"
                          data-action={what}
                          onClick={() =>
                            setOpen({
                              what: what as 'rename',
                              device: d,
                              name: d.name,
                              counterId: d.counterId ?? '',
                              config: (d.config ?? {}) as Config,
                            })
                          }
                        >
                          {tb(what as StringKeyB)}
                        </button>
                      ))}
                      {kind !== 'led' && (
                        <button
                          type="button"
                          class="btn btn-small"
                          data-action="repair"
                          onClick={() => repair(d)}
                        >
                          {tb('newCode')}
                        </button>
                      )}
                      <button
                        type="button"
                        class="btn btn-small btn-danger"
                        data-action="revoke"
                        onClick={() =>
                          setOpen({ what: 'revoke', device: d, name: d.name, counterId: '', config: {} })
                        }
                      >
                        {tb('revoke')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
      {open && (
        <Dialog
          title={`${tb(open.what === 'configure' ? 'configure' : open.what)} · ${open.device.name}`}
          danger={open.what === 'revoke'}
          confirmLabel={open.what === 'revoke' ? tb('revoke') : tb('save')}
          confirmDisabled={open.what === 'rename' && open.name.trim() === ''}
          onConfirm={confirm}
          onCancel={() => setOpen(null)}
        >
          {open.what === 'revoke' && <p>{tb('confirmRevoke', { name: open.device.name })}</p>}
          {open.what === 'rename' && (
            <label class="field">
              {tb('deviceName')}
              <input
                name="rename"
                maxLength={100}
                value={open.name}
                onInput={(e) => setOpen({ ...open, name: (e.target as HTMLInputElement).value })}
              />
            </label>
          )}
          {open.what === 'reassign' && (
            <label class="field">
              {tb('counter')}
              <select
                name="reassign"
                value={open.counterId}
                onChange={(e) => setOpen({ ...open, counterId: (e.target as HTMLSelectElement).value })}
              >
                {counters.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.number} · {text(c.name)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {open.what === 'configure' &&
            (open.device.kind === 'led' ? (
              <LedFields config={open.config} onChange={(config) => setOpen({ ...open, config })} />
            ) : (
              <PrinterFields config={open.config} onChange={(config) => setOpen({ ...open, config })} />
            ))}
        </Dialog>
      )}
    </div>
  );
}
