import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import {
  type Branch,
  businessDay,
  type Service,
  type ServiceHours,
  type WeeklyHours,
} from '../../core/index.js';
import type { RouteBody } from '../../protocol/schemas/routes.js';
import { routeOptions } from '../../protocol/schemas/routes.js';
import { HttpRefusal, sendFailure } from '../http/errors.js';
import { metaOf, noContent } from '../http/guards.js';
import { branchView, counterView, serviceView } from '../queue/views.js';
import { requireAdmin, requireConfigurator, statusOf } from './access.js';
import { ALL_DAY_HOURS, effectiveExceptions } from './hours.js';
import type { AdminService } from './service.js';

export interface HallRouteDeps {
  admin: AdminService;
  clerkName(id: string): string | null;
}

type BranchInput = RouteBody<'branch:update'>;

/** A branch from its input over its previous state; without hours it is open all day, every day. */
export function branchFrom(id: string, input: BranchInput, prev: Branch | undefined, now: number): Branch {
  checkReasons(input);
  const timezone = input.timezone ?? prev?.timezone ?? 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw new HttpRefusal('VALIDATION_FAILED', `body.timezone ${timezone} is not an IANA time zone`);
  }
  const hours = input.hours ?? prev?.hours ?? ALL_DAY_HOURS;
  const year = Number(businessDay(now, timezone).slice(0, 4));
  // The calendar and the branch's own exceptions are kept apart so the manager edits only hers;
  // a branch saved before they were kept has only the merged list, which stays as it is.
  const holidays = input.holidays ?? prev?.holidays;
  const own = input.exceptions ?? prev?.ownExceptions;
  const recompute = input.holidays !== undefined || input.exceptions !== undefined || holidays !== undefined;
  const exceptions = recompute
    ? effectiveExceptions(holidays ?? 'none', hours, own ?? [], year)
    : (prev?.exceptions ?? []);
  const locales = input.locales ?? prev?.locales ?? ['zh-CN', 'en'];
  const address = input.address === null ? undefined : (input.address ?? prev?.address);
  const pauseReasons = input.pauseReasons ?? prev?.pauseReasons;
  const closeReasons = input.closeReasons ?? prev?.closeReasons;
  return {
    id,
    name: input.name ?? prev?.name ?? { 'zh-CN': id, en: id },
    timezone,
    locales,
    defaultLocale: input.defaultLocale ?? prev?.defaultLocale ?? locales[0] ?? 'zh-CN',
    hours,
    exceptions,
    issueCutoffMinutes: input.issueCutoffMinutes ?? prev?.issueCutoffMinutes ?? 0,
    noShowAfterRecalls: input.noShowAfterRecalls ?? prev?.noShowAfterRecalls ?? 2,
    reinstatePlacesBack: input.reinstatePlacesBack ?? prev?.reinstatePlacesBack ?? 3,
    ewtSampleSize: prev?.ewtSampleSize ?? 50,
    // Optional settings last, in the order the export document lists them.
    ...(address && { address }),
    ...(recompute && { holidays: holidays ?? 'none', ownExceptions: own ?? [] }),
    ...(prev?.serviceHours && { serviceHours: prev.serviceHours }),
    ...(prev?.counterHours && { counterHours: prev.counterHours }),
    ...(pauseReasons && { pauseReasons }),
    ...(closeReasons && { closeReasons }),
  };
}

/**
 * A service's own hours and cut-off from the body over what it had: a field left out keeps its
 * value, null drops it; nothing left means the branch's (null), nothing said means unchanged.
 */
function ownHours(
  hours: WeeklyHours | null | undefined,
  cutoff: number | null | undefined,
  had: ServiceHours | undefined,
): ServiceHours | null | undefined {
  if (hours === undefined && cutoff === undefined) return undefined;
  const h = hours === undefined ? had?.hours : (hours ?? undefined);
  const c = cutoff === undefined ? had?.issueCutoffMinutes : (cutoff ?? undefined);
  if (h === undefined && c === undefined) return null;
  return { ...(h && { hours: h }), ...(c !== undefined && { issueCutoffMinutes: c }) };
}

/** Two reasons with one code would be one reason for the reports: refuse, naming the field. */
function checkReasons(input: BranchInput): void {
  for (const field of ['pauseReasons', 'closeReasons'] as const) {
    const codes = (input[field] ?? []).map((r) => r.code);
    const twice = codes.find((c, i) => codes.indexOf(c) !== i);
    if (twice) throw new HttpRefusal('VALIDATION_FAILED', `body.${field} has the code ${twice} twice`);
  }
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);

