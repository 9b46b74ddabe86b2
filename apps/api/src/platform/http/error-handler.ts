import { ErrorCode } from '@quanzi/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors.js';
import { localeFrom, translate, type Locale } from '../i18n/messages.js';

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

/** Turns Fastify's own errors (parser, limits, rate limit) into our stable codes. */
function fromFastifyError(err: FastifyError): AppError | undefined {
  if (err.statusCode === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE');
  if (err.statusCode === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new AppError('UNSUPPORTED_MEDIA_TYPE');
  if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
    return new AppError('MALFORMED_JSON');
  }
  if (err.statusCode === 429) return new AppError('RATE_LIMITED', { seconds: 60 });
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return new AppError('VALIDATION_FAILED');
  return undefined;
}

export const localeOf = (request: FastifyRequest): Locale => localeFrom(request.headers['accept-language']);

/** The `{"error":{code,message}}` body for an AppError, in the caller's language. */
export function errorBody(request: FastifyRequest, error: AppError) {
  const message = translate(localeOf(request), error.code, error.params);
  return { error: { code: error.code, message, ...(error.details === undefined ? {} : { details: error.details }) } };
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  // Every "wait N seconds" refusal (rate limits, slow mode, cooldowns) says so in Retry-After too.
  if (error.status === 429 && typeof error.params.seconds === 'number') reply.header('retry-after', String(error.params.seconds));
  return reply.code(error.status).type('application/json; charset=utf-8').send(errorBody(request, error));
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) return sendError(request, reply, err);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        field: [err.validationContext ?? 'body', ...v.instancePath.split('/').filter(Boolean)].join('.'),
        issue: v.message,
      }));
      // A schema may name the stable code itself (e.g. Phone's regex says INVALID_PHONE).
      const specific = issues.find((i) => i.issue && KNOWN_CODES.has(i.issue))?.issue as ErrorCode | undefined;
      return sendError(request, reply, new AppError(specific ?? 'VALIDATION_FAILED', {}, issues));
    }
    const mapped = fromFastifyError(err);
    if (mapped) return sendError(request, reply, mapped);
    request.log.error({ err }, 'unhandled error');
    return sendError(request, reply, new AppError('INTERNAL'));
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new AppError('NOT_FOUND')));
}
