// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { scoreForKey } from './pad/keys';
import {
  actionForKey,
  DEFAULT_SHORTCUTS,
  keyName,
  resetShortcuts,
  setShortcut,
  shortcuts,
} from './shortcuts';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey', boolean>> = {}) =>
  keyName({ key: k, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods });

describe('shortcuts', () => {
  beforeEach(() => resetShortcuts());

  it('names keys with their modifiers', () => {
    expect(key('F1')).toBe('F1');
    expect(key('F10', { shiftKey: true })).toBe('Shift+F10');
    expect(key('k', { ctrlKey: true })).toBe('Ctrl+K');
    expect(key('Shift', { shiftKey: true })).toBe('');
  });

  it('defaults map every action to a distinct key', () => {
    const keys = Object.values(DEFAULT_SHORTCUTS);
    expect(new Set(keys).size).toBe(keys.length);
    expect(actionForKey('F1')).toBe('callNext');
    expect(actionForKey('Shift+F10')).toBe('close');
  });

  it('a new key is stored in localStorage and a clashing action takes the old key', () => {
    setShortcut('recall', 'F1');
    expect(shortcuts.value.recall).toBe('F1');
    expect(shortcuts.value.callNext).toBe('F2');
    expect(JSON.parse(localStorage.getItem('guichet.counter.shortcuts') ?? '{}').recall).toBe('F1');
    resetShortcuts();
    expect(shortcuts.value.recall).toBe('F2');
    expect(localStorage.getItem('guichet.counter.shortcuts')).toBeNull();
  });
});

describe('rating keypad keys', () => {
  it('key 1 is 非常满意 (score 5) … key 5 is 非常不满意 (score 1)', () => {
    expect(['1', '2', '3', '4', '5'].map(scoreForKey)).toEqual([5, 4, 3, 2, 1]);
    expect(scoreForKey('0')).toBeNull();
    expect(scoreForKey('6')).toBeNull();
    expect(scoreForKey('a')).toBeNull();
  });
});
