import type { BranchRow, ConfigStore } from '@guichet/db';
import type { EmergencyNotice, LocalizedText } from '../protocol/index.js';
import type { BranchExtras } from './views.js';

/** The hall's scrolling notice and emergency notice, kept in memory and in the branch row. */
export class Notices {
  private readonly byBranch = new Map<string, BranchExtras>();

  constructor(
    private readonly store: ConfigStore,
    rows: BranchRow[],
  ) {
    for (const r of rows) {
      this.byBranch.set(r.id, {
        notice: r.noticeZh || r.noticeEn ? { 'zh-CN': r.noticeZh ?? '', en: r.noticeEn ?? '' } : null,
        emergency: (r.emergency as EmergencyNotice | null) ?? null,
      });
    }
  }

  of(branchId: string): BranchExtras {
    return this.byBranch.get(branchId) ?? { notice: null, emergency: null };
  }

  setNotice(branchId: string, notice: LocalizedText | null): void {
    this.store.setNotice(branchId, notice ? { zh: notice['zh-CN'], en: notice.en } : null);
    this.byBranch.set(branchId, { ...this.of(branchId), notice });
  }

  setEmergency(branchId: string, emergency: EmergencyNotice | null): void {
    this.store.setEmergency(branchId, emergency);
    this.byBranch.set(branchId, { ...this.of(branchId), emergency });
  }
}
