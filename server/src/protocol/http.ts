import type { CounterView, TicketView } from './views.js';

/** REST shapes the UIs use (the OpenAPI at /api/docs is generated from the same routes). */
export const API = '/api/v1';

export type Role = 'admin' | 'manager' | 'clerk';
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  staffNumber: string | null;
  branchId: string | null;
}
export interface LoginResponse {
  token: string;
  user: UserView;
}
export interface CounterCommandResponse {
  counter: CounterView;
  ticket: TicketView | null;
}
export type CounterCommand =
  | 'open'
  | 'close'
  | 'pause'
  | 'resume'
  | 'call-next'
  | 'call'
  | 'recall'
  | 'start'
  | 'finish'
  | 'no-show'
  | 'transfer'
  | 'park';

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}
