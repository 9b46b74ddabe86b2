import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { CloseCode } from '@quanzi/contracts';
import type { FastifyInstance } from 'fastify';
import { WebSocketServer } from 'ws';
import { MEMBER_COOKIE, OPERATOR_COOKIE } from '../http/csrf.js';
import type { RealtimeHub } from './hub.js';
import { realtimeMetrics } from './metrics.js';
import type { RealtimePrincipal } from './principal.js';
import type { RealtimeTickets } from './tickets.js';

export interface EndpointOptions {
  hub: RealtimeHub;
  tickets: RealtimeTickets;
  allowedOrigins: string[];
  /** Session cookies, resolved by the identity and operators modules. */
  fromCookie(kind: 'member' | 'operator', token: string): Promise<RealtimePrincipal | null>;
}

const cookieValue = (header: string | undefined, name: string): string | undefined =>
  header
    ?.split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name}=`))
    ?.slice(name.length + 1);

function refuse(socket: Duplex, status: number, reason: string): void {
  realtimeMetrics.rejected.inc({ reason });
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * `/ws`: authenticated by the session cookie or a single-use ticket (`?ticket=`, 30 s, bound to the
 * session that fetched it), refused
 * from foreign origins (no cross-site WebSocket hijacking). Frames are small JSON: compression off.
 */
export function installRealtimeEndpoint(app: FastifyInstance, options: EndpointOptions): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 4096 });
  const allowed = new Set(options.allowedOrigins);

  const authenticate = async (request: IncomingMessage, url: URL): Promise<RealtimePrincipal | null> => {
    const ticket = url.searchParams.get('ticket');
    if (ticket) {
      // A ticket names the session it was issued in: it opens nothing once that session is over.
      const principal = await options.tickets.redeem(ticket);
      return principal && options.hub.current(principal);
    }
    const member = cookieValue(request.headers.cookie, MEMBER_COOKIE);
    if (member) return options.fromCookie('member', decodeURIComponent(member));
    const operator = cookieValue(request.headers.cookie, OPERATOR_COOKIE);
    if (operator) return options.fromCookie('operator', decodeURIComponent(operator));
    return null;
  };

  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/ws') return refuse(socket, 404, 'Not Found');
    const origin = request.headers.origin;
    if (origin && !allowed.has(origin)) return refuse(socket, 403, 'Forbidden');
    const revalidations = options.hub.revalidationCount();
    authenticate(request, url).then(
      (principal) =>
        wss.handleUpgrade(request, socket, head, (ws) => {
          if (!principal) {
            realtimeMetrics.rejected.inc({ reason: 'unauthenticated' });
            ws.close(CloseCode.UNAUTHENTICATED, 'log in, or fetch a new ticket');
            return;
          }
          options.hub.attach(ws, principal, revalidations);
        }),
      () => refuse(socket, 503, 'Service Unavailable'),
    );
  });
  return wss;
}
