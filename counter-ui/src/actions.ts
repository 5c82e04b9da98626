import type { RouteBody } from '@guichet/server/kit';
import type { CounterCommand, CounterCommandResponse, Outcome, TicketView } from '@guichet/server/protocol';
import { ApiError, askRatingRequest, type ConsoleCommand, counterCommand, getToday } from './api';
import {
  busy,
  canCommand,
  counterId,
  endSession,
  failureText,
  notice,
  resetLive,
  selectedTicketId,
  session,
  snapshot,
  t,
  today,
} from './store';

/**
 * What the console's buttons and keys do: send one command at a time to the server and show
 * what came of it. The server decides everything; the console only reports.
 */

let resyncHook: () => void = () => {};
/** socket.ts's stream registers how to ask for a fresh snapshot. */
export function onResync(fn: () => void): void {
  resyncHook = fn;
}

const ACTIVE = new Set(['waiting', 'called', 'serving', 'parked']);

/** Folds a command's answer into the snapshot at once; the delta that follows agrees with it. */
function merge(res: CounterCommandResponse): void {
  const snap = snapshot.value;
  if (!snap) return;
  const counters = snap.counters.map((c) => (c.id === res.counter.id ? res.counter : c));
  let tickets = snap.tickets;
  const tk = res.ticket;
  if (tk) {
    tickets = tickets.filter((x) => x.id !== tk.id);
    if (ACTIVE.has(tk.status)) tickets = [...tickets, tk];
  }
  snapshot.value = { ...snap, counters, tickets };
}

export async function refreshToday(): Promise<void> {
  const s = session.value;
  const id = counterId.value;
  if (!s || !id) return;
  try {
    today.value = await getToday(s.token, id);
  } catch (e) {
    handleAuth(e);
  }
}

function handleAuth(e: unknown): boolean {
  if (e instanceof ApiError && e.status === 401) {
    endSession();
    resetLive();
    return true;
  }
  return false;
}

const codeOf = (ticketId: string | undefined | null): string =>
  snapshot.value?.tickets.find((x) => x.id === ticketId)?.code ?? '';

/** Sends one counter command; resolves to the server's answer, or null when refused or blocked. */
export function run<C extends CounterCommand>(
  command: C,
  body?: RouteBody<`counter:${C}`>,
): Promise<CounterCommandResponse | null> {
  return send(
    command,
    async (token, id) => {
      const res = await counterCommand(token, id, command, body);
      merge(res);
      report(command, res.ticket);
      return res;
    },
    (body as { ticketId?: string } | undefined)?.ticketId,
  );
}

/** Prompts the counter's pad for the last finished ticket (answers the RatingRequest sent to it). */
export const askRating = () =>
  send('rating-request', async (token, id) => {
    const req = await askRatingRequest(token, id);
    notice.value = { kind: 'info', text: t('ratingAsked', { code: req.code }) };
    return req;
  });

/** One command at a time: blocked while another is on its way or the snapshot is not current. */
async function send<T>(
  command: ConsoleCommand,
  exec: (token: string, counterId: string) => Promise<T>,
  ticketId?: string,
): Promise<T | null> {
  const s = session.value;
  const id = counterId.value;
  if (!s || !id || !canCommand.value) return null;
  busy.value = true;
  notice.value = null;
  try {
    return await exec(s.token, id);
  } catch (e) {
    if (handleAuth(e)) return null;
    if (e instanceof ApiError && e.code === 'TICKET_NOT_WAITING') {
      // Another counter took it first: say so, drop the selection and fetch the truth again.
      notice.value = { kind: 'warn', text: t('takenByOther', { code: codeOf(ticketId) }) };
      selectedTicketId.value = null;
      resyncHook();
    } else {
      notice.value = { kind: 'error', text: t('commandFailed', { message: failureText(e) }) };
    }
    return null;
  } finally {
    busy.value = false;
    if (command === 'finish' || command === 'no-show' || command === 'recall' || command === 'rating-request')
      void refreshToday();
  }
}

function report(command: ConsoleCommand, ticket: TicketView | null): void {
  if (command === 'call-next' && !ticket) notice.value = { kind: 'info', text: t('nothingWaiting') };
  if (command === 'recall' && ticket?.status === 'no_show')
    notice.value = { kind: 'warn', text: t('autoNoShow', { code: ticket.code }) };
  if ((command === 'call' || command === 'call-next') && ticket) selectedTicketId.value = null;
}

export const callNext = () => run('call-next');
export const callTicket = (ticketId: string) => run('call', { ticketId });
export const recall = () => run('recall');
export const start = () => run('start');
export const finish = (outcome: Extract<Outcome, 'served' | 'served_incomplete' | 'referred'>) =>
  run('finish', { outcome });
export const noShow = () => run('no-show');
export const park = () => run('park');
export const pause = (reason: string) => run('pause', { reason });
export const resume = () => run('resume');
export const close = (reason: string) => run('close', { reason });
export interface TransferTarget {
  serviceId?: string;
  counterId?: string;
  placement: 'first' | 'last' | 'arrival';
}
export const transfer = (target: TransferTarget) => run('transfer', target);

/** Opens the chosen counter; already open for this clerk (a reload) counts as opened. */
export async function openCounter(): Promise<boolean> {
  const res = await run('open');
  if (res) return true;
  const c = snapshot.value?.counters.find((x) => x.id === counterId.value);
  if (c && c.state !== 'closed' && c.clerkId === session.value?.user.id) {
    notice.value = null;
    return true;
  }
  return false;
}
