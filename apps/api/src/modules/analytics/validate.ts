import type { EventDropCode } from '@quanzi/contracts';
import { CLIENT_EVENTS, channelOf } from './catalog.js';

/** Limits on what a browser may send (issue 17, bad input). */
export const LIMITS = {
  /** Events kept from one batch; the rest are dropped with BATCH_TOO_LARGE. */
  batch: 50,
  /** JSON size of one event's properties. */
  propertiesBytes: 4096,
  /** A browser clock may be this far ahead of ours. */
  futureSkewMs: 5 * 60_000,
  /** Events older than this are refused (late events within it are accepted and rolled up). */
  maxAgeMs: 30 * 86_400_000,
  perIdPerMinute: 300,
  perIpPerMinute: 1200,
} as const;

export interface ClientEvent {
  name: string;
  anonymousId: string;
  occurredAt: Date;
  properties: Record<string, unknown>;
  channel: string;
  utmSource: string | null;
  productId: string | null;
  groupId: string | null;
}

const BOT_UA = /bot\b|bot\/|spider|crawl|slurp|headless|phantomjs|curl\/|wget\/|python-requests|httpclient|go-http-client|java\//i;
export const isBot = (userAgent: string | null): boolean => !userAgent || BOT_UA.test(userAgent);

export function deviceOf(userAgent: string | null): string {
  if (!userAgent) return 'other';
  if (/iphone|ipad|ipod/i.test(userAgent)) return 'ios';
  if (/android/i.test(userAgent)) return 'android';
  if (/windows|macintosh|linux|cros/i.test(userAgent)) return 'desktop';
  return 'other';
}

const ANON_ID = /^[A-Za-z0-9_-]{8,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Mainland mobile numbers (and 15–18-digit ID-like runs) never reach the store: analytics holds no personal data. */
const PERSONAL = /(?<!\d)(1[3-9]\d{9}|\d{15}|\d{17}[\dXx])(?!\d)/g;

const plain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, max: number): string | null => (typeof v === 'string' && v.length > 0 ? v.slice(0, max) : null);

function scrub(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(PERSONAL, '***');
  if (Array.isArray(value)) return value.map(scrub);
  if (plain(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
  return value;
}

function timestampOf(v: unknown): Date | null {
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

/** One element of a batch: the event to keep, or why not. Pure. */
export function validateEvent(raw: unknown, now: Date): { event: ClientEvent } | { code: EventDropCode } {
  if (!plain(raw)) return { code: 'MALFORMED' };
  const { name, anonymousId, timestamp, properties = {} } = raw;
  const extra = Object.keys(raw).filter((k) => !['name', 'anonymousId', 'timestamp', 'properties'].includes(k));
  if (extra.length > 0 || typeof name !== 'string' || typeof anonymousId !== 'string' || !ANON_ID.test(anonymousId) || !plain(properties))
    return { code: 'MALFORMED' };
  const at = timestampOf(timestamp);
  if (!at) return { code: 'MALFORMED' };
  if (!CLIENT_EVENTS.has(name)) return { code: 'UNKNOWN_EVENT' };
  if (at.getTime() > now.getTime() + LIMITS.futureSkewMs) return { code: 'FUTURE_TIMESTAMP' };
  if (at.getTime() < now.getTime() - LIMITS.maxAgeMs) return { code: 'TOO_OLD' };
  if (Buffer.byteLength(JSON.stringify(properties)) > LIMITS.propertiesBytes || Object.keys(properties).length > 50)
    return { code: 'PROPERTIES_TOO_LARGE' };
  const props = scrub(properties) as Record<string, unknown>;
  const utmSource = text(props.utm_source, 40);
  const groupId = text(props.groupId, 36);
  return {
    event: {
      name,
      anonymousId,
      occurredAt: at,
      properties: props,
      channel: text(props.channel, 40) ?? channelOf(utmSource, text(props.referrer, 500)),
      utmSource,
      productId: text(props.productId, 64),
      groupId: groupId && UUID.test(groupId) ? groupId : null,
    },
  };
}

/** Events per key and minute, in this instance (the HTTP rate limiter bounds requests across instances). */
export class MinuteCounter {
  private minute = 0;
  private counts = new Map<string, number>();
  take(key: string, limit: number, now: Date): boolean {
    const minute = Math.floor(now.getTime() / 60_000);
    if (minute !== this.minute) {
      this.minute = minute;
      this.counts.clear();
    }
    const n = this.counts.get(key) ?? 0;
    if (n >= limit) return false;
    this.counts.set(key, n + 1);
    return true;
  }
}
