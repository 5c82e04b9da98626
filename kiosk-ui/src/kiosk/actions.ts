import type { IssuedTicket, Locale, MeResponse, ServiceView } from '@guichet/server/protocol';
import { batch } from '@preact/signals';
import { ApiError, api, newIdempotencyKey } from '../api';
import { takeDeviceToken } from '../device';
import { openSocket, type SocketFactory, startBranchStream } from '../socket';
import { DEFAULT_TIMINGS, issuingBlocked, type KioskTimings, kiosk, kioskLocale } from '../store';
import { t, tCode } from '../strings';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Pairs the kiosk (token from the URL or storage), finds its branch and follows it live. */
export async function bootKiosk(factory: SocketFactory = openSocket): Promise<() => void> {
  const token = takeDeviceToken();
  kiosk.token.value = token;
  if (!token) {
    kiosk.pairing.value = 'unpaired';
    return () => {};
  }
  kiosk.pairing.value = 'checking';
  for (let delay = 1_000; ; delay = Math.min(delay * 2, 10_000)) {
    try {
      const me = await api<MeResponse>('/me', { token });
      if (me.kind !== 'device' || !me.device) throw new ApiError(403, 'FORBIDDEN', 'not a device');
      const branchId = me.device.branchId;
      batch(() => {
        kiosk.branchId.value = branchId;
        // The device's own configuration may carry the kiosk's timings.
        kiosk.timings.value = readTimings(me.device.config);
        kiosk.pairing.value = 'paired';
      });
      return startBranchStream(token, branchId, factory);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
        kiosk.pairing.value = 'rejected';
        return () => {};
      }
      await sleep(delay);
    }
  }
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

/**
 * One Idempotency-Key per attempt: a retry after a network failure reuses it (the server may
 * have issued the ticket before the answer was lost), anything else starts a new attempt.
 */
let attempt: { key: string; body: string } | null = null;

export async function issueTicket(request: IssueRequest): Promise<IssuedTicket | null> {
  // Checked and set in the same task: a second tap before the re-render finds it pending.
  if (kiosk.pending.value || issuingBlocked.value) return null;
  const branchId = kiosk.branchId.value;
  if (!branchId) return null;
  const locale: Locale = kioskLocale.value;
  const body = { ...request, locale };
  const bodyText = JSON.stringify(body);
  if (!attempt || attempt.body !== bodyText) attempt = { key: newIdempotencyKey(), body: bodyText };
  batch(() => {
    kiosk.pending.value = true;
    kiosk.problem.value = null;
  });
  try {
    const ticket = await api<IssuedTicket>(`/branches/${encodeURIComponent(branchId)}/tickets`, {
      method: 'POST',
      body,
      token: kiosk.token.value,
      headers: { 'Idempotency-Key': attempt.key },
      timeoutMs: 15_000,
    });
    attempt = null;
    kiosk.screen.value = { name: 'ticket', ticket, serviceId: request.serviceId };
    return ticket;
  } catch (e) {
    const err = e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e));
    if (!err.isNetwork) attempt = null;
    kiosk.problem.value = {
      message: err.isNetwork
        ? t(locale, 'issue.error.network')
        : (tCode(locale, 'error', err.code) ?? t(locale, 'issue.error.generic', { message: err.message })),
      retry: err.isNetwork,
      request,
    };
    return null;
  } finally {
    kiosk.pending.value = false;
  }
}

/** Back to the service tiles, forgetting the citizen's choices. */
export function goHome(): void {
  attempt = null;
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
