import type { FeedbackStore, QueueStore } from '@guichet/db';
import type { CaseConfig } from '../../config/env.js';
import { DEFAULT_CASE_RULES } from '../../core/cases.js';
import type { Kernel } from '../../kernel/index.js';
import { Feedback, type PadNotifier, registerFeedbackProjections } from './service.js';

export { feedbackRoutes } from './routes.js';
export type { Feedback } from './service.js';

/** 好差评: ratings, "not rated" timeouts and follow-up cases. */
export function createFeedback(
  kernel: Kernel,
  stores: { feedback: FeedbackStore; queue: QueueStore },
  opts: { timeoutSeconds: number; pads: PadNotifier; cases?: CaseConfig },
): Feedback {
  registerFeedbackProjections(kernel.registry, stores.feedback);
  const feedback = new Feedback({
    bus: kernel.bus,
    store: stores.feedback,
    timeoutSeconds: opts.timeoutSeconds,
    pads: opts.pads,
    caseRules: {
      callbackWorkingDays: opts.cases?.callbackWorkingDays ?? DEFAULT_CASE_RULES.callbackWorkingDays,
      resolutionWorkingDays: opts.cases?.resolutionWorkingDays ?? DEFAULT_CASE_RULES.resolutionWorkingDays,
    },
    commentHours: opts.cases?.commentHours ?? 72,
    finishedBy: (ticketId) =>
      stores.queue.eventsOfTicket(ticketId).findLast((e) => e.type === 'ticket.finished')?.actorId ?? null,
  });
  kernel.bus.onCommitted('rating pads', (batch) => feedback.onCommitted(batch));
  return feedback;
}
