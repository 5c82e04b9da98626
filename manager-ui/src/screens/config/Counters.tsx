import { useState } from 'preact/hooks';
import { Outcome } from '../../components/form/Outcome';
import { useConfig } from '../../components/form/useConfig';
import { canAct, countersById, t, text } from '../../store';
import { ct } from '../../strings/config-a';
import { type ConfigCounter, CounterForm } from './CountersForm';

/** The counters: number, names, live state and work profile; edited in a form beside the list. */
export function Counters() {
  const { config, error, reload } = useConfig();
  const [editing, setEditing] = useState<ConfigCounter | 'new' | null>(null);
  const [saved, setSaved] = useState(false);
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!config) return <p class="loading">{t('loading')}</p>;
  const prefixOf = new Map(config.services.map((s) => [s.id, s.prefix]));
  const list = [...config.counters].sort((a, b) => a.number - b.number);
  return (
    <div class="cfg">
      <div class="cfg-head">
        <h1>{ct('countersTitle')}</h1>
        <Outcome result={saved ? { kind: 'ok', text: ct('saved') } : null} />
      </div>
      <div class={editing ? 'cfg-split' : ''}>
        <section class="panel" aria-label={ct('countersTitle')}>
          <div class="panel-head">
            <p class="hint">{ct('countersHint')}</p>
            <button
              type="button"
              class="btn btn-primary"
              disabled={!canAct.value}
              data-action="new-counter"
              onClick={() => setEditing('new')}
            >
              {ct('newCounter')}
            </button>
          </div>
          <table class="grid cfg-table">
            <thead>
              <tr>
                <th class="num">{ct('counterNumber')}</th>
                <th>{ct('counterName')}</th>
                <th>{ct('counterState')}</th>
                <th>{ct('profile')}</th>
                <th>
                  <span class="sr-only">{ct('edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </section>
        {editing && (
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
        )}
      </div>
    </div>
  );
}
