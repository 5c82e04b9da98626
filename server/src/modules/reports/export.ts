import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyReply } from 'fastify';
import type { ExportFile, Label, LabelledRow, Lang, SummaryReport, TicketReportRow } from './protocol.js';

/**
 * Exports as files written by the engine (in the worker), streamed to the client by the route
 * and deleted after. CSV is UTF-8 with a BOM (or Excel shows Chinese as mojibake); XLSX is
 * written with exceljs's streaming WorkbookWriter, one committed row at a time. The cells hold
 * the same values as the JSON report.
 */
export interface Column<R> {
  zh: string;
  en: string;
  value: (r: R, lang: Lang) => string | number | null;
}

const lbl = (l: Label | null, lang: Lang) => (l ? l[lang] : null);

export const SUMMARY_COLUMNS: Column<LabelledRow>[] = [
  { zh: '键', en: 'Key', value: (r) => r.key },
  { zh: '名称', en: 'Label', value: (r, lang) => r.label[lang] },
  { zh: '取号', en: 'Issued', value: (r) => r.issued },
  { zh: '已办结', en: 'Served', value: (r) => r.served },
  { zh: '过号', en: 'No-show', value: (r) => r.noShow },
  { zh: '弃号', en: 'Abandoned', value: (r) => r.abandoned },
  { zh: '转移', en: 'Transferred', value: (r) => r.transferred },
  { zh: '平均等候(秒)', en: 'Wait mean (s)', value: (r) => r.waitMeanSeconds },
  { zh: '等候中位数(秒)', en: 'Wait median (s)', value: (r) => r.waitMedianSeconds },
  { zh: '等候P90(秒)', en: 'Wait P90 (s)', value: (r) => r.waitP90Seconds },
  { zh: '最长等候(秒)', en: 'Wait max (s)', value: (r) => r.waitMaxSeconds },
  { zh: '平均办理(秒)', en: 'Handle mean (s)', value: (r) => r.handleMeanSeconds },
  { zh: '按时叫号率%', en: 'Service level %', value: (r) => r.slaPercent },
  { zh: '评价数', en: 'Ratings', value: (r) => r.ratings.count },
  { zh: '非常满意', en: 'Very satisfied', value: (r) => r.ratings.byLevel[5] },
  { zh: '满意', en: 'Satisfied', value: (r) => r.ratings.byLevel[4] },
  { zh: '基本满意', en: 'Fairly satisfied', value: (r) => r.ratings.byLevel[3] },
  { zh: '不满意', en: 'Dissatisfied', value: (r) => r.ratings.byLevel[2] },
  { zh: '非常不满意', en: 'Very dissatisfied', value: (r) => r.ratings.byLevel[1] },
  { zh: '差评', en: 'Bad', value: (r) => r.ratings.bad },
  { zh: '未评', en: 'Not rated', value: (r) => r.ratings.notRated },
  { zh: '排除(等候)', en: 'Excluded waits', value: (r) => r.excluded.wait },
  { zh: '排除(办理)', en: 'Excluded handles', value: (r) => r.excluded.handle },
];

export const TICKET_COLUMNS: Column<TicketReportRow>[] = [
  { zh: '票号', en: 'Ticket', value: (r) => r.code },
  { zh: '业务日', en: 'Business day', value: (r) => r.businessDay },
  { zh: '事项', en: 'Service', value: (r, lang) => r.service[lang] },
  { zh: '取号时间', en: 'Issued', value: (r) => r.issuedAt },
  { zh: '叫号时间', en: 'Called', value: (r) => r.calledAt },
  { zh: '开始办理', en: 'Started', value: (r) => r.startedAt },
  { zh: '结束时间', en: 'Finished', value: (r) => r.finishedAt },
  { zh: '结果', en: 'Outcome', value: (r) => r.outcome },
  { zh: '窗口', en: 'Counter', value: (r, lang) => lbl(r.counter, lang) },
  { zh: '工作人员', en: 'Clerk', value: (r) => r.clerk },
  { zh: '环节数', en: 'Legs', value: (r) => r.legs },
  { zh: '等候(秒)', en: 'Wait (s)', value: (r) => r.waitSeconds },
  { zh: '办理(秒)', en: 'Handle (s)', value: (r) => r.handleSeconds },
  { zh: '预计等候(分)', en: 'Promised wait (min)', value: (r) => r.estimatedWaitMinutes },
  { zh: '评价', en: 'Rating', value: (r) => r.rating },
  { zh: '证件/电话(脱敏)', en: 'Phone / ID (masked)', value: (r) => r.person },
  { zh: '票ID', en: 'Ticket id', value: (r) => r.ticketId },
];

export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  // Quote what Excel would split or misread; a leading = + - @ is neutralised (formula injection).
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Writes rows from pages to a file; `pages` yields arrays of rows until done. */
export async function writeTable<R>(
  dir: string,
  name: string,
  format: 'csv' | 'xlsx',
  lang: Lang,
  columns: readonly Column<R>[],
  pages: () => Iterable<readonly R[]>,
): Promise<ExportFile> {
  const file = join(dir, `guichet-report-${randomUUID()}.${format}`);
  const header = columns.map((c) => (lang === 'zh-CN' ? c.zh : c.en));
  if (format === 'csv') {
    const out = createWriteStream(file);
    const write = async (text: string) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    await write(`\uFEFF${header.map(csvCell).join(',')}\r\n`);
    for (const page of pages()) {
      await write(page.map((r) => `${columns.map((c) => csvCell(c.value(r, lang))).join(',')}\r\n`).join(''));
    }
    out.end();
    await once(out, 'close');
    return { file, contentType: 'text/csv; charset=utf-8', filename: `${name}.csv` };
  }
  // Loaded on the first spreadsheet, not at start: exceljs and its zip stack cost ~2 s of CPU
  // to load on a busy 2-core machine, longer than the rest of the start.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(name.slice(0, 31));
  sheet.addRow(header).commit();
  for (const page of pages())
    for (const r of page) sheet.addRow(columns.map((c) => c.value(r, lang))).commit();
  sheet.commit();
  await workbook.commit();
  return {
    file,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename: `${name}.xlsx`,
  };
}

export function summaryPages(r: SummaryReport): () => Iterable<readonly LabelledRow[]> {
  return () => [r.rows, [r.totals]];
}

/** Sends a written export as an attachment; the file is a one-off, removed once the response is over. */
export function sendExport(reply: FastifyReply, f: ExportFile) {
  const stream = createReadStream(f.file);
  // The file is a one-off: it goes once the response is over, sent or not.
  const drop = () => void rm(f.file, { force: true });
  stream.once('close', drop);
  reply.raw.once('close', drop);
  return reply
    .header('content-type', f.contentType)
    .header('content-disposition', `attachment; filename="${f.filename}"`)
    .send(stream);
}
