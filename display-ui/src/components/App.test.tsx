// @vitest-environment happy-dom
import type { Locale } from '@guichet/server/protocol';
import { signal } from '@preact/signals';
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { DisplayApp, Phase } from '../app.js';
import { BoardState } from '../board.js';
import { resolveConfig } from '../config.js';
import { t } from '../strings.js';
import { fakeSnapshot } from '../testing/fake-hall.js';
import { App } from './App.js';

afterEach(cleanup);

const BOTH: Locale[] = ['zh-CN', 'en'];

/** The parts of DisplayApp that App reads, with the screen showing `screen`. */
function fakeApp(screen: Locale, phase: Phase = 'board'): DisplayApp {
  const board = new BoardState(resolveConfig({}), () => 0);
  board.setSnapshot(fakeSnapshot());
  return {
    phase: signal(phase),
    now: signal(Date.UTC(2026, 10, 26, 2, 0, 0)),
    mono: signal(0),
    soundBlocked: signal(true),
    voice: signal(null),
    board,
    pinnedLocale: screen,
    locales: () => BOTH,
    screenLocales: () => [screen],
    enableSound: async () => undefined,
  } as unknown as DisplayApp;
}

/** The language an element's text is read in: its nearest `lang`. */
function langOf(el: Element): string | null {
  return el.closest('[lang]')?.getAttribute('lang') ?? null;
}

describe('App', () => {
  it.each(BOTH)('shows the enable-sound overlay in both languages while the board shows %s', (screen) => {
    const { getByTestId } = render(<App app={fakeApp(screen)} />);
    const overlay = getByTestId('enable-sound');
    expect(overlay.textContent).toContain('启用声音 / Enable sound');
    for (const l of BOTH) {
      for (const key of ['enableSound', 'enableSoundHint'] as const) {
        const el = [...overlay.querySelectorAll('span')].find((s) => s.textContent === t(l, key));
        expect(el, `${key} in ${l}`).toBeDefined();
        expect(langOf(el as Element)).toBe(l);
      }
    }
  });

  it('shows the status screen in both languages, each marked with its language', () => {
    const { getByTestId } = render(<App app={fakeApp('zh-CN', 'rejected')} />);
    const status = getByTestId('status');
    for (const l of BOTH) {
      const el = [...status.querySelectorAll('p')].find((p) => p.textContent === t(l, 'pairingRejected'));
      expect(el).toBeDefined();
      expect(langOf(el as Element)).toBe(l);
    }
  });
});
