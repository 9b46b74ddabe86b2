import crypto from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/connect.js';
import { signNotification } from './alipay-sign.js';
import { gatewayTime } from './format.js';
import type { KeyStore } from './keys.js';
import * as repo from './repo.js';

const POLL_MS = 200;
const BATCH = 20;
const MAX_ATTEMPTS = 10;
const MAX_DELAY_MS = 3_600_000;
const REQUEST_TIMEOUT_MS = 5_000;
/**
 * How long claimed attempts keep other instances away: longer than the whole pass can take (its
 * POSTs are sequential so that shuffled order is observable), so no attempt is ever made twice.
 */
const leaseMs = (duplicates: number) => BATCH * duplicates * REQUEST_TIMEOUT_MS + 10_000;

export interface Chaos {
  /** Every notification is POSTed this many times per attempt (same notify_id), as real gateways sometimes do. */
  duplicates: number;
  /** Due notifications go out in random order, so merchants cannot rely on ordering. */
  shuffle: boolean;
}

export interface DeliveryOptions {
  db: Db;
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  keys: KeyStore;
  fetch: typeof fetch;
  retryBaseMs: number;
  /** Other due work run at the start of each pass (the automatic payout settlement). */
  beforePass?: () => Promise<unknown>;
}

/** Retry n (after n failed attempts) waits base × 2^(n-1): 1 s, 2 s, 4 s … by default, at most an hour. */
export const retryDelayMs = (base: number, attempts: number): number => Math.min(MAX_DELAY_MS, base * 2 ** (attempts - 1));

function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = crypto.randomInt(0, i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The merchant-callback loop: like Alipay's notify, a callback counts as received only when the
 * merchant answers exactly `success`; anything else (an error status, a timeout, another body) is
 * retried with exponential backoff until it is acknowledged or ten attempts have failed.
 */
export class NotificationDelivery {
  private chaos: Chaos = { duplicates: 1, shuffle: false };
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<unknown> | undefined;
  private running = false;

  constructor(private readonly o: DeliveryOptions) {}

  setChaos(chaos: Chaos): void {
    if (!Number.isInteger(chaos.duplicates) || chaos.duplicates < 1) throw new Error('chaos.duplicates must be a positive integer');
    this.chaos = { ...chaos };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const tick = () => {
      this.pass = this.deliverDue()
        .catch((err: unknown) => this.o.logger.error({ err }, 'sandbox notification pass failed'))
        .finally(() => {
          this.pass = undefined;
          // Re-armed only after a pass ends, so passes of one instance never overlap.
          if (this.running) {
            this.timer = setTimeout(tick, POLL_MS);
            this.timer.unref();
          }
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.pass;
  }

  /** One pass: settle due payouts, then one attempt for each due notification. Returns how many were attempted. */
  async deliverDue(): Promise<number> {
    await this.o.beforePass?.();
    const now = this.o.clock.now();
    const { duplicates, shuffle } = this.chaos;
    const claimed = await repo.claimDueNotifications(this.o.db, now, new Date(now.getTime() + leaseMs(duplicates)), BATCH);
    if (!claimed.length) return 0;
    const { privateKey } = await this.o.keys.gateway();
    const sends = claimed.flatMap((n) => Array.from({ length: duplicates }, () => n));
    const results = new Map<string, string | undefined>(); // id → last error; undefined once acknowledged
    for (const n of shuffle ? shuffled(sends) : sends) {
      const error = await this.post(n, privateKey);
      // With duplicates, one acknowledged copy is enough: the merchant has the notice.
      if (!results.has(n.id) || results.get(n.id) !== undefined) results.set(n.id, error);
    }
    for (const n of claimed) await this.record(n, results.get(n.id));
    return claimed.length;
  }

  /** Undefined when acknowledged, else why not. */
  private async post(n: repo.NotificationRow, privateKey: string): Promise<string | undefined> {
    // Trade notifications carry notify_time; messages (msg_method) carry utc_timestamp in milliseconds.
    const now = this.o.clock.now();
    const stamp: Record<string, string> = n.params.msg_method
      ? { utc_timestamp: String(now.getTime()) }
      : { notify_time: gatewayTime(now) };
    const params = signNotification({ ...n.params, ...stamp }, privateKey);
    try {
      const res = await this.o.fetch(n.target_url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: new URLSearchParams(params).toString(),
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const body = (await res.text()).trim();
      return body === 'success' ? undefined : `HTTP ${res.status}: ${JSON.stringify(body.slice(0, 100))}`;
    } catch (err) {
      return (err as Error).message;
    }
  }

  private async record(n: repo.NotificationRow, error: string | undefined): Promise<void> {
    const now = this.o.clock.now();
    const log = { notifyId: n.notify_id, attempt: n.attempts };
    if (error === undefined) {
      await repo.recordAttempt(this.o.db, n.id, n.attempts, { acknowledgedAt: now });
      this.o.logger.info(log, 'sandbox notification acknowledged');
    } else if (n.attempts >= MAX_ATTEMPTS) {
      await repo.recordAttempt(this.o.db, n.id, n.attempts, { gaveUpAt: now, error });
      this.o.logger.warn({ ...log, error }, 'sandbox notification given up');
    } else {
      const nextAttemptAt = new Date(now.getTime() + retryDelayMs(this.o.retryBaseMs, n.attempts));
      await repo.recordAttempt(this.o.db, n.id, n.attempts, { nextAttemptAt, error });
      this.o.logger.warn({ ...log, error }, 'sandbox notification not acknowledged; will retry');
    }
  }
}
