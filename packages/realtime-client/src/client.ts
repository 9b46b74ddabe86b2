import type { ServerFrame } from '@quanzi/contracts';
import { backoffDelay } from './backoff.js';

/** `signed-out`: the server closed with 4401 (not signed in, or the session ended); the client does not reconnect. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed' | 'signed-out';

/** Close code for "not signed in, or the session ended" (CloseCode.UNAUTHENTICATED in the contracts). */
const UNAUTHENTICATED = 4401;

export interface RealtimeEvent {
  channel: string;
  id: string;
  name: string;
  data: unknown;
  at: number;
}

/** The part of the WebSocket API the client uses, so Node tests can pass `ws`. */
export interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface RealtimeClientOptions {
  /** `ws(s)://host/ws`; in a browser, `realtimeUrl()` builds it from the page's origin. */
  url: string;
  /** Fetches a single-use ticket (non-cookie clients); without it the session cookie authenticates. */
  ticket?: () => Promise<string>;
  onState?: (state: ConnectionState) => void;
  /** The session ended (signed out here or on another device, account closed): show the login. */
  onSignedOut?: () => void;
  createSocket?: (url: string) => SocketLike;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

interface Subscription {
  lastId: string | null;
  onEvent: (event: RealtimeEvent) => void;
  onResync?: (channel: string) => void;
}

/** The socket URL of the page's own origin. */
export const realtimeUrl = (location: { protocol: string; host: string }): string =>
  `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;

/**
 * One connection for the whole app: subscribes channels, remembers the last event id of each, and
 * after any drop reconnects with jittered backoff and resumes from those ids. Events arrive in order,
 * once; when the server's backlog cannot cover a gap, `onResync` asks the app to refetch over HTTP.
 */
export class RealtimeClient {
  private socket: SocketLike | undefined;
  private readonly subscriptions = new Map<string, Subscription>();
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private state: ConnectionState = 'closed';
  /** Per channel: how many UNAVAILABLE answers in a row, and the pending retry. */
  private readonly retries = new Map<string, { attempt: number; timer: ReturnType<typeof setTimeout> | undefined }>();

  constructor(private readonly options: RealtimeClientOptions) {}

  get connectionState(): ConnectionState {
    return this.state;
  }

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.clearRetries();
    this.socket?.close(1000, 'client closed');
    this.socket = undefined;
    this.setState('closed');
  }

  subscribe(
    channel: string,
    onEvent: (event: RealtimeEvent) => void,
    options: { lastId?: string | null; onResync?: (channel: string) => void } = {},
  ): () => void {
    const sub: Subscription = { lastId: options.lastId ?? null, onEvent, ...(options.onResync ? { onResync: options.onResync } : {}) };
    this.subscriptions.set(channel, sub);
    this.sendSubscribe(channel, sub);
    return () => {
      this.subscriptions.delete(channel);
      this.clearRetry(channel);
      if (this.state === 'open') this.socket?.send(JSON.stringify({ type: 'unsubscribe', channel }));
    };
  }

  /** Forces a drop, as a network failure would (diagnostics and tests). */
  drop(): void {
    this.socket?.close(4000, 'dropped by client');
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    this.options.onState?.(state);
  }

  private sendSubscribe(channel: string, sub: Subscription): void {
    if (this.state === 'open') this.socket?.send(JSON.stringify({ type: 'subscribe', channel, lastId: sub.lastId }));
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    let url = this.options.url;
    try {
      if (this.options.ticket) url += `?ticket=${encodeURIComponent(await this.options.ticket())}`;
    } catch {
      this.scheduleReconnect();
      return;
    }
    const socket = this.options.createSocket ? this.options.createSocket(url) : (new WebSocket(url) as unknown as SocketLike);
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.setState('open');
      for (const [channel, sub] of this.subscriptions) this.sendSubscribe(channel, sub);
    };
    socket.onmessage = (ev) => this.onFrame(JSON.parse(String(ev.data)) as ServerFrame);
    socket.onerror = () => undefined;
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      if (this.stopped) return;
      this.clearRetries();
      if (ev.code === UNAUTHENTICATED) {
        // The session is over: reconnecting would only be refused again. `start()` after a new login resumes.
        this.stopped = true;
        this.setState('signed-out');
        this.options.onSignedOut?.();
        return;
      }
      // Going away (restart) or told to reconnect: go at once, to whichever instance answers.
      if (ev.code === 1001 || ev.code === 1012) this.attempt = 0;
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    this.setState('reconnecting');
    const delay = backoffDelay(this.attempt++, this.options.baseDelayMs ?? 500, this.options.maxDelayMs ?? 15_000);
    this.timer = setTimeout(() => void this.connect(), delay);
  }

  private onFrame(frame: ServerFrame): void {
    if (frame.type === 'event') {
      const sub = this.subscriptions.get(frame.channel);
      if (!sub) return;
      // Never deliver an id twice or out of order, whatever the network did.
      if (sub.lastId !== null && Number(frame.id) <= Number(sub.lastId)) return;
      sub.lastId = frame.id;
      sub.onEvent(frame);
    } else if (frame.type === 'resync') {
      const sub = this.subscriptions.get(frame.channel);
      if (!sub) return;
      sub.lastId = frame.lastId;
      sub.onResync?.(frame.channel);
    } else if (frame.type === 'subscribed') {
      this.clearRetry(frame.channel);
      const sub = this.subscriptions.get(frame.channel);
      if (sub && sub.lastId === null) sub.lastId = frame.lastId;
    } else if (frame.type === 'error' && frame.code === 'UNAVAILABLE' && frame.channel) {
      // The server could not decide (a transient failure), which is not a refusal: ask again after a backoff.
      this.retrySubscribe(frame.channel);
    }
  }

  private retrySubscribe(channel: string): void {
    const retry = this.retries.get(channel) ?? { attempt: 0, timer: undefined };
    if (retry.timer) clearTimeout(retry.timer);
    const delay = backoffDelay(retry.attempt++, this.options.baseDelayMs ?? 500, this.options.maxDelayMs ?? 15_000);
    retry.timer = setTimeout(() => {
      retry.timer = undefined;
      const sub = this.subscriptions.get(channel);
      if (sub) this.sendSubscribe(channel, sub);
    }, delay);
    this.retries.set(channel, retry);
  }

  private clearRetry(channel: string): void {
    const retry = this.retries.get(channel);
    if (retry?.timer) clearTimeout(retry.timer);
    this.retries.delete(channel);
  }

  private clearRetries(): void {
    for (const channel of [...this.retries.keys()]) this.clearRetry(channel);
  }
}
