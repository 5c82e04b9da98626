// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../store';
import { ReasonDialog } from './ReasonDialog';

afterEach(cleanup);

const configured = [
  { code: 'lunch', label: { 'zh-CN': '用餐', en: 'Meal break' } },
  { code: 'training', label: { 'zh-CN': '业务培训', en: 'Training' } },
];
const open = (onConfirm: (r: string) => void, codes = configured) =>
  render(
    <ReasonDialog
      title="Pause"
      label="Reason"
      reasons={['reason_lunch', 'reason_other']}
      configured={codes}
      confirmLabel="Pause now"
      onConfirm={onConfirm}
      onCancel={() => {}}
    />,
  );

describe("the reason dialog with the branch's codes", () => {
  it("offers the branch's reasons in the console's language and sends the code alone", () => {
    setLocale('zh-CN');
    const onConfirm = vi.fn();
    const { container } = open(onConfirm);
    const labels = [...container.querySelectorAll('label.choice')].map((l) => l.textContent);
    expect(labels).toEqual(['用餐', '业务培训']);
    // No free text beside configured codes: the reports count by code.
    expect(container.querySelector('input[name=details]')).toBeNull();
    expect(container.querySelector('.hint')?.textContent).toBe('请选择原因');
    const go = screen.getByRole('button', { name: 'Pause now' }) as HTMLButtonElement;
    expect(go.disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('业务培训'));
    expect(go.disabled).toBe(false);
    fireEvent.click(go);
    expect(onConfirm).toHaveBeenCalledWith('training');
    cleanup();
    setLocale('en');
    const again = open(vi.fn());
    expect([...again.container.querySelectorAll('label.choice')].map((l) => l.textContent)).toEqual([
      'Meal break',
      'Training',
    ]);
  });

  it('keeps its own list and the details field while the branch has no codes', () => {
    setLocale('en');
    const onConfirm = vi.fn();
    const { container } = open(onConfirm, []);
    expect([...container.querySelectorAll('label.choice')].map((l) => l.textContent)).toEqual([
      'Meal break',
      'Other',
    ]);
    expect(container.querySelector('input[name=details]')).not.toBeNull();
  });
});
