import { useState } from 'preact/hooks';
import { busy, session } from '../../store';
import { configFailure, ct } from '../../strings/config-a';
import type { FieldErrors } from './Field';

/** The field a 400 names: the kit's `field`, else the first `body.x.y` of the message. */
export function serverField(e: unknown): string | null {
  const err = (typeof e === 'object' && e !== null ? e : {}) as { field?: unknown; message?: unknown };
  const fromMessage = /body\.([\w.-]+)/.exec(String(err.message ?? ''))?.[1];
  const field = typeof err.field === 'string' && err.field !== 'body' ? err.field : fromMessage;
  return field ?? null;
}

export interface SaveState {
  sending: boolean;
  errors: FieldErrors;
  result: { kind: 'ok' | 'error'; text: string } | null;
  setErrors(errors: FieldErrors): void;
  clear(): void;
  /**
   * Sends once (the form is disabled meanwhile): a success says so; a refusal naming a field
   * goes next to that field (with the server's words), any other refusal above the form (in
   * `failure`'s words: the configuration API's by default).
   */
  send(
    action: (token: string) => Promise<unknown>,
    okText?: string,
    failure?: (e: unknown) => string,
  ): Promise<boolean>;
}

export function useSave(): SaveState {
  const [sending, setSending] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [result, setResult] = useState<SaveState['result']>(null);
  const send = async (
    action: (token: string) => Promise<unknown>,
    okText = ct('saved'),
    failure: (e: unknown) => string = configFailure,
  ) => {
    const token = session.value?.token;
    if (!token || sending) return false;
    setSending(true);
    busy.value = true;
    setResult(null);
    try {
      await action(token);
      setErrors({});
      setResult({ kind: 'ok', text: okText });
      return true;
    } catch (e) {
      const field = (e as { code?: string }).code === 'VALIDATION_FAILED' ? serverField(e) : null;
      if (field) setErrors({ [field]: `${ct('fieldInvalid')}: ${String((e as Error).message)}` });
      setResult({ kind: 'error', text: field ? ct('fixFirst') : failure(e) });
      return false;
    } finally {
      setSending(false);
      busy.value = false;
    }
  };
  return {
    sending,
    errors,
    result,
    setErrors,
    clear: () => {
      setErrors({});
      setResult(null);
    },
    send,
  };
}
