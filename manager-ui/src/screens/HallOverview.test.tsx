// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { now, saveSession, setLocale } from '../store';
import { counter, hall, seedManager, service, T0, ticket } from '../testing/fixtures';
import { HallOverview } from './HallOverview';

afterEach(() => {
  cleanup();
  saveSession(null);
});

describe('hall overview', () => {
  it("shows each counter's state, pause reason, clerk, current ticket and time on it", () => {
    setLocale('en');
    const a7 = ticket('A007', { status: 'serving', calledAt: T0 - 300_000, startedAt: T0 - 125_000 });
    seedManager(
      hall({
        counters: [
          counter(2, { state: 'paused', pauseReason: '用餐', clerkId: 'u2', clerkName: '李娜' }),
          counter(1, { state: 'serving', currentTicketId: a7.id, clerkId: 'u1', clerkName: '王芳' }),
          counter(3, { state: 'closed', clerkName: '旧名字' }),
        ],
        tickets: [a7],
      }),
    );
    now.value = T0;
    const { container } = render(<HallOverview />);
    const rows = [...container.querySelectorAll('tr[data-counter]')];
    expect(rows.map((r) => r.getAttribute('data-counter'))).toEqual(['ctr-1', 'ctr-2', 'ctr-3']);
    expect(rows[0]?.textContent).toContain('Serving');
    expect(rows[0]?.textContent).toContain('王芳');
    expect(rows[0]?.textContent).toContain('A007');
    // Time on the ticket counts from the citizen's arrival once serving: 2:05.
    expect(rows[0]?.textContent).toContain('2:05');
    expect(rows[1]?.textContent).toContain('Reason: 用餐');
    // A closed counter shows nobody, whatever name it last had.
    expect(rows[2]?.textContent).not.toContain('旧名字');
    expect(container.textContent).toContain('2 of 3 open');
  });

  it('marks a queue whose longest wait is over its target with a sign, not by colour alone', () => {
    setLocale('zh-CN');
    seedManager(
      hall({
        services: [
          service('svc-a', 'A', { waiting: 3, oldestQueuedAt: T0 - 25 * 60_000, targetWaitMinutes: 20 }),
          service('svc-d', 'D', { waiting: 1, oldestQueuedAt: T0 - 60_000 }),
        ],
      }),
    );
    now.value = T0;
    const { container } = render(<HallOverview />);
    expect(container.querySelector('tr[data-service=svc-a] .over')?.textContent).toContain('25:00');
    expect(container.querySelector('tr[data-service=svc-d] .over')).toBeNull();
    expect(container.textContent).toContain('等候共 4 人');
  });
});