/** Branches, services and counters: created, changed, deactivated; each change live at once. */
export const hallRoutes: FastifyPluginAsync<HallRouteDeps> = async (fastify, { admin, clerkName }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { state } = admin;
  const now = () => admin.bus.now();
  const viewOfBranch = (b: Branch) =>
    branchView(state, b, state.notices.get(b.id) ?? { notice: null, emergency: null }, now());

  app.route({
    ...routeOptions('branches:create', statusOf),
    handler: async (req, reply) => {
      requireAdmin(req);
      const id = req.body.id ?? `branch-${slug(req.body.name.en) || 'new'}`;
      const r = await admin.saveBranch(metaOf(req), branchFrom(id, req.body, undefined, now()), true);
      return r.ok ? reply.code(201).send(viewOfBranch(r.data)) : sendFailure(reply, r);
    },
  });

  app.route({
    ...routeOptions('branch:update', statusOf),
    handler: async (req, reply) => {
      const { branchId } = req.params;
      requireConfigurator(req, branchId);
      const prev = state.branches.get(branchId);
      if (!prev) throw new HttpRefusal('BRANCH_NOT_FOUND', `branch ${branchId} does not exist`);
      const r = await admin.saveBranch(metaOf(req), branchFrom(branchId, req.body, prev, now()), false);
      return r.ok ? viewOfBranch(r.data) : sendFailure(reply, r);
    },
  });

  app.route({
    ...routeOptions('services:create', statusOf),
    handler: async (req, reply) => {
      const { branchId } = req.params;
      requireConfigurator(req, branchId);
      const { hours, issueCutoffMinutes, ...b } = req.body;
      const service: Service & { active: boolean } = {
        id: b.id ?? `${branchId}-${b.prefix.toLowerCase()}-${Date.now().toString(36)}`,
        branchId,
        prefix: b.prefix,
        name: b.name,
        dailyCap: b.dailyCap ?? null,
        perPersonDailyLimit: b.perPersonDailyLimit ?? null,
        targetWaitMinutes: b.targetWaitMinutes,
        defaultServiceMinutes: b.defaultServiceMinutes ?? 5,
        suspended: false,
        suspendedReason: null,
        allowPriority: b.allowPriority ?? true,
        requiresPersonId: b.requiresPersonId ?? false,
        sortOrder: b.sortOrder ?? [...state.services.values()].filter((s) => s.branchId === branchId).length,
        active: true,
      };
      if (state.services.has(service.id) || admin.store.servicesOf(branchId).some((s) => s.id === service.id))
        throw new HttpRefusal('PREFIX_TAKEN', `service ${service.id} exists already`);
      const r = await admin.saveService(metaOf(req), service, ownHours(hours, issueCutoffMinutes, undefined));
      return r.ok ? reply.code(201).send(serviceView(state, r.data, now())) : sendFailure(reply, r);
    },
  });

  const liveService = (id: string) => {
    const s = state.services.get(id);
    if (!s) throw new HttpRefusal('SERVICE_NOT_FOUND', `service ${id} does not exist`);
    return s;
  };

  app.route({
    ...routeOptions('service:update', statusOf),
    handler: async (req, reply) => {
      const prev = liveService(req.params.serviceId);
      requireConfigurator(req, prev.branchId);
      const { suspended, suspendedReason, hours, issueCutoffMinutes, ...rest } = req.body;
      const next = { ...prev, ...rest, active: true };
      if (suspended !== undefined) {
        if (suspended && !suspendedReason)
          throw new HttpRefusal('REASON_REQUIRED', 'a suspended service says why (suspendedReason)');
        next.suspended = suspended;
        next.suspendedReason = suspended ? (suspendedReason ?? null) : null;
      }
      const had = state.branches.get(prev.branchId)?.serviceHours?.[prev.id];
      const r = await admin.saveService(metaOf(req), next, ownHours(hours, issueCutoffMinutes, had));
      return r.ok ? serviceView(state, r.data, now()) : sendFailure(reply, r);
    },
  });

  app.route({
    ...routeOptions('service:deactivate', statusOf),
    handler: async (req, reply) => {
      const prev = liveService(req.params.serviceId);
      requireConfigurator(req, prev.branchId);
      const r = await admin.saveService(metaOf(req), { ...prev, active: false });
      return r.ok ? noContent(reply) : sendFailure(reply, r);
    },
  });

  app.route({
    ...routeOptions('counters:create', statusOf),
    handler: async (req, reply) => {
      const { branchId } = req.params;
      requireConfigurator(req, branchId);
      const { hours, ...b } = req.body;
      const id = b.id ?? `${branchId}-ctr-${b.number}`;
      if (admin.store.countersOf(branchId).some((c) => c.id === id) || state.counters.has(id))
        throw new HttpRefusal('COUNTER_NUMBER_TAKEN', `counter ${id} exists already`);
      const counter = {
        id,
        branchId,
        number: b.number,
        name: b.name,
        profile: { services: b.services, rules: b.rules ?? [] },
        active: true,
      };
      const r = await admin.saveCounter(metaOf(req), counter, hours ?? undefined);
      if (!r.ok) return sendFailure(reply, r);
      return reply.code(201).send(counterView(state.counters.get(id)!, clerkName));
    },
  });

  app.route({
    ...routeOptions('counter:update', statusOf),
    handler: async (req, reply) => {
      const { counterId } = req.params;
      const prev = state.counters.get(counterId);
      if (!prev) throw new HttpRefusal('COUNTER_NOT_FOUND', `counter ${counterId} does not exist`);
      requireConfigurator(req, prev.branchId);
      const { hours, ...b } = req.body;
      const counter = {
        id: prev.id,
        branchId: prev.branchId,
        number: b.number ?? prev.number,
        name: b.name ?? prev.name,
        profile: { services: b.services ?? prev.profile.services, rules: b.rules ?? prev.profile.rules },
        active: true,
      };
      const r = await admin.saveCounter(metaOf(req), counter, hours);
      return r.ok ? counterView(state.counters.get(counterId)!, clerkName) : sendFailure(reply, r);
    },
  });
};
