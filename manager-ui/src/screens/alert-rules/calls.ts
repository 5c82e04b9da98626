import { call, type RouteBody, type RouteResponse } from '@guichet/server/kit';

/** The alert rules screen's REST calls, on the client kit like ../../config-api.ts. */
export type AlertRulesView = RouteResponse<'branch:alert-rules'>;
export type AlertRulesBody = RouteBody<'branch:alert-rules-set'>;

export const getAlertRules = (token: string, branchId: string) =>
  call('branch:alert-rules', { token, params: { branchId } });
export const setAlertRules = (token: string, branchId: string, body: AlertRulesBody) =>
  call('branch:alert-rules-set', { token, params: { branchId }, body });
