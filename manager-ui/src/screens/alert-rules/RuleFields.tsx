import { Check } from '../../components/form/Check';
import { errorOf, Field, FieldError, type FieldErrors } from '../../components/form/Field';
import { ar } from '../../strings/alert-rules';
import { EditableRows } from '../setup/SetupRows';
import { type Level, type OverrideForm, RULES, type RuleForm, type RuleKey } from './rules-form';

const fieldName = (path: string) => `f-${path.replace(/[^\w-]/g, '_')}`;

/** On/off and the rule's warning and critical values, each labelled with its unit. */
export function RuleValues(p: {
  rule: RuleKey;
  path: string;
  value: RuleForm;
  onChange(patch: Partial<RuleForm>): void;
  errors: FieldErrors;
  /** What the override is for, read with the checkbox ("On · Service A"). */
  of?: string;
  hint?: string;
}) {
  const label = (level: Level) => {
    const b = RULES[p.rule][level]!;
    if (b.key === 'graceMinutes') return ar('graceLabel');
    return ar('valueLabel', { level: ar(level), unit: ar(`unit_${b.unit}`) });
  };
  return (
    <div class="ar-values">
      <Check
        name={`${p.path}.enabled`}
        checked={p.value.enabled}
        onChange={(enabled) => p.onChange({ enabled })}
      >
        {ar('enabled')}
        {p.of && <span class="sr-only"> · {p.of}</span>}
      </Check>
      {(['warning', 'critical'] as const).map((level) =>
        RULES[p.rule][level] ? (
          <Field
            key={level}
            class="ar-number"
            label={label(level)}
            name={`${p.path}.${level}`}
            inputMode="numeric"
            maxLength={5}
            value={p.value[level]}
            errors={p.errors}
            onInput={(v) => p.onChange({ [level]: v })}
          />
        ) : null,
      )}
      {!RULES[p.rule].warning && <span class="ar-always">{ar('alwaysCritical')}</span>}
      {p.hint && <p class="hint ar-hint">{p.hint}</p>}
    </div>
  );
}

/** A labelled choice with its error under it (the subject or the rule of an override). */
function Choice(p: {
  label: string;
  path: string;
  value: string;
  options: { value: string; label: string }[];
  onChange(v: string): void;
  errors: FieldErrors;
}) {
  const id = fieldName(p.path);
  const error = errorOf(p.errors, p.path);
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      <select
        id={id}
        name={p.path}
        value={p.value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => p.onChange((e.target as HTMLSelectElement).value)}
      >
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && <FieldError id={`${id}-err`}>{error}</FieldError>}
    </div>
  );
}

/**
 * One table of overrides (per service, per counter or per pause reason): rows of subject, rule
 * (where there is a choice), on/off and values, added and removed in place. A stored override
 * whose subject no longer exists stays listed, named by its id, so the manager removes it.
 */
export function Overrides(p: {
  kind: 'services' | 'counters' | 'pauseReasons';
  title: string;
  hint: string;
  subjectLabel: string;
  subjects: { value: string; label: string }[];
  rules: RuleKey[];
  rows: OverrideForm[];
  onChange(rows: OverrideForm[]): void;
  /** The branch defaults: a new row, or a row given another rule, starts from them. */
  defaults: Record<RuleKey, RuleForm>;
  addLabel: string;
  errors: FieldErrors;
  empty?: string;
  hintOf?(row: OverrideForm): string | undefined;
}) {
  const nameOf = (subject: string) =>
    p.subjects.find((s) => s.value === subject)?.label ??
    (subject ? `${subject}${ar('gone', { id: subject })}` : '');
  const options = (row: OverrideForm) => [
    { value: '', label: ar('choose') },
    ...p.subjects,
    ...(row.subject && !p.subjects.some((s) => s.value === row.subject)
      ? [{ value: row.subject, label: nameOf(row.subject) }]
      : []),
  ];
  const what = (row: OverrideForm, i: number) =>
    [nameOf(row.subject) || ar('row', { n: i + 1 }), ar(`rule_${row.rule}`)].join(' · ');
  return (
    <section
      class="panel cfg-wide ar-overrides"
      aria-labelledby={`ar-${p.kind}-title`}
      data-overrides={p.kind}
    >
      <h2 id={`ar-${p.kind}-title`}>{p.title}</h2>
      <p class="hint">{p.hint}</p>
      {p.empty ? (
        <p class="hint" role="note">
          {p.empty}
        </p>
      ) : (
        <EditableRows
          rows={p.rows}
          onChange={p.onChange}
          blank={() => ({ subject: '', rule: p.rules[0]!, ...p.defaults[p.rules[0]!] })}
          min={0}
          addLabel={p.addLabel}
          addAction={`add-${p.kind}`}
          removeLabel={(row, i) => ar('removeOf', { what: what(row, i) })}
        >
          {(row, put, i) => (
            <div class="ar-row" data-row={`${row.subject}:${row.rule}`}>
              <Choice
                label={p.subjectLabel}
                path={`${p.kind}.${i}.subject`}
                value={row.subject}
                options={options(row)}
                errors={p.errors}
                onChange={(subject) => put({ subject })}
              />
              {p.rules.length > 1 && (
                <Choice
                  label={ar('rule')}
                  path={`${p.kind}.${i}.rule`}
                  value={row.rule}
                  options={p.rules.map((r) => ({ value: r, label: ar(`rule_${r}`) }))}
                  errors={p.errors}
                  // Another rule starts from the branch default's values for it.
                  onChange={(rule) => put({ rule: rule as RuleKey, ...p.defaults[rule as RuleKey] })}
                />
              )}
              <RuleValues
                rule={row.rule}
                path={`${p.kind}.${i}`}
                value={row}
                of={what(row, i)}
                errors={p.errors}
                hint={p.hintOf?.(row)}
                onChange={put}
              />
            </div>
          )}
        </EditableRows>
      )}
    </section>
  );
}
