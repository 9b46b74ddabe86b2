import { ClientFrame, CloseCode, type ServerFrame } from '@quanzi/contracts';
import type WebSocket from 'ws';
import type { RealtimePrincipal } from './principal.js';
import { realtimeMetrics } from './metrics.js';

export const CONNECTION_LIMITS = {
  maxSubscriptions: 64,
  /** Inbound frames per second (token bucket), beyond which frames are refused; far beyond, the socket closes. */
  framesPerSecond: 20,
  burst: 40,
  /** Unsent bytes a socket may hold before it counts as a slow consumer and is dropped. */
  maxBufferedBytes: 1024 * 1024,
} as const;

/**
 * One socket's state: who it is, what it subscribed to, and a per-channel catch-up buffer so live
 * frames that arrive while the backlog is being replayed are sent after it, in order, once.
 */
export class Connection {
  readonly subscriptions = new Map<string, { lastSent: number; pending: Array<{ id: number; frame: string | Buffer }> | null }>();
  private tokens: number = CONNECTION_LIMITS.burst;
  private refilledAt = Date.now();
  private refusals = 0;
  alive = true;

  constructor(
    readonly socket: WebSocket,
    /** Replaced when a role change re-authorises the socket (hub.revalidate). */
    public principal: RealtimePrincipal,
  ) {}

  send(frame: ServerFrame): void {
    this.write(JSON.stringify(frame));
  }

  /** Writes a prebuilt frame; a socket that cannot keep up is closed and resumes later. */
  write(frame: string | Buffer): boolean {
    if (this.socket.readyState !== this.socket.OPEN) return false;
    if (this.socket.bufferedAmount > CONNECTION_LIMITS.maxBufferedBytes) {
      realtimeMetrics.slowDropped.inc();
      this.socket.close(CloseCode.SLOW_CONSUMER, 'slow consumer: reconnect and resume');
      // A peer that stopped reading never completes the closing handshake.
      setTimeout(() => this.socket.terminate(), 1000).unref();
      return false;
    }
    // Always a text frame: broadcasts arrive as one shared UTF-8 buffer.
    this.socket.send(frame, { binary: false });
    return true;
  }

  /** Delivers a live event frame on a subscribed channel, respecting catch-up and order. */
  deliver(channel: string, id: number, frame: string | Buffer): void {
    const sub = this.subscriptions.get(channel);
    if (!sub) return;
    if (sub.pending) {
      sub.pending.push({ id, frame });
      return;
    }
    if (id <= sub.lastSent) return;
    if (this.write(frame)) {
      sub.lastSent = id;
      realtimeMetrics.delivered.inc();
    }
  }

  /** Token bucket on inbound frames. */
  allowFrame(): boolean {
    const now = Date.now();
    this.tokens = Math.min(CONNECTION_LIMITS.burst, this.tokens + ((now - this.refilledAt) / 1000) * CONNECTION_LIMITS.framesPerSecond);
    this.refilledAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    if (++this.refusals > CONNECTION_LIMITS.burst) this.socket.close(CloseCode.FLOODING, 'too many frames');
    return false;
  }

  parse(raw: string): ClientFrame | null {
    try {
      const result = ClientFrame.safeParse(JSON.parse(raw));
      return result.success ? result.data : null;
    } catch {
      return null;
    }
  }
}
