import type { ConfigStore } from '@guichet/db';
import type { Kernel } from '../../kernel/index.js';
import { Notices, registerNoticeProjections } from './notices.js';

export type { Notices } from './notices.js';
export { noticeRoutes } from './routes.js';

/** The branch's scrolling notice and emergency notice. */
export function createNotices(kernel: Kernel, store: ConfigStore): Notices {
  registerNoticeProjections(kernel.registry, store);
  return new Notices(kernel.bus);
}
