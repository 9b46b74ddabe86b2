import { z } from 'zod';

/**
 * The WebSocket protocol at `/ws` (see ARCHITECTURE.md, "Real-time hub"). Every frame is one JSON
 * object with a `type`. Event ids are per channel, increasing, and travel as strings.
 */
export const ChannelName = z.string().regex(/^(user|group|live|ops):[A-Za-z0-9_-]{1,64}$/, 'INVALID_CHANNEL');
export const EventId = z.string().regex(/^\d{1,15}$/);

export const ClientFrame = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('subscribe'), channel: ChannelName, lastId: EventId.nullable().optional() }),
  z.strictObject({ type: z.literal('unsubscribe'), channel: ChannelName }),
  z.strictObject({ type: z.literal('ping'), ts: z.number().optional() }),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

export type ServerFrame =
  | { type: 'event'; channel: string; id: string; name: string; data: unknown; at: number }
  /** Subscribed; `lastId` is the channel's newest id, to resume from next time. */
  | { type: 'subscribed'; channel: string; lastId: string }
  /** The backlog no longer reaches back to the client's id: refetch over HTTP, then resume from `lastId`. */
  | { type: 'resync'; channel: string; lastId: string }
  | { type: 'pong'; ts?: number }
  | { type: 'error'; code: RealtimeErrorCode; channel?: string; message?: string }
  /** The server is going away: reconnect (to any instance) and resume. */
  | { type: 'reconnect'; reason: string };

/** UNAVAILABLE: the server could not decide (a transient failure); subscribe again later. */
export type RealtimeErrorCode = 'FORBIDDEN' | 'UNAVAILABLE' | 'BAD_FRAME' | 'TOO_MANY_SUBSCRIPTIONS' | 'RATE_LIMITED' | 'INVALID_CHANNEL';

/** Close codes a client acts on. */
export const CloseCode = {
  /** Service restart: reconnect elsewhere at once. */
  GOING_AWAY: 1001,
  /** Too slow to keep up: reconnect later and resume from the last id. */
  SLOW_CONSUMER: 4008,
  /** Not signed in, or the session ended (signed out, device revoked, account closed): do not reconnect. */
  UNAUTHENTICATED: 4401,
  FLOODING: 4429,
} as const;

export const RealtimeTicket = z.object({ ticket: z.string(), expiresInSeconds: z.number().int() });
export const BroadcastRequest = z.strictObject({ channel: ChannelName, name: z.string().min(1).max(64), data: z.unknown() });
