import { InputField } from '@guichet/counter-ui/staff';
import { tb } from '../../strings/config-b';

/**
 * The hardware of a kiosk (its ticket printer) and of a counter LED display (bus, protocol,
 * address, width), edited as the device config the server validates (protocol/settings.ts).
 */
type Config = Record<string, unknown>;
type Printer = {
  kind: 'tcp' | 'serial' | 'demo';
  host?: string;
  port?: number;
  path?: string;
  paper?: '80mm' | '58mm';
  chinese?: 'native' | 'image' | 'none';
};
type Led = { bus: { path: string; protocol: string; width?: number }; address: number };

export const LED_DEFAULT: Led = { bus: { path: '/dev/ttyUSB0', protocol: 'qlp1' }, address: 1 };

const num = (v: string) => (v.trim() === '' ? undefined : Number(v));

function Field({
  label,
  value,
  name,
  onInput,
  type = 'text',
}: {
  label: string;
  value: string | number | undefined;
  name: string;
  onInput(v: string): void;
  type?: string;
}) {
  return <InputField label={label} name={name} type={type} value={value ?? ''} onValue={onInput} />;
}

function Choose<T extends string>({
  label,
  name,
  value,
  options,
  onChange,
}: {
  label: string;
  name: string;
  value: T;
  options: [T, string][];
  onChange(v: T): void;
}) {
  return (
    <label class="field">
      {label}
      <select
        name={name}
        value={value}
        onChange={(e) => onChange((e.target as HTMLSelectElement).value as T)}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

export function PrinterFields({ config, onChange }: { config: Config; onChange(c: Config): void }) {
  const printer = config.printer as Printer | undefined;
  const kind = printer?.kind ?? 'none';
  const set = (next: Partial<Printer> | null) => {
    const { printer: _old, ...rest } = config;
    if (!next) return onChange(rest);
    const merged = { ...printer, ...next } as Printer & Record<string, unknown>;
    // Only the fields of the chosen connection: the server refuses the other kind's.
    if (merged.kind === 'tcp') delete merged.path;
    if (merged.kind === 'serial') {
      delete merged.host;
      delete merged.port;
    }
    for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
    onChange({ ...rest, printer: merged });
  };
  return (
    <fieldset class="hardware">
      <legend>{tb('printer')}</legend>
      <Choose
        label={tb('kind')}
        name="printer-kind"
        value={kind}
        options={[
          ['none', tb('printerNone')],
          ['tcp', tb('printerTcp')],
          ['serial', tb('printerSerial')],
          ...(kind === 'demo' ? ([['demo', 'Demo']] as [string, string][]) : []),
        ]}
        onChange={(v) => set(v === 'none' ? null : { kind: v as Printer['kind'] })}
      />
      {kind === 'tcp' && (
        <>
          <Field
            label={tb('host')}
            name="printer-host"
            value={printer?.host}
            onInput={(v) => set({ host: v })}
          />
          <Field
            label={tb('port')}
            name="printer-port"
            type="number"
            value={printer?.port ?? 9100}
            onInput={(v) => set({ port: num(v) })}
          />
        </>
      )}
      {kind === 'serial' && (
        <Field
          label={tb('serialPath')}
          name="printer-path"
          value={printer?.path}
          onInput={(v) => set({ path: v })}
        />
      )}
      {(kind === 'tcp' || kind === 'serial') && (
        <>
          <Choose
            label={tb('paper')}
            name="printer-paper"
            value={printer?.paper ?? '80mm'}
            options={[
              ['80mm', '80 mm'],
              ['58mm', '58 mm'],
            ]}
            onChange={(paper) => set({ paper })}
          />
          <Choose
            label={tb('chineseMode')}
            name="printer-chinese"
            value={printer?.chinese ?? 'native'}
            options={[
              ['native', tb('chinese_native')],
              ['image', tb('chinese_image')],
              ['none', tb('chinese_none')],
            ]}
            onChange={(chinese) => set({ chinese })}
          />
        </>
      )}
    </fieldset>
  );
}

export function LedFields({ config, onChange }: { config: Config; onChange(c: Config): void }) {
  const led = { ...LED_DEFAULT, ...(config as Partial<Led>) };
  const bus = (next: Partial<Led['bus']>) => {
    const merged: Record<string, unknown> = { ...led.bus, ...next };
    if (merged.width === undefined) delete merged.width;
    onChange({ ...config, ...led, bus: merged });
  };
  return (
    <fieldset class="hardware">
      <legend>{tb('kind_led')}</legend>
      <Field label={tb('ledBus')} name="led-path" value={led.bus.path} onInput={(v) => bus({ path: v })} />
      <Choose
        label={tb('ledProtocol')}
        name="led-protocol"
        value={led.bus.protocol}
        options={[
          ['qlp1', 'QLP1'],
          ['modbus-led485', 'Modbus LED485'],
          ['qsystem', 'QSystem'],
        ]}
        onChange={(protocol) => bus({ protocol })}
      />
      <Field
        label={tb('ledAddress')}
        name="led-address"
        type="number"
        value={led.address}
        onInput={(v) => onChange({ ...config, ...led, address: num(v) ?? 0 })}
      />
      <Field
        label={tb('ledWidth')}
        name="led-width"
        type="number"
        value={led.bus.width}
        onInput={(v) => bus({ width: num(v) })}
      />
    </fieldset>
  );
}
