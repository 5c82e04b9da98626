import { type StringKeyB, tb } from '../../strings/config-b';
import type { Device } from '../setup/calls';
import { dateTime } from './DevicesPairing';

export const KINDS = ['kiosk', 'display', 'pad', 'led'] as const;
export type Kind = (typeof KINDS)[number];
export type Config = Record<string, unknown>;
export type Open = {
  what: 'rename' | 'reassign' | 'revoke' | 'configure';
  device: Device;
  name: string;
  counterId: string;
  config: Config;
} | null;
export const needsCounter = (k: Kind) => k === 'pad' || k === 'led';

/** One kind's devices: name, counter, pairing state, presence, and what may be done to each. */
export function DeviceKindTable({
  kind,
  list,
  counterName,
  onOpen,
  onRepair,
}: {
  kind: Kind;
  list: Device[];
  counterName(id: string | null): string;
  onOpen(o: Open): void;
  onRepair(d: Device): void;
}) {
  return (
    <section class="panel" aria-labelledby={`kind-${kind}`} data-kind={kind}>
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
                      onOpen({
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
                    onClick={() => onRepair(d)}
                  >
                    {tb('newCode')}
                  </button>
                )}
                <button
                  type="button"
                  class="btn btn-small btn-danger"
                  data-action="revoke"
                  onClick={() =>
                    onOpen({ what: 'revoke', device: d, name: d.name, counterId: '', config: {} })
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
}
