import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';
import { sendError } from './error-handler.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
export const MEMBER_COOKIE = 'qz_session';
export const OPERATOR_COOKIE = 'qz_console';

/**
 * Cookie sessions are SameSite=Lax; on top of that every state-changing request must come from an
 * allowed origin. A request from a browser on another site is refused outright; a request that
 * carries a session cookie must prove where it came from (Origin, or Referer as fallback).
 * Bearer-token clients (apps, partners) send no ambient credentials and are not affected.
 */
export function installCsrfProtection(app: FastifyInstance, allowedOrigins: string[]): void {
  const allowed = new Set(allowedOrigins);
  app.addHook('onRequest', async (request, reply) => {
    if (SAFE.has(request.method) || !request.url.startsWith('/api/')) return;
    const origin = request.headers.origin;
    const referer = request.headers.referer;
    const refererOrigin = referer ? safeOrigin(referer) : undefined;
    const claimed = origin ?? refererOrigin;
    if (claimed !== undefined && claimed !== 'null' && !allowed.has(claimed)) {
      return sendError(request, reply, new AppError('CSRF_REJECTED'));
    }
    if (origin === 'null') return sendError(request, reply, new AppError('CSRF_REJECTED'));
    if (request.headers['sec-fetch-site'] === 'cross-site') return sendError(request, reply, new AppError('CSRF_REJECTED'));
    const cookie = request.headers.cookie ?? '';
    const usesCookie = !request.headers.authorization && (cookie.includes(`${MEMBER_COOKIE}=`) || cookie.includes(`${OPERATOR_COOKIE}=`));
    if (usesCookie && claimed === undefined) return sendError(request, reply, new AppError('CSRF_REJECTED'));
  });
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}
