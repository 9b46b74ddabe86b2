import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';
import { sendError } from './error-handler.js';

/**
 * PostgreSQL cannot store a NUL character in `text` nor an unpaired UTF-16 surrogate in `jsonb`
 * (and a lone surrogate silently becomes U+FFFD in `text`): such a string reaching a query is a 500
 * or a changed value. No member or operator types either, so every request carrying one is refused
 * here, once, before validation and before any use case: JSON and form bodies, query strings and
 * path parameters, keys as well as values (ARCHITECTURE.md, invariant 6).
 */
export function hasUnstorableText(value: unknown): boolean {
  // Iterative walk: a deeply nested body must not overflow the stack.
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next === 'string') {
      if (!isStorable(next)) return true;
    } else if (Array.isArray(next)) {
      for (const item of next) stack.push(item);
    } else if (isPlainObject(next)) {
      for (const key of Object.keys(next)) {
        if (!isStorable(key)) return true;
        stack.push(next[key]);
      }
    }
    // Numbers, booleans, null and binary bodies (images: Buffers) carry no text.
  }
  return false;
}

// NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const isStorable = (text: string): boolean => !UNSTORABLE.test(text);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  // The query-string parser's objects inherit from a prototype that itself has none.
  return proto === Object.prototype || proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * One hook for every route, the API and the sandboxes alike. It runs in `preValidation`: after
 * the access hooks of `onRequest` (so an anonymous caller still gets 401 first) and after the body
 * is parsed, before the schema sees it.
 */
export function installTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', (request, reply, done) => {
    if (hasUnstorableText(request.params) || hasUnstorableText(request.query) || hasUnstorableText(request.body)) {
      sendError(request, reply, new AppError('INVALID_CHARACTERS'));
      return;
    }
    done();
  });
}
