import { useState } from 'preact/hooks';
import { ConfigList } from '../../components/form/ConfigList';
import { NotReady } from '../../components/form/Outcome';
import { useConfig } from '../../components/form/useConfig';
import { canAct, countersById, text } from '../../store';
import { ct } from '../../strings/config-a';
import { type ConfigCounter, CounterForm } from './CountersForm';

/** The counters: number, names, live state and work profile; edited in a form beside the list. */
export function Counters() {
  const { config, error, reload } = useConfig();
  const [editing, setEditing] = useState<ConfigCounter | 'new' | null>(null);
  const [saved, setSaved] = useState(false);
  if (error || !config) return <NotReady error={error} />;
  const prefixOf = new Map(config.services.map((s) => [s.id, s.prefix]));
  const list = [...config.counters].sort((a, b) => a.number - b.number);
  return (
    <ConfigList
      title={ct('countersTitle')}
      hint={ct('countersHint')}
      outcome={saved ? { kind: 'ok', text: ct('saved') } : null}
      newLabel={ct('newCounter')}
      newAction="new-counter"
      newDisabled={!canAct.value}
      onNew={() => setEditing('new')}
      editor={
        editing && (
          <CounterForm
            key={editing === 'new' ? 'new' : editing.id}
            config={config}
            counter={editing === 'new' ? null : editing}
            onCancel={() => setEditing(null)}
            onDone={() => {
              setEditing(null);
              setSaved(true);
              void reload();
            }}
          />
        )
      }
      head={
        <>
          <th class="num">{ct('counterNumber')}</th>
          <th>{ct('counterName')}</th>
          <th>{ct('counterState')}</th>
          <th>{ct('profile')}</th>
        </>
      }
    >
      {list.map((c) => {
        const state = countersById.value.get(c.id)?.state ?? 'closed';
        const profile = [...c.profile.services].sort((a, b) => a.level - b.level);
        return (
          <tr key={c.id} data-counter={c.id}>
            <td class="num strong">{c.number}</td>
            <td>{text(c.name)}</td>
            <td>
              <span class={`state-badge ${state}`}>{ct(`state_${state}`)}</span>
            </td>
            <td>
              {profile.length === 0 ? (
                <span class="muted">{ct('profileNone')}</span>
              ) : (
                profile.map((p) => (
                  <span key={p.serviceId} class="level-chip">
                    {prefixOf.get(p.serviceId) ?? '?'}
                    <sub>{p.level}</sub>
                  </span>
                ))
              )}
            </td>
            <td class="row-actions">
              <button
                type="button"
                class="btn"
                disabled={!canAct.value}
                data-action="edit"
                aria-label={`${ct('edit')} ${text(c.name)}`}
                onClick={() => {
                  setSaved(false);
                  setEditing(c);
                }}
              >
                {ct('edit')}
              </button>
            </td>
          </tr>
        );
      })}
    </ConfigList>
  );
}
