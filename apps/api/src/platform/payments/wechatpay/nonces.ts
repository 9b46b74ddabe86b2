import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';

interface NoncesTable {
  nonce: string;
  notification_id: string;
  seen_at: Date;
}
type Tables = { wechatpay_notify_nonces: NoncesTable };

/** How long a nonce is remembered: longer than the accepted timestamp window, so a replay inside it is caught. */
export const NONCE_MEMORY_MS = 10 * 60_000;

export interface NonceStore {
  /**
   * True when the nonce is new, or was seen on this same notification (a redelivery, which the
   * wallet deduplicates by notification id); false when another notification already used it (a replay).
   */
  claim(nonce: string, notificationId: string, at: Date): Promise<boolean>;
}

export function createNonceStore(db: Db): NonceStore {
  const t = () => db.withTables<Tables>();
  let calls = 0;
  return {
    async claim(nonce, notificationId, at) {
      if (++calls % 100 === 1) {
        await t()
          .deleteFrom('wechatpay_notify_nonces')
          .where('seen_at', '<', new Date(at.getTime() - NONCE_MEMORY_MS))
          .execute();
      }
      const row = await t()
        .insertInto('wechatpay_notify_nonces')
        .values({ nonce, notification_id: notificationId, seen_at: at })
        .onConflict((oc) => oc.column('nonce').doUpdateSet({ seen_at: sql`wechatpay_notify_nonces.seen_at` }))
        .returning('notification_id')
        .executeTakeFirstOrThrow();
      return row.notification_id === notificationId;
    },
  };
}
