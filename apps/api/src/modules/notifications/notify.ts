import { isRequiredNotificationKind, type NotificationKind } from '@quanzi/contracts';
import type { Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import type { NotificationsDeps } from './deps.js';
import * as repo from './repo.js';

export interface NotifyInput {
  memberId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** An app path ("/wallet/orders/…"); null or omitted when there is nowhere to go. */
  link?: string | null | undefined;
  /**
   * The id of what caused it (usually the outbox event id): the same source makes one notification
   * however often it is delivered. Unique across members: fan-outs pass e.g. `${eventId}:${memberId}`.
   */
  sourceEventId?: string | null | undefined;
}

export type NotifyOutcome = { created: true; id: string } | { created: false; reason: 'muted' | 'duplicate' };

/**
 * Puts a notification in the member's inbox, inside the caller's transaction when one is given.
 * Kinds the member switched off are skipped (mandatory kinds never are). The member's open devices
 * hear of it after commit: `notification.created` goes through the outbox to `user:<id>`.
 */
export async function notify(deps: NotificationsDeps, trx: Tx | undefined, input: NotifyInput): Promise<NotifyOutcome> {
  if (!trx) return transact(deps.db, (own) => notify(deps, own, input));
  if (!isRequiredNotificationKind(input.kind) && (await repo.preference(trx, input.memberId, input.kind)) === false)
    return { created: false, reason: 'muted' };
  const row = await repo.insertNotification(trx, {
    member_id: input.memberId,
    kind: input.kind,
    title: input.title.slice(0, 200),
    body: input.body.slice(0, 2000),
    link: input.link?.startsWith('/') ? input.link : null,
    source_event_id: input.sourceEventId ?? null,
    created_at: deps.clock.now(),
  });
  if (!row) return { created: false, reason: 'duplicate' };
  await deps.outbox.emit(trx, 'notification.created', { memberId: input.memberId, notificationId: row.id, kind: row.kind });
  return { created: true, id: row.id };
}
