import { Dialog } from '@guichet/counter-ui/staff';
import { useEffect, useState } from 'preact/hooks';
import { SaveActions } from '../../components/form/Check';
import { errorOf, FieldError, type FieldErrors } from '../../components/form/Field';
import { requiredText } from '../../components/form/localized';
import { NotReady, Outcome } from '../../components/form/Outcome';
import { useConfig } from '../../components/form/useConfig';
import { useSave } from '../../components/form/useSave';
import { type HallConfig, updateBranch } from '../../config-api';
import { branchId, canAct, text } from '../../store';
import { ct } from '../../strings/config-a';

type Reason = NonNullable<HallConfig['branch']['settings']['pauseReasons']>[number];
type Kind = 'pauseReasons' | 'closeReasons';
/** A row as edited: `saved` codes are fixed (reports count by code). */
type Row = Reason & { saved: boolean };

const r = (code: string, zh: string, en: string): Reason => ({ code, label: { 'zh-CN': zh, en } });
/** The clerk console's built-in reasons, offered until the branch saves its own list. */
export const CONSOLE_REASONS: Record<Kind, Reason[]> = {
  pauseReasons: [
    r('lunch', '用餐', 'Meal break'),
    r('meeting', '会议', 'Meeting'),
    r('paperwork', '整理材料', 'Paperwork'),
    r('consult', '业务请示', 'Consulting a supervisor'),
    r('technical', '设备故障', 'Equipment problem'),
    r('other', '其他', 'Other'),
  ],
  closeReasons: [
    r('end-of-shift', '下班', 'End of shift'),
    r('handover', '交接班', 'Handover'),
    r('technical', '设备故障', 'Equipment problem'),
  ],
};
const KINDS: Kind[] = ['pauseReasons', 'closeReasons'];
const CODE = /^[a-z0-9][a-z0-9_-]{0,31}$/;

const rowsOf = (config: HallConfig, kind: Kind): Row[] => {
  const stored = config.branch.settings[kind];
  return (stored ?? CONSOLE_REASONS[kind]).map((x) => ({ ...x, label: { ...x.label }, saved: !!stored }));
};

