import { useEffect, useState } from 'preact/hooks';
import { SaveActions } from '../../components/form/Check';
import { NotReady, Outcome } from '../../components/form/Outcome';
import { useConfig } from '../../components/form/useConfig';
import { useSave } from '../../components/form/useSave';
import { hrefOf, navigate } from '../../route';
import { branchId, canAct, session, text } from '../../store';
import { ar } from '../../strings/alert-rules';
import { configFailure, ct } from '../../strings/config-a';
import { stamp } from '../cases/lib';
import { type AlertRulesView, getAlertRules, setAlertRules } from './calls';
import { Overrides, RuleValues } from './RuleFields';
import {
  COUNTER_RULES,
  DEFAULT_ORDER,
  type OverrideForm,
  type RulesForm,
  rulesBody,
  rulesForm,
  SERVICE_RULES,
} from './rules-form';
import './alert-rules.css';

/** A refusal in the reader's words; the server's own names the place a rule set is wrong. */
function failure(e: unknown): string {
  const err = e as { code?: string; message?: string };
  return err.code === 'ALERT_RULES_INVALID'
    ? ar('err_ALERT_RULES_INVALID', { detail: String(err.message ?? '') })
    : configFailure(e);
}

/**
 * The branch's alert rules: the defaults (each on/off with its warning and critical values) and
 * the overrides per service, per counter and per pause reason, checked as the server checks them
 * before one PUT; who changed them last and when (the audit log keeps every version).
 */
export function AlertRulesScreen() {
  const { config, error } = useConfig();
  const [view, setView] = useState<AlertRulesView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [form, setForm] = useState<RulesForm | null>(null);
  const save = useSave();
  useEffect(() => {
    const token = session.value?.token;
    if (!token || !branchId.value) return;
    getAlertRules(token, branchId.value).then(
      (v) => {
        setView(v);
        setForm(rulesForm(v.rules));
      },
      (e) => setLoadError(configFailure(e)),
    );
  }, [branchId.value]);
  if (error || loadError || !config || !view || !form) return <NotReady error={error ?? loadError} />;

  const submit = async (e: Event) => {
    e.preventDefault();
    const { body, errors } = rulesBody(form);
    save.setErrors(errors);
    if (Object.keys(errors).length) return;
    await save.send(
      async (token) => {
        const saved = await setAlertRules(token, branchId.value!, body);
        setView(saved);
        setForm(rulesForm(saved.rules));
      },
      undefined,
      failure,
    );
  };
  const services = config.services.map((s) => ({ value: s.id, label: `${s.prefix} · ${text(s.name)}` }));
  const counters = config.counters.map((c) => ({ value: c.id, label: text(c.name) }));
  const reasons = (config.branch.settings.pauseReasons ?? []).map((r) => ({
    value: r.code,
    label: `${text(r.label)} (${r.code})${r.retired ? ar('retired') : ''}`,
  }));
  // A service's own wait rule in minutes of its target, so the percentages need no arithmetic.
  const waitHint = (row: OverrideForm) => {
    const target = config.services.find((s) => s.id === row.subject)?.targetWaitMinutes;
    const pct = (v: string) => Math.round(((target ?? 0) * Number(v)) / 100);
    return row.rule === 'waitOverTarget' && target
      ? ar('targetMinutes', { target, warning: pct(row.warning), critical: pct(row.critical) })
      : undefined;
  };
  const overrides = [
    {
      kind: 'services' as const,
      title: ar('servicesTitle'),
      hint: ar('servicesHint'),
      subjectLabel: ar('service'),
      subjects: services,
      rules: SERVICE_RULES,
      addLabel: ar('addService'),
      empty: services.length ? undefined : ar('noServices'),
      hintOf: waitHint,
    },
    {
      kind: 'counters' as const,
      title: ar('countersTitle'),
      hint: ar('countersHint'),
      subjectLabel: ar('counter'),
      subjects: counters,
      rules: COUNTER_RULES,
      addLabel: ar('addCounter'),
      empty: counters.length ? undefined : ar('noCounters'),
    },
    {
      kind: 'pauseReasons' as const,
      title: ar('reasonsTitle'),
      hint: ar('reasonsHint'),
      subjectLabel: ar('reason'),
      subjects: reasons,
      rules: ['counterPaused' as const],
      addLabel: ar('addReason'),
      // A stored allowance stays editable (removable) even when the codes are gone.
      empty: reasons.length || form.pauseReasons.length ? undefined : ar('noReasons'),
    },
  ];
  const disabled = save.sending || !canAct.value;
  return (
    <form class="cfg alert-rules" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="ar-title">
      <div class="cfg-head">
        <h1 id="ar-title">{ar('title')}</h1>
        {/* "Saved" in the language shown now, also after a switch. */}
        <Outcome result={save.result?.kind === 'ok' ? { kind: 'ok', text: ct('saved') } : save.result} />
      </div>
      <p class="hint">{ar('hint')}</p>
      <p class="ar-changed" data-testid="ar-changed">
        {view.updatedAt === null
          ? ar('neverChanged')
          : ar('lastChanged', {
              name: view.updatedByName ?? view.updatedBy ?? '—',
              time: stamp(view.updatedAt),
            })}
        {' · '}
        {ar('auditNote')}{' '}
        <a
          href={hrefOf('audit')}
          onClick={(e) => {
            e.preventDefault();
            navigate('audit');
          }}
        >
          {ar('openAudit')}
        </a>
      </p>
      <fieldset class="cfg-grid ar-grid" disabled={disabled}>
        <section class="panel cfg-wide" aria-labelledby="ar-defaults-title" data-testid="ar-defaults">
          <h2 id="ar-defaults-title">{ar('defaultsTitle')}</h2>
          <div class="ar-defaults">
            {DEFAULT_ORDER.map((rule) => (
              <fieldset key={rule} class="ar-rule" data-rule={rule}>
                <legend>{ar(`rule_${rule}`)}</legend>
                <p class="hint">{ar(`about_${rule}`)}</p>
                <RuleValues
                  rule={rule}
                  path={`defaults.${rule}`}
                  value={form.defaults[rule]}
                  of={ar(`rule_${rule}`)}
                  errors={save.errors}
                  onChange={(patch) =>
                    setForm({
                      ...form,
                      defaults: { ...form.defaults, [rule]: { ...form.defaults[rule], ...patch } },
                    })
                  }
                />
              </fieldset>
            ))}
          </div>
        </section>
        {overrides.map((o) => (
          <Overrides
            key={o.kind}
            {...o}
            rows={form[o.kind]}
            onChange={(rows) => setForm({ ...form, [o.kind]: rows })}
            defaults={form.defaults}
            errors={save.errors}
          />
        ))}
      </fieldset>
      <SaveActions sending={save.sending} disabled={disabled} action="save-alert-rules" />
    </form>
  );
}
