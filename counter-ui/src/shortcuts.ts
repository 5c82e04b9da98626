import { signal } from '@preact/signals';

/** Console actions that have a key. Stored per computer (localStorage), F-keys by default. */
export const ACTIONS = [
  'callNext',
  'recall',
  'start',
  'finish',
  'noShow',
  'transfer',
  'park',
  'callSelected',
  'pause',
  'rating',
  'close',
] as const;
export type ActionId = (typeof ACTIONS)[number];

/**
 * F11 (full screen) and F12 (developer tools) are left to the browser; the rest of the F-row
 * is taken over by the console (F5 no longer reloads while it has focus). `pause` also resumes.
 */
export const DEFAULT_SHORTCUTS: Record<ActionId, string> = {
  callNext: 'F1',
  recall: 'F2',
  start: 'F3',
  finish: 'F4',
  noShow: 'F5',
  transfer: 'F6',
  park: 'F7',
  callSelected: 'F8',
  pause: 'F9',
  rating: 'F10',
  close: 'Shift+F10',
};

const KEY = 'guichet.counter.shortcuts';

function load(): Record<ActionId, string> {
  try {
    const saved = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '{}') as Partial<
      Record<ActionId, string>
    >;
    const out = { ...DEFAULT_SHORTCUTS };
    for (const a of ACTIONS) if (typeof saved[a] === 'string' && saved[a]) out[a] = saved[a];
    return out;
  } catch {
    return { ...DEFAULT_SHORTCUTS };
  }
}

export const shortcuts = signal<Record<ActionId, string>>(load());

/** Gives `action` the key; another action that had the same key swaps to this one's old key. */
export function setShortcut(action: ActionId, key: string): void {
  const next = { ...shortcuts.value };
  const clash = ACTIONS.find((a) => a !== action && next[a] === key);
  if (clash) next[clash] = next[action];
  next[action] = key;
  shortcuts.value = next;
  localStorage.setItem(KEY, JSON.stringify(next));
}

export function resetShortcuts(): void {
  shortcuts.value = { ...DEFAULT_SHORTCUTS };
  localStorage.removeItem(KEY);
}

/** "F1", "Shift+F10", "Ctrl+K" — the name a keydown is stored and shown under. */
export function keyName(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>,
): string {
  if (['Control', 'Shift', 'Alt', 'Meta'].includes(e.key)) return '';
  const key = e.key.length === 1 ? e.key.toUpperCase() : e.key;
  return [
    e.ctrlKey && 'Ctrl',
    e.altKey && 'Alt',
    e.metaKey && 'Meta',
    e.shiftKey && key.length > 1 && 'Shift',
    key,
  ]
    .filter(Boolean)
    .join('+');
}

export function actionForKey(name: string): ActionId | null {
  if (!name) return null;
  return ACTIONS.find((a) => shortcuts.value[a] === name) ?? null;
}
