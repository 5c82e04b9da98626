import type { Static, TSchema } from 'typebox';
import { describe, expect, it } from 'vitest';
import type * as P from '../index.js';
import type * as S from './views.js';

/**
 * The schemas and the interfaces the screens use state the same shapes: each line below fails
 * to compile when one of them changes without the other.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Agrees<T extends TSchema, I> = Same<Static<T>, I>;

const agreements = {
  ServiceView: true satisfies Agrees<typeof S.ServiceView, P.ServiceView>,
  CounterView: true satisfies Agrees<typeof S.CounterView, P.CounterView>,
  TicketView: true satisfies Agrees<typeof S.TicketView, P.TicketView>,
  CallView: true satisfies Agrees<typeof S.CallView, P.CallView>,
  BranchView: true satisfies Agrees<typeof S.BranchView, P.BranchView>,
  BranchSnapshot: true satisfies Agrees<typeof S.BranchSnapshot, P.BranchSnapshot>,
  PublicTicketView: true satisfies Agrees<typeof S.PublicTicketView, P.PublicTicketView>,
  IssuedTicket: true satisfies Agrees<typeof S.IssuedTicket, P.IssuedTicket>,
  UserView: true satisfies Agrees<typeof S.UserView, P.UserView>,
  LoginResponse: true satisfies Agrees<typeof S.LoginResponse, P.LoginResponse>,
  CounterCommandResponse: true satisfies Agrees<typeof S.CounterCommandResponse, P.CounterCommandResponse>,
  MeResponse: true satisfies Agrees<typeof S.MeResponse, P.MeResponse>,
  CallOrderEntry: true satisfies Agrees<typeof S.CallOrderEntry, P.CallOrderEntry>,
  ClerkDay: true satisfies Agrees<typeof S.ClerkDay, P.ClerkDay>,
  RatingRequest: true satisfies Agrees<typeof S.RatingRequest, P.RatingRequest>,
  PadIdentity: true satisfies Agrees<typeof S.PadIdentity, P.PadIdentity>,
  TicketHistory: true satisfies Agrees<typeof S.TicketHistory, P.TicketHistory>,
  ErrorBody: true satisfies Agrees<typeof S.ErrorBody, P.ErrorBody>,
  PasswordRejectedBody: true satisfies Agrees<typeof S.PasswordRejectedBody, P.PasswordRejectedBody>,
};

describe('view schemas', () => {
  it('state the same shapes as the protocol interfaces (checked by the compiler)', () => {
    expect(Object.values(agreements).every(Boolean)).toBe(true);
  });
});
