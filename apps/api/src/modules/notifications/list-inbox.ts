import type { InboxPage, NotificationKind } from '@quanzi/contracts';
import type { NotificationsDeps } from './deps.js';
import { presentNotification } from './present.js';
import * as repo from './repo.js';

export interface InboxQueryInput {
  kind?: NotificationKind | undefined;
  unread?: boolean | undefined;
  before?: string | undefined;
  limit: number;
}

/** The member's notifications, newest first, a keyset page at a time, with their unread count. */
export async function listInbox(deps: NotificationsDeps, memberId: string, query: InboxQueryInput): Promise<InboxPage> {
  const [rows, unread] = await Promise.all([
    repo.listNotifications(
      deps.db,
      { memberId, kind: query.kind, unread: query.unread, before: query.before === undefined ? undefined : BigInt(query.before) },
      query.limit + 1,
    ),
    repo.countUnread(deps.db, memberId),
  ]);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(presentNotification),
    nextBefore: rows.length > query.limit ? String(page[page.length - 1]!.seq) : null,
    unread,
  };
}
