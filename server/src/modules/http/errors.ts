import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { ERROR_CODES, type ErrorCode, type Failure } from '../../core/index.js';

/** An expected refusal thrown from a guard; the error handler answers it with its status. */
export class HttpRefusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function sendFailure(reply: FastifyReply, failure: Failure) {
  return reply.code(ERROR_CODES[failure.error.code]).send({ error: failure.error });
}

/**
 * Validation errors answer 400 naming the field; refusals answer their code's status; anything
 * unexpected answers 500 without its message (it is logged instead).
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof HttpRefusal) {
      return reply.code(ERROR_CODES[err.code]).send({ error: { code: err.code, message: err.message } });
    }
    if (err.validation) {
      const first = err.validation[0];
      const params = (first?.params ?? {}) as { missingProperty?: string; additionalProperty?: string };
      const path = (first?.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
      const field =
        params.missingProperty ?? params.additionalProperty ?? (path || err.validationContext || 'body');
      const where = err.validationContext ?? 'body';
      const message = params.missingProperty
        ? `${where}.${field} is required`
        : params.additionalProperty
          ? `${where}.${field} is not allowed`
          : `${where}${path ? `.${path}` : ''} ${first?.message ?? 'is invalid'}`;
      return reply.code(400).send({ error: { code: 'VALIDATION_FAILED', message, field } });
    }
    const status = err.statusCode ?? 500;
    if (status === 429) {
      return reply.code(429).send({
        error: {
          code: 'TOO_MANY_REQUESTS',
          message: err.message || 'too many requests; try again shortly',
        },
      });
    }
    if (status < 500) {
      // Fastify's own client errors: malformed JSON, wrong content type, body too large.
      return reply
        .code(status)
        .send({ error: { code: 'VALIDATION_FAILED', message: err.message, field: 'body' } });
    }
    request.log.error({ err }, 'unexpected error');
    return reply.code(500).send({ error: { code: 'INTERNAL', message: 'internal error' } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` },
    }),
  );
}
