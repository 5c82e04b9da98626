import { call } from '@guichet/server/kit';

/** The signed-in clerk's own records of a range of days (the server refuses anyone else's). */
export const getMyRecord = (token: string, userId: string, from: string, to: string) =>
  call('appraisal:user', { token, params: { id: userId }, query: { from, to } });

/** Her answer to an inspection entry about her, or her appeal of it (once). */
export const answerEntry = (token: string, entryId: string, text: string, appeal: boolean) =>
  call('appraisal:entry-answer', { token, params: { id: entryId }, body: { text, appeal } });
