import { Dialog, InputField } from '@guichet/counter-ui/staff';
import { useEffect, useState } from 'preact/hooks';
import { Outcome } from '../../components/form/Outcome';
import { branchId, failureText, session, snapshot, text } from '../../store';
import { type StringKeyB, tb } from '../../strings/config-b';
import { changeDevice, createDevice, type Device, listDevices, revokeDevice } from '../setup/calls';
import { LED_DEFAULT, LedFields, PrinterFields } from './DevicesHardware';
import { type Pairing, PairingCard } from './DevicesPairing';
import { type Config, DeviceKindTable, KINDS, type Kind, needsCounter, type Open } from './DevicesTable';

function NameField(props: { name: string; value: string; onInput(v: string): void }) {
  return (
    <InputField
      label={tb('deviceName')}
      labelClass="grow"
      name={props.name}
      maxLength={100}
      value={props.value}
      onValue={props.onInput}
    />
  );
}

/** The hall's counters by number (a pad or an LED display belongs to one). */
function CounterSelect(props: { name: string; value: string; blank?: boolean; onChange(id: string): void }) {
  const counters = [...(snapshot.value?.counters ?? [])].sort((a, b) => a.number - b.number);
  return (
    <label class="field">
      {tb('counter')}
      <select
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}
      >
        {props.blank && <option value="">—</option>}
        {counters.map((c) => (
          <option key={c.id} value={c.id}>
            {c.number} · {text(c.name)}
          </option>
        ))}
      </select>
    </label>
  );
}

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
      <Outcome result={message && { kind: message.ok ? 'ok' : 'error', text: message.text }} />
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
          <NameField name="device-name" value={form.name} onInput={(name) => setForm({ ...form, name })} />
          {needsCounter(form.kind) && (
            <CounterSelect
              name="device-counter"
              value={form.counterId}
              blank
              onChange={(counterId) => setForm({ ...form, counterId })}
            />
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
          <DeviceKindTable
            key={kind}
            kind={kind}
            list={list}
            counterName={counterName}
            onOpen={setOpen}
            onRepair={repair}
          />
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
            <NameField name="rename" value={open.name} onInput={(name) => setOpen({ ...open, name })} />
          )}
          {open.what === 'reassign' && (
            <CounterSelect
              name="reassign"
              value={open.counterId}
              onChange={(counterId) => setOpen({ ...open, counterId })}
            />
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
