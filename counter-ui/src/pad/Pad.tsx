import { takeDeviceToken } from '@guichet/server/kit';
import { BAD_RATING_REASONS, type PadIdentity, type RatingRequest } from '@guichet/server/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, postRating, type RatingSource } from '../api';
import { connectPad } from '../socket';
import { STRINGS, type StringKey } from '../strings';
import { ClerkCard } from './ClerkCard';
import { Detail } from './Detail';
import { Face } from './Face';
import './pad.css';
import { BAD_REASONS, FACE_SCORES, isBadScore, NO_DETAIL, type RatingDetail, scoreForKey } from './keys';

/**
 * The rating pad facing the citizen. It shows Chinese first with English beneath (citizens do
 * not choose a language here), and always whom the citizen rates: the clerk's photo (or
 * initials), name, 工号 and the window. Idle → five faces on `rating:requested` → touched: the
 * optional dimensions and, for the two lowest, reasons, then one button sends; keypad: a bad
 * score asks one reason by key → thanks → idle. It closes on `rating:closed` or after
 * `timeoutSeconds`; a citizen who chose a face and walked away is sent with what was chosen.
 */
type Phase =
  | { kind: 'idle' }
  | { kind: 'ask'; req: RatingRequest }
  | { kind: 'detail'; req: RatingRequest; score: number; detail: RatingDetail }
  | { kind: 'reason'; req: RatingRequest; score: number }
  | { kind: 'sending' }
  | { kind: 'thanks' }
  | { kind: 'failed' };

export const TOKEN_KEY = 'guichet.pad.token';
const THANKS_MS = 4000;
/** A face chosen but not sent: sent as it stands after this long without a touch. */
export const DETAIL_IDLE_MS = 30_000;
/** Pauses before the 2nd, 3rd and 4th try of a rating that did not get through. */
export const RATING_RETRY_MS = [1000, 2000, 4000];

/** Worth another try: the server was not reached, was busy, or failed on its side. */
const retryable = (e: unknown): boolean =>
  !(e instanceof ApiError) || e.isNetwork || e.status === 429 || e.status >= 500;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Takes `?device=` from the address into localStorage and out of the address bar (the kit's pairing). */
export const padToken = (): string | null => takeDeviceToken(TOKEN_KEY);

function Both({ k, params }: { k: StringKey; params?: Record<string, string> }) {
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (m, n: string) => params?.[n] ?? m);
  return (
    <>
      <span class="zh">{fill(STRINGS['zh-CN'][k])}</span>
      <span class="en">{fill(STRINGS.en[k])}</span>
    </>
  );
}

interface Props {
  token: string | null;
  /** The pairing link's code was unknown, used or expired. */
  codeRefused?: boolean;
  connect?: typeof connectPad;
  submit?: (...args: Parameters<typeof postRating>) => Promise<unknown>;
}

