import {
  ApiError,
  BranchStream,
  call,
  forgetDeviceToken,
  newIdempotencyKey,
  openSocket,
  pairDevice,
  redeemPairingCode,
  type SocketFactory,
  takeDeviceToken,
} from '@guichet/server/kit';
import type { IssuedTicket, Locale, ServiceView } from '@guichet/server/protocol';
import { batch } from '@preact/signals';
import {
  DEFAULT_TIMINGS,
  issuingBlocked,
  type KioskTimings,
  kiosk,
  kioskLocale,
  PENDING_ATTEMPT_MS,
  pendingAttempts,
  unpairKiosk,
} from '../store';
import { errorText, t } from '../strings';

/** Where the kiosk keeps its device token (from the pairing URL's `?device=`). */
export const TOKEN_KEY = 'guichet.kiosk.deviceToken';

let stream: BranchStream | null = null;

/** Pairs the kiosk (token from the URL or storage), finds its branch and follows it live. */
export async function bootKiosk(socket: SocketFactory = openSocket): Promise<() => void> {
  // A pairing link (`?pair=<code>`) first: its token replaces whatever this kiosk held.
  if ((await redeemPairingCode(TOKEN_KEY)).kind === 'refused') {
    kiosk.pairing.value = 'code-refused';
    return () => {};
  }
  const token = takeDeviceToken(TOKEN_KEY);
  kiosk.token.value = token;
  if (!token) {
    kiosk.pairing.value = 'unpaired';
    return () => {};
  }
  kiosk.pairing.value = 'checking';
  const device = await pairDevice(token);
  if (!device) {
    rejectPairing();
    return () => {};
  }
  batch(() => {
    kiosk.branchId.value = device.branchId;
    // The device's own configuration may carry the kiosk's timings.
    kiosk.timings.value = readTimings(device.config);
    kiosk.pairing.value = 'paired';
  });
  const mine = new BranchStream(
    { token, branchId: device.branchId, socket },
    {
      onSnapshot: (s) => {
        kiosk.snapshot.value = s;
      },
      onDelta: (s) => {
        kiosk.snapshot.value = s;
      },
      onStatus: ({ connected, synced }) =>
        batch(() => {
          kiosk.connected.value = connected;
          kiosk.live.value = synced;
        }),
      onRejected: () => rejectPairing(),
    },
  );
  stream = mine.start();
  return () => {
    mine.stop();
    batch(() => {
      kiosk.connected.value = false;
      kiosk.live.value = false;
    });
  };
}

/**
 * The token was revoked or is unknown: forget it and say so, instead of retrying forever
 * behind greyed tiles. Pairing again needs the pairing link.
 */
export function rejectPairing(): void {
  stream?.stop();
  stream = null;
  forgetDeviceToken(TOKEN_KEY);
  unpairKiosk('rejected');
}

function readTimings(config: unknown): KioskTimings {
  const out = { ...DEFAULT_TIMINGS };
  if (config && typeof config === 'object') {
    for (const name of Object.keys(out) as (keyof KioskTimings)[]) {
      const v = (config as Record<string, unknown>)[name];
      if (typeof v === 'number' && v > 0) out[name] = v;
    }
  }
  return out;
}

export function findService(serviceId: string): ServiceView | undefined {
  return kiosk.snapshot.value?.services.find((s) => s.id === serviceId);
}

/** A tap on a service tile: straight to a ticket, or to its options (priority, phone/ID). */
export function chooseService(service: ServiceView): void {
  if (issuingBlocked.value || kiosk.pending.value || !service.open) return;
  if (service.allowPriority || service.requiresPersonId) {
    kiosk.screen.value = { name: 'options', serviceId: service.id };
    return;
  }
  void issueTicket({ serviceId: service.id });
}

export interface IssueRequest {
  serviceId: string;
  priority?: boolean;
  personId?: string;
}

/** The choices that make two taps the same attempt (the language does not). */
function attemptId(request: IssueRequest): string {
  return JSON.stringify([request.serviceId, request.priority === true, request.personId ?? null]);
}

/**
 * One Idempotency-Key per attempt: while an answer is lost, the same choices reuse it for
 * PENDING_ATTEMPT_MS (the server answers 200 with the ticket it may already have issued), also
 * after going home and tapping the same service again; anything else starts a new attempt.
 */
function attemptKey(id: string, now: number): string {
  for (const [k, a] of pendingAttempts) if (a.until <= now) pendingAttempts.delete(k);
  const held = pendingAttempts.get(id);
  const key = held?.key ?? newIdempotencyKey();
  pendingAttempts.set(id, { key, until: now + PENDING_ATTEMPT_MS });
  return key;
}

/** No answer, or one from a proxy in front of the server: the ticket may exist. */
const answerLost = (err: ApiError): boolean => err.isNetwork || err.status >= 500;

export async function issueTicket(request: IssueRequest): Promise<IssuedTicket | null> {
  // Checked and set in the same task: a second tap before the re-render finds it pending.
  if (kiosk.pending.value || issuingBlocked.value) return null;
  const branchId = kiosk.branchId.value;
  if (!branchId) return null;
  const locale: Locale = kioskLocale.value;
  const body = { ...request, locale };
  const id = attemptId(request);
  const key = attemptKey(id, Date.now());
  batch(() => {
    kiosk.pending.value = true;
    kiosk.problem.value = null;
  });
  try {
    const ticket: IssuedTicket = await call('tickets:issue', {
      params: { branchId },
      body,
      token: kiosk.token.value,
      idempotencyKey: key,
      timeoutMs: 15_000,
    });
    pendingAttempts.delete(id);
    kiosk.screen.value = { name: 'ticket', ticket, serviceId: request.serviceId };
    return ticket;
  } catch (e) {
    const err = e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e));
    if (err.isRejection) {
      pendingAttempts.delete(id);
      rejectPairing();
      return null;
    }
    const lost = answerLost(err);
    // A refusal is final: the next tap is a new attempt.
    if (!lost) pendingAttempts.delete(id);
    kiosk.problem.value = {
      message: lost ? t(locale, 'issue.error.lost') : errorText(locale, err.code, 'issue.error.generic'),
      retry: lost,
      request,
    };
    return null;
  } finally {
    kiosk.pending.value = false;
  }
}

/** Back to the service tiles, forgetting the citizen's choices. */
export function goHome(): void {
  // A lost attempt is kept (pendingAttempts): a second tap must not make a second ticket.
  batch(() => {
    kiosk.screen.value = { name: 'home' };
    kiosk.problem.value = null;
  });
}

/** Nobody is at the kiosk any more: home, in the branch's default language. */
export function resetForNextCitizen(): void {
  goHome();
  kiosk.chosenLocale.value = null;
}

export function setKioskLocale(locale: Locale): void {
  kiosk.chosenLocale.value = locale;
}
