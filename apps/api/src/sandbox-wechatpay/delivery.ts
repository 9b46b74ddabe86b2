import type { Logger } from 'pino';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/connect.js';
import { encryptResource, nonce, responseMessage, rfc3339, sign } from './crypto.js';
import type { KeyStore } from './keys.js';
import * as repo from './repo.js';

/** WeChat Pay's retry schedule for an unacknowledged notification (seconds after each failure). */
export const RETRY_SCHEDULE_S = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600];

export interface Chaos {
  /** Every delivery is POSTed this many times (one notification id; each POST signed afresh). */
  duplicates?: number;
}

export interface DeliveryDeps {
  db: Db;
  clock: Clock;
  keys: KeyStore;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  fetch: typeof fetch;
  beforePass: () => Promise<void>;
}

/** The signed, encrypted request for one attempt: a fresh nonce, timestamp and GCM nonce each time. */
export async function buildDelivery(deps: Pick<DeliveryDeps, 'db' | 'clock' | 'keys'>, n: repo.NotificationRow) {
  const merchant = await repo.findMerchant(deps.db, n.mchid);
  if (!merchant) throw new Error(`merchant ${n.mchid} vanished`);
  const platform = await deps.keys.platform();
  const body = JSON.stringify({
    id: n.id,
    create_time: rfc3339(n.created_at),
    resource_type: 'encrypt-resource',
    event_type: n.event_type,
    summary: n.summary,
    resource: { original_type: n.original_type, ...encryptResource(JSON.stringify(n.resource), merchant.api_v3_key, n.original_type) },
  });
  // Signature timestamps are transport time (the wall clock); business times come from the injected clock.
  const ts = String(Math.floor(Date.now() / 1000));
  const nc = nonce();
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'wechatpay-timestamp': ts,
      'wechatpay-nonce': nc,
      'wechatpay-serial': platform.keyId,
      'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
      'wechatpay-signature': sign(responseMessage(ts, nc, body), platform.privateKey),
    },
  };
}

export class NotificationDelivery {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private chaos: Chaos = {};

  constructor(private readonly deps: DeliveryDeps) {}

  setChaos(c: Chaos) {
    this.chaos = c;
  }

  start() {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.deliverDue()
        .catch((err: unknown) => this.deps.logger.error({ err }, 'wechatpay sandbox delivery pass failed'))
        .finally(() => (this.running = undefined));
    }, 200);
    this.timer.unref();
  }

  async stop() {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass: settle what is due, then attempt every due notification once. */
  async deliverDue(): Promise<number> {
    await this.deps.beforePass();
    const due = await repo.dueNotifications(this.deps.db, this.deps.clock.now(), 50);
    for (const n of due) await this.attempt(n);
    return due.length;
  }

  private async attempt(n: repo.NotificationRow) {
    let error: string | null = null;
    for (let i = 0; i < Math.max(1, this.chaos.duplicates ?? 1); i++) {
      try {
        const { body, headers } = await buildDelivery(this.deps, n);
        const res = await this.deps.fetch(n.target_url, { method: 'POST', headers, body, signal: AbortSignal.timeout(5_000) });
        const text = await res.text();
        // Acknowledged by HTTP 200 or 204; anything else (or a FAIL answer) is retried.
        if (res.status !== 200 && res.status !== 204) error = `HTTP ${res.status} ${text.slice(0, 200)}`;
        else if (i === 0) error = null;
      } catch (err) {
        error = (err as Error).message;
      }
    }
    const now = this.deps.clock.now();
    if (error === null) return repo.recordAttempt(this.deps.db, n.id, { acknowledgedAt: now });
    const wait = RETRY_SCHEDULE_S[n.attempts];
    await repo.recordAttempt(this.deps.db, n.id, {
      nextAttemptAt: wait === undefined ? null : new Date(now.getTime() + wait * 1000),
      error,
      at: now,
    });
  }
}
