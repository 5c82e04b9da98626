import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Outcome, TransferPlacement } from '../../core/index.js';
import type { CommandMeta } from '../../kernel/events.js';
import type { CounterCommand } from '../../protocol/index.js';
import { HttpRefusal, sendFailure } from '../http/errors.js';
import { metaOf, requireBranch, requireStaff } from '../http/guards.js';
import { staffAtCounter } from './access.js';
import type { QueueCommands } from './commands.js';
import type { QueueReads } from './reads.js';

const CounterParams = Type.Object({ counterId: Type.String({ minLength: 1, maxLength: 64 }) });
const Reason = Type.String({ minLength: 1, maxLength: 200 });
const Id = Type.String({ minLength: 1, maxLength: 64 });

/** Each command's body schema: validated at the edge before the bus sees it. */
const BODIES: Record<CounterCommand, ReturnType<typeof Type.Object>> = {
  open: Type.Object({}, { additionalProperties: false }),
  close: Type.Object({ reason: Reason }, { additionalProperties: false }),
  pause: Type.Object({ reason: Reason }, { additionalProperties: false }),
  resume: Type.Object({}, { additionalProperties: false }),
  'call-next': Type.Object({}, { additionalProperties: false }),
  call: Type.Object({ ticketId: Id }, { additionalProperties: false }),
  recall: Type.Object({}, { additionalProperties: false }),
  start: Type.Object({}, { additionalProperties: false }),
  finish: Type.Object(
    {
      outcome: Type.Optional(
        Type.Union([Type.Literal('served'), Type.Literal('served_incomplete'), Type.Literal('referred')]),
      ),
    },
    { additionalProperties: false },
  ),
  'no-show': Type.Object({}, { additionalProperties: false }),
  transfer: Type.Object(
    {
      serviceId: Type.Optional(Id),
      counterId: Type.Optional(Id),
      placement: Type.Union([Type.Literal('first'), Type.Literal('last'), Type.Literal('arrival')]),
      reason: Type.Optional(Type.String({ maxLength: 200 })),
    },
    { additionalProperties: false },
  ),
  park: Type.Object(
    { reason: Type.Optional(Type.String({ maxLength: 200 })) },
    { additionalProperties: false },
  ),
};

export interface CounterRouteDeps {
  commands: QueueCommands;
  reads: QueueReads;
  /** Signs a session back in to the counter its clerk holds (a reloaded console). */
  bindSession(meta: CommandMeta, tokenHash: string, counterId: string): Promise<unknown>;
  /** The signed-in clerk's figures since a time. */
  clerkDay(clerkId: string, since: number): unknown;
}

type Body = {
  reason?: string;
  ticketId?: string;
  outcome?: Outcome;
  serviceId?: string;
  counterId?: string;
  placement?: TransferPlacement;
};

/** The clerk's console: one route per counter command, the call order and the clerk's day. */
export const counterRoutes: FastifyPluginAsync<CounterRouteDeps> = async (fastify, deps) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { commands, reads } = deps;

  for (const command of Object.keys(BODIES) as CounterCommand[]) {
    app.post(
      `/counters/:counterId/${command}`,
      {
        schema: {
          tags: ['counter'],
          summary: `Counter command: ${command}`,
          params: CounterParams,
          body: BODIES[command],
        },
      },
      async (req, reply) => {
        const { counterId } = req.params;
        const { principal: p, counter } = staffAtCounter(req, reads, counterId, command === 'open');
        const body = (req.body ?? {}) as Body;
        const meta = metaOf(req);
        // Reopening one's own counter (a reloaded console) signs the session back in to it.
        if (command === 'open' && counter.state !== 'closed' && counter.clerkId === p.user.id) {
          await deps.bindSession(meta, p.tokenHash, counterId);
          return reads.counterState(counter);
        }
        const r = await commands.counterCommand(meta, counterId, command, {
          ...body,
          clerkId: p.user.id,
          actingClerk: p.user.role === 'clerk' ? p.user.id : null,
          session: p.tokenHash,
        });
        return r.ok ? r.data : sendFailure(reply, r);
      },
    );
  }

  app.get(
    '/counters/:counterId/order',
    {
      schema: {
        tags: ['counter'],
        summary: 'The order call-next would take here, with the rule for each',
        params: CounterParams,
      },
    },
    async (req) => {
      const p = requireStaff(req);
      const counter = counterOr404(reads, req.params.counterId);
      requireBranch(p, counter.branchId);
      return reads.order(counter.id);
    },
  );

  app.get(
    '/counters/:counterId/today',
    {
      schema: {
        tags: ['counter'],
        summary: "The signed-in clerk's day: served, service time, no-shows, ratings",
        params: CounterParams,
      },
    },
    async (req) => {
      const p = requireStaff(req);
      const counter = counterOr404(reads, req.params.counterId);
      requireBranch(p, counter.branchId);
      return deps.clerkDay(p.user.id, reads.startOfDay(counter.branchId));
    },
  );
};

function counterOr404(reads: QueueReads, counterId: string) {
  const counter = reads.counter(counterId);
  if (!counter) throw new HttpRefusal('COUNTER_NOT_FOUND', `counter ${counterId} does not exist`);
  return counter;
}
