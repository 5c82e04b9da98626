export {
  inProcessHost,
  type ReportsHost,
  ReportsUnavailable,
  reportsHost,
  rollupFileFor,
  workerHost,
} from './host.js';
export type * from './protocol.js';
export { ReportError } from './protocol.js';
export { answerUnavailable, type ReportsRouteDeps, reportsRoutes } from './routes.js';
