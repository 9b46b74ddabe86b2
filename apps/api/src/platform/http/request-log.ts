import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * Request logging for the person reading `npm start`'s console as much as for machines. Fastify's
 * own two `info` lines per request ("incoming request", "request completed") would bury the start
 * banner under dozens of lines per page load. Through Fastify's LogController instead:
 *
 * - a response with status 400 or above is one line ("request refused or failed": method, path,
 *   status, time) at `info`, or at `error` when the request errored;
 * - every other response, and every incoming request, is a `debug` line (LOG_LEVEL=debug).
 *
 * The request serializer (app/http.ts) keeps query strings, bodies and headers out of every line.
 */
export class QuietRequestLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'incoming request');
  }

  /** Fastify's default 404 handler would add a second line; requestCompleted already says it (and app/http.ts has its own handler). */
  override routeNotFound(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'route not found');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { req: request, status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else if (reply.statusCode >= 400) reply.log.info(line, 'request refused or failed');
    else reply.log.debug(line, 'request completed');
  }
}

export const requestLogOptions = () => ({ logController: new QuietRequestLog() });
