import { call, type RouteBody, type RouteResponse } from '@guichet/server/kit';

/**
 * The configuration calls of the staff, devices, hall board, audit and setup screens, on the
 * client kit (typed from the protocol's route map). Kept apart from ../../api.ts so the screens
 * built alongside (branch, services, counters) and these do not edit one file.
 */
export type Account = RouteResponse<'users:list'>[number];
export type Device = RouteResponse<'devices:list'>[number];
export type DeviceCreated = RouteResponse<'devices:create'>;
export type AuditEntry = RouteResponse<'audit:list'>[number];
export type AccountBody = RouteBody<'users:create'>;
export type AccountChange = RouteBody<'user:update'>;

export const listAccounts = (token: string, branchId?: string) =>
  call('users:list', { token, query: branchId ? { branchId } : {} });
export const createAccount = (token: string, body: AccountBody) => call('users:create', { token, body });
export const changeAccount = (token: string, userId: string, body: AccountChange) =>
  call('user:update', { token, params: { userId }, body });

export const listDevices = (token: string, branchId: string) =>
  call('devices:list', { token, params: { branchId } });
export const createDevice = (token: string, branchId: string, body: RouteBody<'devices:create'>) =>
  call('devices:create', { token, params: { branchId }, body });
export const changeDevice = (token: string, deviceId: string, body: RouteBody<'device:update'>) =>
  call('device:update', { token, params: { deviceId }, body });
export const revokeDevice = (token: string, deviceId: string) =>
  call('device:revoke', { token, params: { deviceId } });

export const readAudit = (
  token: string,
  q: { branchId?: string; from: number; to: number; actor?: string; limit: number; offset: number },
) =>
  call('audit:list', {
    token,
    query: {
      ...(q.branchId ? { branchId: q.branchId } : {}),
      ...(q.actor ? { actor: q.actor } : {}),
      from: String(q.from),
      to: String(q.to),
      limit: String(q.limit),
      offset: String(q.offset),
    },
  });

export const createBranch = (token: string, body: RouteBody<'branches:create'>) =>
  call('branches:create', { token, body });
export const createService = (token: string, branchId: string, body: RouteBody<'services:create'>) =>
  call('services:create', { token, params: { branchId }, body });
export const createCounter = (token: string, branchId: string, body: RouteBody<'counters:create'>) =>
  call('counters:create', { token, params: { branchId }, body });
