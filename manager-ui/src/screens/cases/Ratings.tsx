import { InputField } from '@guichet/counter-ui/staff';
import { useEffect, useState } from 'preact/hooks';
import { ErrorBanner } from '../../components/Banner';
import { branchId, text } from '../../store';
import { ct, daysBefore, type Fraction, percent, type RatesRow, ratingsReport, refusal, today } from './lib';
import './cases.css';

const GROUPS = ['counter', 'clerk', 'service', 'channel', 'day', 'month'] as const;
type Group = (typeof GROUPS)[number];
type Report = Awaited<ReturnType<typeof ratingsReport>>;

/** A published rate with the counts it comes from, so any figure can be checked by hand. */
function Rate({ f, testid }: { f: Fraction; testid?: string }) {
  return (
    <td
      class="num"
      title={ct('fractionTitle', { num: f.numerator, den: f.denominator })}
      data-testid={testid}
    >
      {percent(f)}
      <span class="sub">
        {f.numerator}/{f.denominator}
      </span>
    </td>
  );
}

function Row({ r, total = false }: { r: RatesRow; total?: boolean }) {
  const Cell = total ? 'th' : 'td';
  return (
    <tr class={total ? 'total' : undefined} data-row={r.key}>
      <Cell scope="row">{total ? ct('total') : text(r.label)}</Cell>
      <td class="num">{r.served}</td>
      <td class="num">{r.rated}</td>
      <Rate f={r.good} testid={total ? 'total-good' : undefined} />
      <td class={r.bad > 0 ? 'num bad' : 'num'}>{r.bad}</td>
      <Rate f={r.notRated} />
      <Rate f={r.answered} />
      <Rate f={r.followedUp} />
      <Rate f={r.followUpSatisfied} />
      <td class={r.overdueCases > 0 ? 'num bad' : 'num'}>{r.overdueCases > 0 ? `▲ ${r.overdueCases}` : 0}</td>
    </tr>
  );
}

/** 好评率, 差评, 未评率, 回复率, 回访整改率, 回访整改满意率 and overdue cases, grouped and for a period. */
export function Ratings() {
  const bid = branchId.value!;
  const [to, setTo] = useState(today());
  const [from, setFrom] = useState(daysBefore(today(), 29));
  const [by, setBy] = useState<Group>('counter');
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    try {
      setError(null);
      setReport(await ratingsReport(bid, { from, to, by }));
    } catch (e) {
      setError(refusal(e));
    }
  };
  useEffect(() => {
    void load();
  }, [bid, by]);
  return (
    <section class="panel ratings">
      <div class="panel-head">
        <h2>{ct('ratingsTitle')}</h2>
        {report && <span class="summary">{ct('goodLevels', { levels: report.goodLevels.join('、') })}</span>}
      </div>
      <form
        class="case-filters"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <fieldset class="segmented">
          <legend class="sr-only">{ct('groupBy')}</legend>
          {GROUPS.map((g) => (
            <button
              key={g}
              type="button"
              class={by === g ? 'btn btn-small active' : 'btn btn-small'}
              aria-pressed={by === g}
              data-by={g}
              onClick={() => setBy(g)}
            >
              {ct(`by_${g}`)}
            </button>
          ))}
        </fieldset>
        <InputField label={<span>{ct('fFrom')}</span>} type="date" value={from} onValue={setFrom} />
        <InputField label={<span>{ct('fTo')}</span>} type="date" value={to} onValue={setTo} />
        <div class="filter-actions">
          <button type="submit" class="btn btn-primary">
            {ct('apply')}
          </button>
        </div>
      </form>
      <ErrorBanner error={error} />
      {report && (
        <table class="grid rates-table" data-testid="rates-table">
          <thead>
            <tr>
              <th scope="col">{ct(`by_${by}`)}</th>
              <th scope="col">{ct('rServed')}</th>
              <th scope="col">{ct('rRated')}</th>
              <th scope="col">{ct('rGood')}</th>
              <th scope="col">{ct('rBad')}</th>
              <th scope="col">{ct('rNotRated')}</th>
              <th scope="col">{ct('rAnswered')}</th>
              <th scope="col">{ct('rFollowedUp')}</th>
              <th scope="col">{ct('rSatisfied')}</th>
              <th scope="col">{ct('rOverdue')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <Row key={r.key} r={r} />
            ))}
          </tbody>
          <tfoot>
            <Row r={report.totals} total />
          </tfoot>
        </table>
      )}
    </section>
  );
}
