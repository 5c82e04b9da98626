import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpRefusal, sendFailure } from '../http/errors.js';
import { metaOf, requireBranch, requireStaff } from '../http/guards.js';
import { apiRoute } from '../http/schemas.js';
import type { CasesRouteDeps } from './routes.js';
import { nextDay } from './service.js';

const SUPERVISORS = ['admin', 'manager', 'supervisor'] as const;
const MAX_DAYS = 62;

/** 逐日按人考评: records, the printable sheet's data, inspection entries, answers and appeals. */
export function appraisalRoutes(fastify: FastifyInstance, { cases, appraisal }: CasesRouteDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  /** The clerk herself, or a supervisor, manager or admin of her branch. */
  const readable = (req: FastifyRequest, userId: string) => {
    const p = requireStaff(req);
    const user = cases.store.user(userId);
    if (p.user.id !== userId) {
      if (!(SUPERVISORS as readonly string[]).includes(p.user.role))
        throw new HttpRefusal('FORBIDDEN', 'a clerk reads her own record only');
      if (!user) throw new HttpRefusal('USER_NOT_FOUND', `user ${userId} does not exist`);
      requireBranch(p, user.branchId ?? '');
    }
    const branch = user?.branchId ? cases.branch(user.branchId) : undefined;
    if (!user || !branch) throw new HttpRefusal('USER_NOT_FOUND', `user ${userId} has no branch`);
    return { p, user, branch };
  };
  const days = (from: string, to: string) => {
    if (from > to) throw new HttpRefusal('VALIDATION_FAILED', 'from is after to');
    const out: string[] = [];
    for (let d = from; d <= to && out.length <= MAX_DAYS; d = nextDay(d)) out.push(d);
    if (out.length > MAX_DAYS) throw new HttpRefusal('VALIDATION_FAILED', `at most ${MAX_DAYS} days`);
    return out;
  };

  app.route({
    ...apiRoute('appraisal:branch'),
    handler: async (req) => {
      const p = requireStaff(req, [...SUPERVISORS]);
      requireBranch(p, req.params.branchId);
      const branch = cases.branch(req.params.branchId);
      if (!branch) throw new HttpRefusal('BRANCH_NOT_FOUND', `branch ${req.params.branchId} does not exist`);
      const records = appraisal.day(branch, req.query.date);
      await cases.audit(
        metaOf(req),
        branch.id,
        'appraisal',
        records.map((r) => r.userId),
        req.query.date,
      );
      return { date: req.query.date, records };
    },
  });

  app.route({
    ...apiRoute('appraisal:user'),
    handler: async (req) => {
      const { p, user, branch } = readable(req, req.params.id);
      const list = days(req.query.from, req.query.to).flatMap((d) => appraisal.day(branch, d, user.id));
      if (p.user.id !== user.id)
        await cases.audit(
          metaOf(req),
          branch.id,
          'appraisal',
          [user.id],
          `${req.query.from}..${req.query.to}`,
        );
      return { days: list };
    },
  });

  app.route({
    ...apiRoute('appraisal:sheet'),
    handler: async (req) => {
      const { p, user, branch } = readable(req, req.params.id);
      const { date, month } = req.query;
      if (!date === !month) throw new HttpRefusal('VALIDATION_FAILED', 'give either date or month');
      const from = date ?? `${month}-01`;
      let to = from;
      if (month) while (nextDay(to).startsWith(month)) to = nextDay(to);
      const list = days(from, to).flatMap((d) => appraisal.day(branch, d, user.id));
      if (p.user.id !== user.id)
        await cases.audit(metaOf(req), branch.id, 'appraisal', [user.id], `sheet ${from}..${to}`);
      const total = (f: (r: (typeof list)[number]) => number) => list.reduce((n, r) => n + f(r), 0);
      const rated = total((r) => r.ratings.good.denominator);
      const good = total((r) => r.ratings.good.numerator);
      return {
        user: { id: user.id, name: user.name, staffNumber: user.staffNumber },
        branch: { id: branch.id, name: branch.name },
        from,
        to,
        days: list,
        totals: {
          served: total((r) => r.served),
          noShows: total((r) => r.noShows),
          transfers: total((r) => r.transfers),
          sessionSeconds: total((r) => r.sessionSeconds),
          pausedSeconds: total((r) => r.pausedSeconds),
          ratings: rated,
          bad: total((r) => r.ratings.bad),
          notRated: total((r) => r.ratings.notRated),
          good: {
            numerator: good,
            denominator: rated,
            percent: rated ? Math.round((good / rated) * 1000) / 10 : null,
          },
          casesOpened: total((r) => r.cases.opened),
          casesOverdue: list.at(-1)?.cases.overdue ?? 0,
          points: total((r) => r.points),
        },
        generatedAt: cases.now(),
      };
    },
  });

  app.route({
    ...apiRoute('appraisal:entry-create'),
    handler: async (req, reply) => {
      const p = requireStaff(req, [...SUPERVISORS]);
      const user = cases.store.user(req.params.id);
      if (!user?.branchId) throw new HttpRefusal('USER_NOT_FOUND', `user ${req.params.id} does not exist`);
      requireBranch(p, user.branchId);
      const r = await appraisal.addEntry(metaOf(req), { id: user.id, branchId: user.branchId }, req.body);
      if (!r.ok) return sendFailure(reply, r);
      return reply.code(201).send(r.data);
    },
  });

  app.route({
    ...apiRoute('appraisal:entry-answer'),
    handler: async (req, reply) => {
      const p = requireStaff(req);
      const e = cases.store.entry(req.params.id);
      if (!e) throw new HttpRefusal('APPRAISAL_ENTRY_NOT_FOUND', `entry ${req.params.id} does not exist`);
      // Only the clerk the entry is about answers or appeals it.
      if (e.userId !== p.user.id)
        throw new HttpRefusal('FORBIDDEN', 'only the person the entry is about answers it');
      const r = await appraisal.answer(metaOf(req), e.id, req.body.text, req.body.appeal);
      if (!r.ok) return sendFailure(reply, r);
      return r.data;
    },
  });

  app.route({
    ...apiRoute('appraisal:entry-decide'),
    handler: async (req, reply) => {
      const p = requireStaff(req, ['admin', 'manager']);
      const e = cases.store.entry(req.params.id);
      if (!e) throw new HttpRefusal('APPRAISAL_ENTRY_NOT_FOUND', `entry ${req.params.id} does not exist`);
      requireBranch(p, e.branchId);
      const r = await appraisal.decide(metaOf(req), e.id, req.body.outcome, req.body.text);
      if (!r.ok) return sendFailure(reply, r);
      return r.data;
    },
  });
}
