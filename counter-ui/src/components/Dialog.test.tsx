// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dialog } from '../staff';
import { notice, setLocale } from '../store';
import { Banner } from './Banner';

afterEach(() => {
  cleanup();
  notice.value = null;
});

function Harness({ onCancel = () => {} }: { onCancel?: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <div>
      <button type="button" id="opener" onClick={() => setOpen(true)}>
        open
      </button>
      {open && (
        <Dialog
          title="Test"
          onConfirm={() => setOpen(false)}
          onCancel={() => {
            onCancel();
            setOpen(false);
          }}
        >
          <fieldset>
            <input type="radio" name="r" value="a" id="ra" />
            <input type="radio" name="r" value="b" id="rb" />
          </fieldset>
          <input type="text" id="details" />
        </Dialog>
      )}
    </div>
  );
}

const openDialog = () => {
  const opener = document.getElementById('opener') as HTMLButtonElement;
  opener.focus();
  fireEvent.click(opener);
  return opener;
};
const tab = (shiftKey = false) =>
  fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Tab', shiftKey });
const buttons = () => [...screen.getByRole('dialog').querySelectorAll('button')];

describe('dialog', () => {
  it('focuses the first field on open and gives focus back to the opener on close', () => {
    setLocale('zh-CN');
    render(<Harness />);
    const opener = openDialog();
    expect(document.activeElement?.id).toBe('ra');
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('Tab wraps from the last button to the first field, Shift+Tab the other way', () => {
    render(<Harness />);
    openDialog();
    const confirm = buttons().at(-1)!;
    confirm.focus();
    tab();
    expect(document.activeElement?.id).toBe('ra');
    // From the radio group (one Tab stop, even from its second radio) Shift+Tab goes to the last button.
    (document.getElementById('rb') as HTMLInputElement).focus();
    tab(true);
    expect(document.activeElement).toBe(confirm);
  });

  it('Tab in the middle is left to the browser', () => {
    render(<Harness />);
    openDialog();
    (document.getElementById('details') as HTMLInputElement).focus();
    const event = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
    document.activeElement!.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
  });

  it('with focus outside (a click on the backdrop) Escape still cancels and Tab comes back in', () => {
    const onCancel = vi.fn();
    render(<Harness onCancel={onCancel} />);
    openDialog();
    (document.activeElement as HTMLElement).blur();
    fireEvent.keyDown(document.body, { key: 'Tab' });
    expect(document.activeElement?.id).toBe('ra');
    (document.activeElement as HTMLElement).blur();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('keeps the focus inside when the field that had it is replaced (reasons arriving live)', () => {
    const { rerender } = render(
      <Dialog title="Pause" onConfirm={() => {}} onCancel={() => {}}>
        <textarea id="details" />
      </Dialog>,
    );
    expect(document.activeElement?.id).toBe('details');
    rerender(
      <Dialog title="Pause" onConfirm={() => {}} onCancel={() => {}}>
        <fieldset>
          <input type="radio" name="reason" value="lunch" id="lunch" />
        </fieldset>
      </Dialog>,
    );
    expect(document.activeElement?.id).toBe('lunch');
  });
});

describe('banner', () => {
  it('an error notice is an alert; information stays a status', () => {
    notice.value = { kind: 'error', text: '操作未完成' };
    render(<Banner />);
    expect(screen.getByTestId('notice').getAttribute('role')).toBe('alert');
    notice.value = { kind: 'info', text: '已邀请评价' };
    cleanup();
    render(<Banner />);
    expect(screen.getByTestId('notice').getAttribute('role')).toBe('status');
  });
});
