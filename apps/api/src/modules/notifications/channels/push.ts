import fs from 'node:fs';
import path from 'node:path';
import webpush from 'web-push';
import type { Db } from '../../../platform/db/connect.js';
import { touch } from '../repo.js';
import { ChannelFailure, transientStatus, type ExternalChannel } from './types.js';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/** VAPID keys live in the data dir (`vapid.json`, mode 0600), generated at first start. */
export function loadOrCreateVapidKeys(dataDir: string): VapidKeys {
  const file = path.join(dataDir, 'vapid.json');
  try {
    const keys = JSON.parse(fs.readFileSync(file, 'utf8')) as VapidKeys;
    if (keys.publicKey && keys.privateKey) return keys;
  } catch {
    // first start
  }
  const keys = webpush.generateVAPIDKeys();
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(keys), { mode: 0o600, flag: 'w' });
  return keys;
}

/**
 * Web push (RFC 8030/8291/8292) with `web-push`: the payload is encrypted (aes128gcm) to each of the
 * member's subscriptions and signed with our VAPID key. A subscription the push service says is
 * gone (404/410) is removed; 429 and 5xx are retried.
 */
export function createPushChannel(opts: { db: Db; keys: () => VapidKeys; subject: string; origin: () => string }): ExternalChannel {
  return {
    channel: 'push',
    async deliver(m) {
      if (!m.memberId) throw new ChannelFailure('NO_MEMBER', false);
      const subs = await touch(opts.db)
        .selectFrom('notification_push_subscriptions')
        .selectAll()
        .where('member_id', '=', m.memberId)
        .execute();
      if (!subs.length) throw new ChannelFailure('NO_SUBSCRIPTION', false);
      const keys = opts.keys();
      const payload = JSON.stringify({ title: m.title, body: m.body, link: m.link, id: m.deliveryId, unsubscribe: m.unsubscribeUrl });
      let ok = 0;
      let transient: ChannelFailure | undefined;
      let last: ChannelFailure | undefined;
      for (const sub of subs) {
        try {
          // web-push encrypts and signs; the request itself goes out with fetch (timeouts, and any
          // push service URL, including a local stand-in in tests).
          const req = webpush.generateRequestDetails({ endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } }, payload, {
            vapidDetails: { subject: opts.subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
            TTL: 24 * 3600,
          });
          const res = await fetch(req.endpoint, {
            method: req.method,
            headers: Object.fromEntries(
              Object.entries(req.headers as Record<string, string | number>)
                .filter(([k]) => k.toLowerCase() !== 'content-length')
                .map(([k, v]) => [k, String(v)]),
            ),
            body: req.body ?? null,
            signal: AbortSignal.timeout(10_000),
          }).catch((e: unknown) => {
            throw Object.assign(new Error((e as Error).message), { statusCode: undefined });
          });
          if (res.status >= 300) throw Object.assign(new Error(`push service answered ${res.status}`), { statusCode: res.status });
          ok++;
        } catch (err) {
          const status = (err as { statusCode?: number }).statusCode;
          if (status === 404 || status === 410) {
            await touch(opts.db).deleteFrom('notification_push_subscriptions').where('id', '=', sub.id).execute();
            last = new ChannelFailure(`PUSH_${status}`, false);
          } else {
            const f = new ChannelFailure(
              status ? `PUSH_${status}` : 'PUSH_NETWORK',
              status ? transientStatus(status) : true,
              (err as Error).message,
            );
            if (f.transient) transient = f;
            last = f;
          }
        }
      }
      if (ok > 0) return { provider: 'web-push', providerId: `${ok}/${subs.length}`, status: 'sent' };
      throw transient ?? last ?? new ChannelFailure('PUSH_ERROR', true);
    },
  };
}
