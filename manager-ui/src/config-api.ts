import { call, type RouteBody, type RouteResponse } from '@guichet/server/kit';

/**
 * The hall configuration calls of the branch, services, counters and reason-code screens, on
 * the client kit like ./api.ts (kept apart so the configuration screens grow without touching it).
 */
export type HallConfig = RouteResponse<'branch:config'>;
export type BranchPatch = RouteBody<'branch:update'>;
export type ServiceInput = RouteBody<'services:create'>;
export type ServicePatch = RouteBody<'service:update'>;
export type CounterInput = RouteBody<'counters:create'>;
export type CounterPatch = RouteBody<'counter:update'>;

export const getConfig = (token: string, branchId: string) =>
  call('branch:config', { token, params: { branchId } });
export const updateBranch = (token: string, branchId: string, body: BranchPatch) =>
  call('branch:update', { token, params: { branchId }, body });
export const createService = (token: string, branchId: string, body: ServiceInput) =>
  call('services:create', { token, params: { branchId }, body });
export const updateService = (token: string, serviceId: string, body: ServicePatch) =>
  call('service:update', { token, params: { serviceId }, body });
export const deactivateService = (token: string, serviceId: string) =>
  call('service:deactivate', { token, params: { serviceId } });
export const createCounter = (token: string, branchId: string, body: CounterInput) =>
  call('counters:create', { token, params: { branchId }, body });
export const updateCounter = (token: string, counterId: string, body: CounterPatch) =>
  call('counter:update', { token, params: { counterId }, body });
