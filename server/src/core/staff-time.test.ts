import { describe, expect, it } from 'vitest';
import { type Interval, intersect, staffTime, subtract, union } from './staff-time.js';

/** Minutes after 08:00 as milliseconds, to keep the hand-worked numbers readable. */
const m = (minutes: number) => minutes * 60_000;
const span = (a: number, b: number): Interval => [m(a), m(b)];

describe('interval arithmetic', () => {
  it('unites, intersects and subtracts', () => {
    expect(union([span(5, 10), span(0, 3), span(9, 12), span(20, 20)])).toEqual([span(0, 3), span(5, 12)]);
    expect(intersect([span(0, 10), span(20, 30)], [span(5, 25)])).toEqual([span(5, 10), span(20, 25)]);
    expect(subtract([span(0, 30)], [span(5, 10), span(20, 25)])).toEqual([
      span(0, 5),
      span(10, 20),
      span(25, 30),
    ]);
  });
});

describe('staffTime: a clerk morning worked out by hand', () => {
  // 08:00 sign in … 12:00 sign out (240 min). Pauses: 10:00–10:15 toilet, 11:00–11:20 consult.
  // Serving: 08:10–08:40, 08:45–09:30, 10:30–10:50, 11:30–11:55 → 30 + 45 + 20 + 25 = 120 min.
  // Paused 35 min; idle = 240 − 120 − 35 = 85 min; utilisation = 120 ÷ 205 = 58.5 %.
  // Eligible tickets waited 08:40–08:50 (idle 08:40–08:45: 5 min), 09:30–10:30 (idle 09:30–10:00
  // and 10:15–10:30: 45 min; the pause 10:00–10:15 is not idle), 11:50–12:10 (serving, then idle
  // 11:55–12:00: 5 min) → 55 min idle while work waited.
  const day = staffTime({
    sessions: [span(0, 240)],
    pauses: [
      { span: span(120, 135), reason: 'toilet' },
      { span: span(180, 200), reason: 'consult' },
    ],
    serving: [span(10, 40), span(45, 90), span(150, 170), span(210, 235)],
    eligibleWaiting: [span(40, 50), span(90, 150), span(230, 250)],
  });

  it('session, pauses by reason, serving and idle', () => {
    expect(day).toMatchObject({
      sessionSeconds: 240 * 60,
      pausedSeconds: 35 * 60,
      pausedByReason: { toilet: 15 * 60, consult: 20 * 60 },
      servingSeconds: 120 * 60,
      idleSeconds: 85 * 60,
      utilisationPercent: 58.5,
    });
  });

  it('idle while eligible tickets waited', () => {
    expect(day.idleWithWorkSeconds).toBe(55 * 60);
  });

  it('time outside the session counts nowhere; no session gives no utilisation', () => {
    const outside = staffTime({
      sessions: [span(0, 60)],
      pauses: [{ span: span(50, 90), reason: 'lunch' }],
      serving: [span(55, 70)],
      eligibleWaiting: [],
    });
    expect(outside).toMatchObject({
      sessionSeconds: 3600,
      pausedSeconds: 600,
      servingSeconds: 0,
      idleSeconds: 3000,
    });
    expect(
      staffTime({ sessions: [], pauses: [], serving: [], eligibleWaiting: [] }).utilisationPercent,
    ).toBeNull();
  });
});
