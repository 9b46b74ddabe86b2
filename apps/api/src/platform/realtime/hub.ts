import { CloseCode } from '@quanzi/contracts';
import type { Logger } from 'pino';
import type WebSocket from 'ws';
import type { Clock } from '../clock.js';
import type { AppendedFrame, ChannelLog } from './channel-log.js';
import { CONNECTION_LIMITS, Connection } from './connection.js';
import { realtimeMetrics } from './metrics.js';
import { principalKey, type ChannelAuthorizer, type RealtimePrincipal, type SessionCheck } from './principal.js';

const HEARTBEAT_MS = 30_000;

/**
 * The real-time hub of one HTTP instance: sockets, their channel subscriptions, and fan-out of the
 * frames the channel log hands it (its own appends, and with Redis every instance's).
 */
export class RealtimeHub {
  private readonly channels = new Map<string, Set<Connection>>();
  private readonly connections = new Set<Connection>();
  private readonly authorizers = new Map<string, ChannelAuthorizer>();
  private heartbeat: NodeJS.Timeout | undefined;
  /** Counts revalidation notices, so a socket attached while one was in flight is checked again. */
  private revalidations = 0;

  constructor(
    private readonly log: ChannelLog,
    private readonly clock: Clock,
    private readonly logger: Pick<Logger, 'warn' | 'debug'>,
    private readonly sessions: SessionCheck,
  ) {
    log.onFrame((appended) => this.fanOut(appended));
    // A member hears their own channel; an operator hears the channel of each role they hold.
    this.authorize('user', (p, id) => p.kind === 'member' && p.memberId === id);
    this.authorize('ops', (p, role) => p.kind === 'operator' && (p.roles as string[]).includes(role));
  }

  authorize(prefix: string, authorizer: ChannelAuthorizer): void {
    this.authorizers.set(prefix, authorizer);
  }