/** Pause and close reasons, as stored in the branch settings: added, renamed, retired, restored. */
export function Reasons() {
  const { config, error, reload } = useConfig();
  const [rows, setRows] = useState<Record<Kind, Row[]> | null>(null);
  const [retiring, setRetiring] = useState<{ kind: Kind; index: number } | null>(null);
  const save = useSave();
  useEffect(() => {
    if (config)
      setRows({ pauseReasons: rowsOf(config, 'pauseReasons'), closeReasons: rowsOf(config, 'closeReasons') });
  }, [config]);
  if (error || !config || !rows) return <NotReady error={error} />;
  const edit = (kind: Kind, i: number, patch: Partial<Row>) =>
    setRows({ ...rows, [kind]: rows[kind].map((x, j) => (j === i ? { ...x, ...patch } : x)) });

  const submit = async (e: Event) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    const body: Partial<Record<Kind, Reason[]>> = {};
    for (const kind of KINDS) {
      const codes = rows[kind].map((x) => x.code.trim());
      body[kind] = rows[kind].map((x, i) => {
        const code = codes[i]!;
        if (!CODE.test(code)) errors[`${kind}.${i}.code`] = ct('reasonCodeBad');
        else if (codes.indexOf(code) !== i) errors[`${kind}.${i}.code`] = ct('reasonCodeTwice');
        const label = requiredText(errors, `${kind}.${i}.label`, x.label);
        return { code, label, ...(x.retired && { retired: true }) };
      });
    }
    save.setErrors(errors);
    if (Object.keys(errors).length) return;
    if (await save.send((token) => updateBranch(token, branchId.value!, body))) await reload();
  };

  const disabled = save.sending || !canAct.value;
  const cell = (
    kind: Kind,
    i: number,
    key: string,
    label: string,
    value: string,
    onInput: (v: string) => void,
    lang?: string,
    readOnly?: boolean,
  ) => {
    const err = errorOf(save.errors, `${kind}.${i}.${key}`);
    const id = `${kind}-${i}-${key}`;
    return (
      <td>
        <input
          id={id}
          name={id}
          lang={lang}
          value={value}
          readOnly={readOnly}
          maxLength={key === 'code' ? 32 : 60}
          aria-label={`${label} ${i + 1}`}
          aria-invalid={err ? 'true' : undefined}
          aria-describedby={err ? `${id}-err` : undefined}
          onInput={(e) => onInput((e.target as HTMLInputElement).value)}
        />
        {err && <FieldError id={`${id}-err`}>{err}</FieldError>}
      </td>
    );
  };
  return (
    <>
      <form class="cfg" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="reasons-title">
        <div class="cfg-head">
          <h1 id="reasons-title">{ct('reasonsTitle')}</h1>
          <Outcome result={save.result} />
        </div>
        <p class="hint">{ct('reasonsHint')}</p>
        <fieldset class="cfg-grid" disabled={disabled}>
          {KINDS.map((kind) => (
            <section key={kind} class="panel" aria-labelledby={`${kind}-title`} data-reasons={kind}>
              <h2 id={`${kind}-title`}>{ct(kind)}</h2>
              {!config.branch.settings[kind] && <p class="hint">{ct('reasonsDefault')}</p>}
              <table class="grid reasons">
                <thead>
                  <tr>
                    <th>{ct('reasonCode')}</th>
                    <th>{ct('zhLabel')}</th>
                    <th>{ct('enLabel')}</th>
                    <th>
                      <span class="sr-only">{ct('retire')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows[kind].map((x, i) => (
                    <tr key={i} class={x.retired ? 'retired' : ''} data-reason={x.code}>
                      {cell(
                        kind,
                        i,
                        'code',
                        ct('reasonCode'),
                        x.code,
                        (code) => edit(kind, i, { code }),
                        undefined,
                        x.saved,
                      )}
                      {cell(
                        kind,
                        i,
                        'label.zh-CN',
                        ct('zhLabel'),
                        x.label['zh-CN'],
                        (v) => edit(kind, i, { label: { ...x.label, 'zh-CN': v } }),
                        'zh-CN',
                      )}
                      {cell(
                        kind,
                        i,
                        'label.en',
                        ct('enLabel'),
                        x.label.en,
                        (v) => edit(kind, i, { label: { ...x.label, en: v } }),
                        'en',
                      )}
                      <td class="row-actions">
                        {x.retired ? (
                          <button
                            type="button"
                            class="btn"
                            data-action="restore"
                            onClick={() => edit(kind, i, { retired: false })}
                          >
                            {ct('restore')}
                          </button>
                        ) : x.saved ? (
                          <button
                            type="button"
                            class="btn"
                            data-action="retire"
                            onClick={() => setRetiring({ kind, index: i })}
                          >
                            {ct('retire')}
                          </button>
                        ) : (
                          <button
                            type="button"
                            class="btn"
                            data-action="remove"
                            onClick={() => setRows({ ...rows, [kind]: rows[kind].filter((_, j) => j !== i) })}
                          >
                            {ct('remove')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <button
                type="button"
                class="btn"
                data-action={`add-${kind}`}
                onClick={() =>
                  setRows({
                    ...rows,
                    [kind]: [...rows[kind], { code: '', label: { 'zh-CN': '', en: '' }, saved: false }],
                  })
                }
              >
                {ct('addReason')}
              </button>
            </section>
          ))}
        </fieldset>
        <SaveActions sending={save.sending} disabled={disabled} action="save-reasons" />
      </form>
      {retiring && (
        <Dialog
          title={ct('retireTitle', { label: text(rows[retiring.kind][retiring.index]!.label) })}
          danger
          confirmLabel={ct('retire')}
          onCancel={() => setRetiring(null)}
          onConfirm={() => {
            edit(retiring.kind, retiring.index, { retired: true });
            setRetiring(null);
          }}
        >
          <p>{ct('retireBody')}</p>
        </Dialog>
      )}
    </>
  );
}
