import { Check } from '../../components/form/Check';
import { type StringKeyB, tb } from '../../strings/config-b';
import { type AccountDraft, AccountFields } from '../config/StaffForm';
import { CountersStep, Row, ServicesStep, Text } from './SetupRows';

/** What the setup flow collects before it creates anything. */
export interface SetupDraft {
  nameZh: string;
  nameEn: string;
  timezone: string;
  opens: string;
  closes: string;
  days: number[];
  cnHolidays: boolean;
  services: { prefix: string; zh: string; en: string; target: number }[];
  counters: { number: number; services: string[] }[];
  clerk: AccountDraft;
  kioskName: string;
  displayName: string;
}

export const FIRST_DRAFT: SetupDraft = {
  nameZh: '',
  nameEn: '',
  timezone: 'Asia/Shanghai',
  opens: '09:00',
  closes: '17:00',
  days: [1, 2, 3, 4, 5],
  cnHolidays: true,
  services: [{ prefix: 'A', zh: '', en: '', target: 15 }],
  counters: [{ number: 1, services: ['A'] }],
  clerk: { username: '', staffNumber: '', displayName: '', role: 'clerk', branchId: 'new', password: '' },
  kioskName: '取号机 1 · Kiosk 1',
  displayName: '大厅屏 · Hall board',
};

/** The first problem of a step, or null when it may go on. */
export function stepProblem(step: number, d: SetupDraft): StringKeyB | null {
  if (step === 0 && (!d.nameZh.trim() || !d.nameEn.trim() || !d.timezone.trim() || !d.days.length))
    return 'fieldRequired';
  if (step === 1) {
    if (
      d.services.some(
        (s) => !/^[A-Z]{1,2}$/.test(s.prefix) || !s.zh.trim() || !s.en.trim() || !(s.target >= 1),
      )
    )
      return 'fieldRequired';
    if (new Set(d.services.map((s) => s.prefix)).size !== d.services.length) return 'prefixTaken';
  }
  if (step === 2) {
    if (d.counters.some((c) => !(c.number >= 1 && c.number <= 999))) return 'fieldRequired';
    if (new Set(d.counters.map((c) => c.number)).size !== d.counters.length) return 'numberTaken';
    if (d.counters.some((c) => !c.services.some((p) => d.services.some((s) => s.prefix === p))))
      return 'counterNeedsService';
  }
  if (
    step === 3 &&
    (!/^[A-Za-z0-9._-]{2,32}$/.test(d.clerk.username) || !d.clerk.displayName.trim() || !d.clerk.password)
  )
    return 'fieldRequired';
  if (step === 4 && (!d.kioskName.trim() || !d.displayName.trim())) return 'fieldRequired';
  return null;
}

/** The form of one step; every change goes back up as a new draft. */
export function StepForm({
  step,
  draft: d,
  onChange,
}: {
  step: number;
  draft: SetupDraft;
  onChange(d: SetupDraft): void;
}) {
  const set = (patch: Partial<SetupDraft>) => onChange({ ...d, ...patch });
  if (step === 0)
    return (
      <>
        <Row>
          <Text
            label={tb('branchNameZh')}
            name="name-zh"
            value={d.nameZh}
            onInput={(v) => set({ nameZh: v })}
          />
          <Text
            label={tb('branchNameEn')}
            name="name-en"
            value={d.nameEn}
            onInput={(v) => set({ nameEn: v })}
          />
          <Text
            label={tb('timezone')}
            name="timezone"
            value={d.timezone}
            onInput={(v) => set({ timezone: v })}
          />
        </Row>
        <Row>
          <Text
            label={tb('opens')}
            name="opens"
            type="time"
            value={d.opens}
            onInput={(v) => set({ opens: v })}
          />
          <Text
            label={tb('closes')}
            name="closes"
            type="time"
            value={d.closes}
            onInput={(v) => set({ closes: v })}
          />
        </Row>
        <fieldset class="choices inline-choices">
          <legend>{tb('workdays')}</legend>
          {[1, 2, 3, 4, 5, 6, 7].map((day) => (
            <Check
              key={day}
              name={`day-${day}`}
              checked={d.days.includes(day)}
              onChange={(on) => set({ days: on ? [...d.days, day].sort() : d.days.filter((x) => x !== day) })}
            >
              {tb(`day_${day}` as StringKeyB)}
            </Check>
          ))}
        </fieldset>
        <Check name="cn-holidays" checked={d.cnHolidays} onChange={(cnHolidays) => set({ cnHolidays })}>
          {tb('cnHolidays')}
        </Check>
      </>
    );
  if (step === 1) return <ServicesStep draft={d} set={set} />;
  if (step === 2) return <CountersStep draft={d} set={set} />;
  if (step === 3)
    return (
      <>
        <p class="hint">{tb('clerkHint')}</p>
        <AccountFields
          draft={d.clerk}
          creating
          branches={[{ id: 'new', name: d.nameZh || d.nameEn }]}
          canAdmin={false}
          onChange={(clerk) => set({ clerk: { ...clerk, branchId: 'new' } })}
        />
      </>
    );
  return (
    <>
      <p class="hint">{tb('devicesHint')}</p>
      <Row>
        <Text
          label={tb('kioskName')}
          name="kiosk-name"
          value={d.kioskName}
          onInput={(v) => set({ kioskName: v })}
        />
        <Text
          label={tb('displayName')}
          name="display-name"
          value={d.displayName}
          onInput={(v) => set({ displayName: v })}
        />
      </Row>
    </>
  );
}