  start(): void {
    this.heartbeat = setInterval(() => {
      for (const conn of this.connections) {
        if (!conn.alive) {
          conn.socket.terminate();
          continue;
        }
        conn.alive = false;
        conn.socket.ping();
      }
      // Bounds what a lost revalidation notice (Redis hiccup) can leave open: one batched check per beat.
      void this.recheckAll();
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Tells every client to reconnect elsewhere, then closes. */
  async shutdown(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const conn of this.connections) {
      conn.send({ type: 'reconnect', reason: 'server restarting' });
      conn.socket.close(CloseCode.GOING_AWAY, 'server restarting');
    }
    const deadline = Date.now() + 2000;
    while (this.connections.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    for (const conn of this.connections) conn.socket.terminate();
  }

  connectionCount(): number {
    return this.connections.size;
  }

  /** The principal's session as it is now (current roles), or null when it is over. */
  async current(principal: RealtimePrincipal): Promise<RealtimePrincipal | null> {
    const [fresh = null] = await this.sessions([principal]);
    return fresh;
  }

  /** How many revalidation notices this hub has seen; pass it to `attach` from before authenticating. */
  revalidationCount(): number {
    return this.revalidations;
  }

  /**
   * A member's or operator's sessions changed (sign-out, device revoked, account closed, roles
   * changed, operator disabled): re-check every socket of theirs on this instance. Every instance
   * hears it through the invalidation bus.
   */
  async revalidate(key: string): Promise<void> {
    this.revalidations++;
    const affected = [...this.connections].filter((conn) => principalKey(conn.principal) === key);
    if (affected.length) await this.recheck(affected);
  }

  /** Re-checks every socket's session at once (one query per kind): the heartbeat's safety net. */
  async recheckAll(): Promise<void> {
    if (this.connections.size) await this.recheck([...this.connections]);
  }

  /** Closes sockets whose session is over (4401, no reconnect); re-authorises channels after a role change. */
  private async recheck(conns: Connection[]): Promise<void> {
    let fresh: Array<RealtimePrincipal | null>;
    try {
      fresh = await this.sessions(conns.map((conn) => conn.principal));
    } catch (err) {
      // Transient: keep the sockets; the next notice or heartbeat checks again.
      this.logger.warn({ err }, 'could not re-check real-time sessions');
      return;
    }
    await Promise.all(
      conns.map(async (conn, i) => {
        const now = fresh[i] ?? null;
        if (!now) return this.signOut(conn);
        const before = conn.principal;
        conn.principal = now;
        if (before.kind === 'operator' && now.kind === 'operator' && [...before.roles].sort().join() !== [...now.roles].sort().join())
          await this.reauthorize(conn);
      }),
    );
  }

  private signOut(conn: Connection): void {
    if (conn.socket.readyState !== conn.socket.OPEN) return;
    realtimeMetrics.signedOut.inc();
    // Closing at once: a closing socket is written nothing more (Connection.write checks the state).
    conn.socket.close(CloseCode.UNAUTHENTICATED, 'signed out');
    setTimeout(() => conn.socket.terminate(), 1000).unref();
  }

  /** Drops the channels the principal may no longer hear, telling the client which (FORBIDDEN). */
  private async reauthorize(conn: Connection): Promise<void> {
    for (const channel of [...conn.subscriptions.keys()]) {
      const [prefix = '', id = ''] = channel.split(':');
      const authorizer = this.authorizers.get(prefix);
      let allowed: boolean;
      try {
        allowed = !!authorizer && (await authorizer(conn.principal, id));
      } catch {
        continue; // unknown now: keep it; the next check decides
      }
      if (allowed) continue;
      this.leave(conn, channel);
      conn.send({ type: 'error', code: 'FORBIDDEN', channel });
    }
  }

  attach(socket: WebSocket, principal: RealtimePrincipal, revalidationsBefore?: number): Connection {
    const conn = new Connection(socket, principal);
    this.connections.add(conn);
    realtimeMetrics.connections.inc();
    socket.on('pong', () => (conn.alive = true));
    socket.on('message', (data, isBinary) => {
      if (isBinary || !conn.allowFrame()) {
        realtimeMetrics.rejected.inc({ reason: isBinary ? 'binary' : 'rate' });
        conn.send({ type: 'error', code: isBinary ? 'BAD_FRAME' : 'RATE_LIMITED' });
        return;
      }
      void this.onFrame(conn, data.toString()).catch((err: unknown) => this.logger.warn({ err }, 'realtime frame failed'));
    });
    socket.on('close', () => this.detach(conn));
    socket.on('error', () => socket.terminate());
    // A sign-out announced while this socket was being authenticated: check it again now.
    if (revalidationsBefore !== undefined && revalidationsBefore !== this.revalidations) void this.recheck([conn]);
    return conn;
  }

  private detach(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    realtimeMetrics.connections.dec();
    for (const channel of conn.subscriptions.keys()) this.leave(conn, channel);
  }

  private async onFrame(conn: Connection, raw: string): Promise<void> {
    conn.alive = true;
    const frame = conn.parse(raw);
    if (!frame) {
      realtimeMetrics.rejected.inc({ reason: 'bad_frame' });
      conn.send({ type: 'error', code: 'BAD_FRAME' });
      return;
    }
    if (frame.type === 'ping') conn.send({ type: 'pong', ...(frame.ts !== undefined ? { ts: frame.ts } : {}) });
    else if (frame.type === 'unsubscribe') this.leave(conn, frame.channel);
    else await this.subscribe(conn, frame.channel, frame.lastId ?? null);
  }

  private async subscribe(conn: Connection, channel: string, lastId: string | null): Promise<void> {
    if (conn.subscriptions.has(channel)) return;
    if (conn.subscriptions.size >= CONNECTION_LIMITS.maxSubscriptions) {
      conn.send({ type: 'error', code: 'TOO_MANY_SUBSCRIPTIONS', channel });
      return;
    }
    const [prefix = '', id = ''] = channel.split(':');
    const authorizer = this.authorizers.get(prefix);
    let allowed: boolean;
    try {
      allowed = !!authorizer && (await authorizer(conn.principal, id));
    } catch (err) {
      // A failure is not a refusal: the client retries later instead of treating it as a permission change.
      this.logger.warn({ err, channel }, 'channel authorisation failed');
      realtimeMetrics.rejected.inc({ reason: 'unavailable' });
      conn.send({ type: 'error', code: 'UNAVAILABLE', channel });
      return;
    }
    if (!allowed) {
      realtimeMetrics.rejected.inc({ reason: 'forbidden' });
      conn.send({ type: 'error', code: 'FORBIDDEN', channel });
      return;
    }
    // Join first, buffering live frames, so nothing published during the catch-up is lost.
    const sub = { lastSent: 0, pending: [] as Array<{ id: number; frame: string }> | null };
    conn.subscriptions.set(channel, sub);
    const members = this.channels.get(channel) ?? new Set<Connection>();
    members.add(conn);
    this.channels.set(channel, members);
    realtimeMetrics.subscriptions.inc();

    const head = await this.log.head(channel);
    if (lastId === null) {
      sub.lastSent = head;
      conn.send({ type: 'subscribed', channel, lastId: String(head) });
    } else {
      const backlog = await this.log.since(channel, Number(lastId), this.clock.now().getTime());
      if (backlog === 'resync') {
        realtimeMetrics.resyncs.inc();
        sub.lastSent = head;
        conn.send({ type: 'resync', channel, lastId: String(head) });
      } else {
        sub.lastSent = Number(lastId);
        conn.send({ type: 'subscribed', channel, lastId: String(head) });
        for (const frame of backlog) {
          const frameId = Number(/"id":"(\d+)"/.exec(frame)![1]);
          if (frameId > sub.lastSent && conn.write(frame)) {
            sub.lastSent = frameId;
            realtimeMetrics.replayed.inc();
          }
        }
      }
    }
    const pending = (sub.pending ?? []).sort((a, b) => a.id - b.id);
    sub.pending = null;
    for (const p of pending) conn.deliver(channel, p.id, p.frame);
  }

  private leave(conn: Connection, channel: string): void {
    if (!conn.subscriptions.delete(channel)) return;
    realtimeMetrics.subscriptions.dec();
    const members = this.channels.get(channel);
    members?.delete(conn);
    if (members?.size === 0) this.channels.delete(channel);
  }

  private fanOut({ channel, id, frame }: AppendedFrame): void {
    const members = this.channels.get(channel);
    if (!members) return;
    // Serialised once by the log, encoded to UTF-8 once here: each socket only gets a frame header
    // (ws does not copy an unmasked server payload), not its own copy of the event.
    const payload = Buffer.from(frame);
    for (const conn of members) conn.deliver(channel, id, payload);
  }
}
