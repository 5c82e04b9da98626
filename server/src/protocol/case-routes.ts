/**
 * The 好差评 loop's routes by name (method and path): ratings beyond the pad's basic one, cases
 * (差评 and complaints), the rates the practice publishes, the case ledger and the daily
 * appraisal per clerk. Schemas in ./schemas/case-routes.ts; merged into ROUTES by ./routes.ts.
 */
export const CASE_ROUTES = {
  'pad:identity': { method: 'GET', path: '/pad/identity' },
  'ticket:rating-comment': { method: 'POST', path: '/tickets/:id/rating/comment' },
  'ticket:complaint': { method: 'POST', path: '/tickets/:id/complaint' },
  'complaints:create': { method: 'POST', path: '/branches/:branchId/complaints' },
  'cases:list': { method: 'GET', path: '/branches/:branchId/cases' },
  'cases:ledger': { method: 'GET', path: '/branches/:branchId/cases/ledger' },
  'case:view': { method: 'GET', path: '/cases/:id' },
  'case:contact': { method: 'GET', path: '/cases/:id/contact' },
  'case:assign': { method: 'POST', path: '/cases/:id/assign' },
  'case:callback': { method: 'POST', path: '/cases/:id/callback' },
  'case:resolve': { method: 'POST', path: '/cases/:id/resolve' },
  'case:feedback': { method: 'POST', path: '/cases/:id/feedback' },
  'case:satisfaction': { method: 'POST', path: '/cases/:id/satisfaction' },
  'case:close': { method: 'POST', path: '/cases/:id/close' },
  'case:reopen': { method: 'POST', path: '/cases/:id/reopen' },
  'reports:ratings': { method: 'GET', path: '/branches/:branchId/reports/ratings' },
  'appraisal:branch': { method: 'GET', path: '/branches/:branchId/appraisal' },
  'appraisal:user': { method: 'GET', path: '/users/:id/appraisal' },
  'appraisal:sheet': { method: 'GET', path: '/users/:id/appraisal/sheet' },
  'appraisal:entry-create': { method: 'POST', path: '/users/:id/appraisal/entries' },
  'appraisal:entry-answer': { method: 'POST', path: '/appraisal/entries/:id/answer' },
  'appraisal:entry-decide': { method: 'POST', path: '/appraisal/entries/:id/decision' },
} as const;
