import type { FeedbackStore, QueueStore } from '@guichet/db';
import type { Kernel } from '../../kernel/index.js';
import { Feedback, type PadNotifier, registerFeedbackProjections } from './service.js';

export { feedbackRoutes } from './routes.js';
export type { Feedback } from './service.js';

/** 好差评: ratings, "not rated" timeouts and follow-up cases. */
export function createFeedback(
  kernel: Kernel,
  stores: { feedback: FeedbackStore; queue: QueueStore },
  opts: { timeoutSeconds: number; pads: PadNotifier },
): Feedback {
  registerFeedbackProjections(kernel.registry, stores.feedback);
  const feedback = new Feedback({
    bus: kernel.bus,
    store: stores.feedback,
    timeoutSeconds: opts.timeoutSeconds,
    pads: opts.pads,
    finishedBy: (ticketId) =>
      stores.queue.eventsOfTicket(ticketId).findLast((e) => e.type === 'ticket.finished')?.actorId ?? null,
  });
  kernel.bus.onCommitted('rating pads', (batch) => feedback.onCommitted(batch));
  return feedback;
}
