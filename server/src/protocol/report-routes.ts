/**
 * The manager reports by name (method and path): summary rows, ticket detail, the estimate's
 * accuracy, staff time and call order. Each answers JSON, or with `format=csv|xlsx` a file
 * download (not typed by the map: see API.md). Schemas in ./schemas/report-routes.ts; merged
 * into ROUTES by ./routes.ts.
 */
export const REPORT_ROUTES = {
  'reports:summary': { method: 'GET', path: '/branches/:branchId/reports/summary' },
  'reports:tickets': { method: 'GET', path: '/branches/:branchId/reports/tickets' },
  'reports:estimates': { method: 'GET', path: '/branches/:branchId/reports/estimates' },
  'reports:staff': { method: 'GET', path: '/branches/:branchId/reports/staff' },
  'reports:call-order': { method: 'GET', path: '/branches/:branchId/reports/call-order' },
  'reports:open-rate': { method: 'GET', path: '/branches/:branchId/reports/open-rate' },
} as const;