export function Pad({ token, codeRefused = false, connect = connectPad, submit = postRating }: Props) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [online, setOnline] = useState(false);
  const [identity, setIdentity] = useState<PadIdentity | null>(null);
  const phaseRef = useRef(phase);
  phaseRef.current = phase;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const sending = useRef(false);

  const after = (ms: number, next: () => void) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(next, ms);
  };
  const toIdle = () => {
    if (timer.current) clearTimeout(timer.current);
    setPhase({ kind: 'idle' });
  };

  useEffect(() => {
    if (!token) return;
    const stop = connect(token, {
      onStatus: setOnline,
      onIdentity: setIdentity,
      onRequested: (req) => {
        setPhase({ kind: 'ask', req });
        after(Math.max(1, req.timeoutSeconds) * 1000, toIdle);
      },
      onClosed: (ticketId) => {
        const p = phaseRef.current;
        if ((p.kind === 'ask' || p.kind === 'reason' || p.kind === 'detail') && p.req.ticketId === ticketId)
          toIdle();
      },
    });
    return () => {
      stop();
      if (timer.current) clearTimeout(timer.current);
    };
  }, [token]);

  const send = async (req: RatingRequest, score: number, detail: RatingDetail, source: RatingSource) => {
    if (!token || sending.current) return;
    sending.current = true;
    // The request's own timeout no longer applies: the citizen has answered.
    if (timer.current) clearTimeout(timer.current);
    phaseRef.current = { kind: 'sending' };
    setPhase(phaseRef.current);
    let done = false;
    for (let attempt = 0; !done; attempt++) {
      try {
        await submit(token, req.ticketId, score, detail, source);
        done = true;
      } catch (e) {
        // Rated already (an earlier try that got through, another pad, the phone page): done.
        if (e instanceof ApiError && e.code === 'TICKET_ALREADY_RATED') done = true;
        else if (!retryable(e) || attempt >= RATING_RETRY_MS.length) break;
        else await sleep(RATING_RETRY_MS[attempt] ?? 0);
      }
    }
    sending.current = false;
    // A new request that arrived meanwhile keeps the screen.
    if (phaseRef.current.kind !== 'sending') return;
    setPhase(done ? { kind: 'thanks' } : { kind: 'failed' });
    after(THANKS_MS, toIdle);
  };

  /** The detail screen as it stands goes out when the citizen leaves it untouched. */
  const detailTimer = () =>
    after(DETAIL_IDLE_MS, () => {
      const p = phaseRef.current;
      if (p.kind === 'detail') void send(p.req, p.score, p.detail, 'pad');
    });
  const rate = (score: number, source: RatingSource) => {
    const p = phaseRef.current;
    if (p.kind !== 'ask') return;
    if (source === 'pad') {
      setPhase({ kind: 'detail', req: p.req, score, detail: NO_DETAIL });
      detailTimer();
    } else if (isBadScore(score)) setPhase({ kind: 'reason', req: p.req, score });
    else void send(p.req, score, NO_DETAIL, source);
  };
  const giveReason = (reason: (typeof BAD_REASONS)[number] | null) => {
    const p = phaseRef.current;
    if (p.kind !== 'reason') return;
    void send(p.req, p.score, { ...NO_DETAIL, reasons: reason ? [reason] : [] }, 'keypad');
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const p = phaseRef.current;
      if (p.kind === 'ask') {
        const score = scoreForKey(e.key);
        if (score !== null) {
          e.preventDefault();
          rate(score, 'keypad');
        }
      } else if (p.kind === 'reason') {
        const n = Number(e.key);
        const reason = Number.isInteger(n) && n >= 1 ? BAD_REASONS[n - 1] : undefined;
        if (reason) giveReason(reason);
        else if (e.key === 'Enter' || e.key === '0') giveReason(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!token || codeRefused) {
    return (
      <div class="pad pad-message" data-testid={codeRefused ? 'pairing-refused' : undefined}>
        <p>
          <Both k={codeRefused ? 'padCodeRefused' : 'padNotPaired'} />
        </p>
      </div>
    );
  }
  return (
    <div class={`pad pad-${phase.kind}`} data-phase={phase.kind}>
      {!online && (
        <div
          class="pad-offline"
          aria-hidden="true"
          title={`${STRINGS['zh-CN'].padOffline} / ${STRINGS.en.padOffline}`}
        />
      )}
      {phase.kind === 'idle' && (
        <div class="pad-center pad-idle-body">
          {identity && <ClerkCard identity={identity} token={token} />}
          <h1>
            <Both k="padIdleTitle" />
          </h1>
          <p>
            <Both k="padIdleText" />
          </p>
        </div>
      )}
      {phase.kind === 'ask' && (
        <div class="pad-ask">
          {(phase.req.identity ?? identity) && (
            <div class="pad-rating-for">
              <p class="rating-for-label">
                <Both k="padRatingFor" />
              </p>
              <ClerkCard identity={(phase.req.identity ?? identity)!} compact token={token} />
            </div>
          )}
          <h1>
            <Both k="padAsk" />
          </h1>
          <p class="pad-ticket">
            <Both k="padTicket" params={{ code: phase.req.code }} />
          </p>
          <div class="faces">
            {FACE_SCORES.map((score, i) => (
              <button
                key={score}
                type="button"
                class={`face-btn s${score}`}
                data-score={score}
                onClick={() => rate(score, 'pad')}
              >
                <Face score={score} />
                <Both k={`rate_${score}` as StringKey} />
                <kbd>{i + 1}</kbd>
              </button>
            ))}
          </div>
          <p class="pad-hint">
            <Both k="padKeysHint" />
          </p>
        </div>
      )}
      {phase.kind === 'detail' && (
        <Detail
          score={phase.score}
          detail={phase.detail}
          onChange={(detail) => {
            setPhase({ ...phase, detail });
            detailTimer();
          }}
          onSubmit={() => void send(phase.req, phase.score, phase.detail, 'pad')}
          onBack={() => {
            setPhase({ kind: 'ask', req: phase.req });
            after(Math.max(1, phase.req.timeoutSeconds) * 1000, toIdle);
          }}
        />
      )}
      {phase.kind === 'reason' && (
        <div class="pad-reason">
          <h1>
            <Both k="padReasonTitle" />
          </h1>
          <div class="reasons">
            {BAD_REASONS.map((r, i) => (
              <button key={r} type="button" class="reason-btn" data-reason={r} onClick={() => giveReason(r)}>
                <kbd>{i + 1}</kbd>
                <span class="zh">{BAD_RATING_REASONS[r]['zh-CN']}</span>
                <span class="en">{BAD_RATING_REASONS[r].en}</span>
              </button>
            ))}
          </div>
          <button type="button" class="skip-btn" onClick={() => giveReason(null)}>
            <Both k="padSkipReason" />
          </button>
        </div>
      )}
      {phase.kind === 'sending' && (
        <div class="pad-center">
          <p>
            <Both k="padSending" />
          </p>
        </div>
      )}
      {phase.kind === 'thanks' && (
        <div class="pad-center">
          <h1>
            <Both k="padThanks" />
          </h1>
          <p>
            <Both k="padThanksText" />
          </p>
        </div>
      )}
      {phase.kind === 'failed' && (
        <div class="pad-center">
          <p class="error">
            <Both k="padSubmitFailed" />
          </p>
        </div>
      )}
    </div>
  );
}
