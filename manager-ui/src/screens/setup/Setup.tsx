import { useRef, useState } from 'preact/hooks';
import { navigate } from '../../route';
import { branchId, session } from '../../store';
import { type StringKeyB, tb } from '../../strings/config-b';
import { type Pairing, PairingCard } from '../config/DevicesPairing';
import { refusalText } from '../config/StaffForm';
import { createAccount, createBranch, createCounter, createDevice, createService } from './calls';
import { FIRST_DRAFT, type SetupDraft, StepForm, stepProblem } from './SetupSteps';

const STEPS = ['branch', 'services', 'counters', 'clerk', 'devices'] as const;

/** What was created so far: a retry after a failure goes on from there, never creates twice. */
interface Made {
  branchId?: string;
  services: Record<string, string>;
  counters: Set<number>;
  clerk?: boolean;
  pairings: Pairing[];
}

/**
 * The first start without the demo: branch (names, zone, hours), services, counters, one clerk,
 * one kiosk and one hall board, created in that order by the configuration API, ending on
 * "your hall is ready" with the two pairing QR codes.
 */
export function Setup() {
  const token = session.value?.token ?? '';
  const [step, setStep] = useState(0);
  const [draft, setDraft] = useState<SetupDraft>(FIRST_DRAFT);
  const [problem, setProblem] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const [done, setDone] = useState<Pairing[] | null>(null);
  const made = useRef<Made>({ services: {}, counters: new Set(), pairings: [] });

  const create = async () => {
    const d = draft;
    const m = made.current;
    setWorking(true);
    setProblem(null);
    try {
      if (!m.branchId) {
        const interval = [{ open: d.opens, close: d.closes }];
        const b = await createBranch(token, {
          name: { 'zh-CN': d.nameZh.trim(), en: d.nameEn.trim() },
          timezone: d.timezone.trim(),
          hours: Object.fromEntries(d.days.map((day) => [String(day), interval])),
          holidays: d.cnHolidays ? 'cn' : 'none',
        });
        m.branchId = b.id;
      }
      const bid = m.branchId;
      for (const [i, s] of d.services.entries()) {
        if (m.services[s.prefix]) continue;
        const made = await createService(token, bid, {
          prefix: s.prefix,
          name: { 'zh-CN': s.zh.trim(), en: s.en.trim() },
          targetWaitMinutes: s.target,
          sortOrder: i,
        });
        m.services[s.prefix] = made.id;
      }
      for (const c of d.counters) {
        if (m.counters.has(c.number)) continue;
        await createCounter(token, bid, {
          number: c.number,
          name: { 'zh-CN': `${c.number}号窗口`, en: `Counter ${c.number}` },
          services: c.services
            .filter((p) => m.services[p])
            .map((p) => ({ serviceId: m.services[p]!, level: 1 })),
        });
        m.counters.add(c.number);
      }
      if (!m.clerk) {
        await createAccount(token, {
          username: d.clerk.username,
          displayName: d.clerk.displayName.trim(),
          password: d.clerk.password,
          role: d.clerk.role,
          branchIds: [bid],
          staffNumber: d.clerk.staffNumber.trim() || null,
        });
        m.clerk = true;
      }
      for (const [kind, name] of [
        ['kiosk', d.kioskName],
        ['display', d.displayName],
      ] as const) {
        if (m.pairings.some((p) => p.name === name.trim())) continue;
        const r = await createDevice(token, bid, { kind, name: name.trim() });
        m.pairings.push({ ...r, name: r.device.name });
      }
      setDone(m.pairings);
      // The App follows the new branch live from now on.
      branchId.value = bid;
    } catch (e) {
      setProblem(refusalText(e));
    } finally {
      setWorking(false);
    }
  };

  if (done)
    return (
      <div class="config-screen setup" data-step="done">
        <section class="panel ready" aria-labelledby="ready-title">
          <h2 id="ready-title">✓ {tb('readyTitle')}</h2>
          <p>{tb('readyText')}</p>
          <p class="strong">{tb('readyAdmin')}</p>
        </section>
        <div class="pairing-pair">
          {done.map((p) => (
            <PairingCard key={p.pairingCode} pairing={p} />
          ))}
        </div>
        <div>
          <button
            type="button"
            class="btn btn-primary btn-large"
            data-action="open-hall"
            onClick={() => navigate('hall')}
          >
            {tb('openHall')}
          </button>
        </div>
      </div>
    );

  const last = step === STEPS.length - 1;
  const next = () => {
    const p = stepProblem(step, draft);
    if (p) return setProblem(tb(p));
    setProblem(null);
    if (last) void create();
    else setStep(step + 1);
  };
  return (
    <div class="config-screen setup" data-step={STEPS[step]}>
      <section class="panel" aria-labelledby="setup-title">
        <h2 id="setup-title">{tb('setupTitle')}</h2>
        <p>{tb('setupIntro')}</p>
        <ol class="steps" aria-label={tb('stepOf', { n: step + 1, total: STEPS.length })}>
          {STEPS.map((s, i) => (
            <li
              key={s}
              class={i === step ? 'current' : i < step ? 'past' : ''}
              aria-current={i === step ? 'step' : undefined}
            >
              {i + 1}. {tb(`step_${s}` as StringKeyB)}
            </li>
          ))}
        </ol>
      </section>
      <form
        class="panel"
        aria-labelledby="step-title"
        onSubmit={(e) => {
          e.preventDefault();
          next();
        }}
      >
        <h3 id="step-title">
          {tb('stepOf', { n: step + 1, total: STEPS.length })} · {tb(`step_${STEPS[step]}` as StringKeyB)}
        </h3>
        <StepForm
          step={step}
          draft={draft}
          onChange={(d) => {
            setDraft(d);
            setProblem(null);
          }}
        />
        {problem && (
          <p class="error" role="alert" data-testid="setup-problem">
            {problem}
          </p>
        )}
        <div class="form-row">
          {step > 0 && (
            <button
              type="button"
              class="btn btn-large"
              data-action="back"
              disabled={working}
              onClick={() => setStep(step - 1)}
            >
              {tb('back')}
            </button>
          )}
          <button type="submit" class="btn btn-primary btn-large" data-action="next" disabled={working}>
            {working ? tb('creating') : last ? tb('createHall') : tb('next')}
          </button>
        </div>
      </form>
    </div>
  );
}
