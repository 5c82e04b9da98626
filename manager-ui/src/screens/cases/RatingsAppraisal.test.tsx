// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { setLocale } from '../../store';
import { CASE_STRINGS } from '../../strings/cases';
import { appraisalRecord, fraction, ratesRow } from '../../testing/cases';
import { fakeServer, hall, resetAfterEach, seedManager, T0 } from '../../testing/fixtures';
import { Appraisal } from './Appraisal';
import { Ratings } from './Ratings';

resetAfterEach();

describe('published rates', () => {
  it('shows each rate with the counts it comes from, by counter, and regroups on demand', async () => {
    setLocale('zh-CN');
    seedManager(hall());
    const server = fakeServer();
    const rows = [
      ratesRow('ctr-1', '1号窗口'),
      ratesRow('ctr-2', '2号窗口', { bad: 0, overdueCases: 2, good: fraction(15, 15) }),
    ];
    server.routes['reports:ratings'] = (req) => [
      200,
      {
        branchId: 'demo-hall',
        from: '2026-11-01',
        to: '2026-11-30',
        by: req.query.by,
        goodLevels: [3, 4, 5],
        rows,
        totals: ratesRow('total', '合计', { good: fraction(29, 30) }),
      },
    ];
    render(<Ratings />);
    const table = await screen.findByTestId('rates-table');
    expect(table.querySelector('thead')!.textContent).toContain('回访整改满意率');
    const r1 = table.querySelector('[data-row="ctr-1"]')!;
    expect(r1.textContent).toContain('93.3 %');
    expect(r1.textContent).toContain('14/15');
    expect(table.querySelector('[data-row="ctr-2"]')!.textContent).toContain('▲ 2');
    expect(screen.getByTestId('total-good').textContent).toBe('96.7 %29/30');
    expect(document.body.textContent).toContain('好评等级：3、4、5 分');
    fireEvent.click(document.querySelector('[data-by="channel"]')!);
    await waitFor(() => expect(server.requestsTo('reports:ratings').at(-1)!.query.by).toBe('channel'));
  });
});

describe('daily appraisal', () => {
  it('lists each clerk, adds an inspection entry, decides a pending appeal, and prints the sheet', async () => {
    setLocale('zh-CN');
    seedManager(hall());
    const server = fakeServer();
    const entry = {
      id: 'e-1',
      userId: 'user-clerk1',
      date: '2026-11-27',
      kind: 'inspection' as const,
      observation: '离岗 20 分钟未挂暂停牌',
      evidence: '监控 10:20–10:40',
      points: -2,
      authorId: 'user-supervisor',
      authorName: '吴值班',
      at: T0,
      answer: { text: '当时去协助老人填表', at: T0 + 60_000, appeal: true },
      appeal: { status: 'pending' as const, decision: null, decidedBy: null, decidedAt: null },
    };
    server.routes['appraisal:branch'] = () => [
      200,
      { date: '2026-11-27', records: [appraisalRecord({ entries: [entry], points: -2 })] },
    ];
    server.routes['appraisal:entry-create'] = () => [
      201,
      { ...entry, id: 'e-2', answer: null, appeal: null },
    ];
    server.routes['appraisal:entry-decide'] = () => [
      200,
      { ...entry, appeal: { ...entry.appeal, status: 'overturned' } },
    ];
    const print = vi.fn();
    vi.stubGlobal('print', print);
    render(<Appraisal />);
    const table = await screen.findByTestId('appraisal-table');
    const row = table.querySelector('[data-user="user-clerk1"]')!;
    expect(row.textContent).toContain('王芳');
    expect(row.textContent).toContain('1001');
    expect(row.textContent).toContain('×1.08');
    expect(row.textContent).toContain('25/10/2/0/1');
    fireEvent.click(screen.getByRole('button', { name: '王芳' }));
    const person = await screen.findByTestId('appraisal-person');
    expect(person.querySelector('[data-appeal="pending"]')!.textContent).toBe('申诉待决定');
    fireEvent.input(person.querySelector('.decide input')!, { target: { value: '协助群众属实' } });
    fireEvent.click(screen.getByRole('button', { name: '撤销' }));
    await waitFor(() => expect(server.requestsTo('appraisal:entry-decide')).toHaveLength(1));
    expect(server.requestsTo('appraisal:entry-decide')[0]!.body).toEqual({
      outcome: 'overturned',
      text: '协助群众属实',
    });

    const form = screen.getByTestId('entry-form');
    fireEvent.input(form.querySelector('textarea')!, { target: { value: '主动引导老人使用自助机' } });
    fireEvent.input(form.querySelector('input[name=points]')!, { target: { value: '2' } });
    fireEvent.submit(form);
    await waitFor(() => expect(server.requestsTo('appraisal:entry-create')).toHaveLength(1));
    expect(server.requestsTo('appraisal:entry-create')[0]!.body).toMatchObject({
      observation: '主动引导老人使用自助机',
      points: 2,
    });

    const day = appraisalRecord({ entries: [entry] });
    server.routes['appraisal:sheet'] = () => [
      200,
      {
        user: { id: 'user-clerk1', name: '王芳', staffNumber: '1001' },
        branch: { id: 'demo-hall', name: { 'zh-CN': '演示大厅', en: 'Demo hall' } },
        from: '2026-11-27',
        to: '2026-11-27',
        days: [day],
        totals: {
          served: 42,
          noShows: 3,
          transfers: 1,
          sessionSeconds: 28800,
          pausedSeconds: 1800,
          ratings: 38,
          bad: 1,
          notRated: 4,
          good: fraction(37, 38),
          casesOpened: 1,
          casesOverdue: 0,
          points: -2,
        },
        generatedAt: T0,
      },
    ];
    fireEvent.click(screen.getByTestId('print-day'));
    const sheet = await screen.findByTestId('print-sheet');
    expect(sheet.textContent).toContain('工作人员考评表');
    expect(sheet.textContent).toContain('王芳');
    expect(sheet.textContent).toContain('离岗 20 分钟未挂暂停牌');
    await waitFor(() => expect(print).toHaveBeenCalled());
  });

  it('both languages have the same non-empty words', () => {
    const zh = CASE_STRINGS['zh-CN'];
    expect(Object.keys(CASE_STRINGS.en).sort()).toEqual(Object.keys(zh).sort());
    for (const v of [...Object.values(zh), ...Object.values(CASE_STRINGS.en)]) expect(v.trim()).not.toBe('');
  });
});
