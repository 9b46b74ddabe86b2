import type { NotificationKind } from '@quanzi/contracts';
import type { Tx } from '../db/connect.js';
import type { Outbox } from './outbox.js';

/** What a member should be told, as the module that knows the context words it. */
export interface Notice {
  memberId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** An app path ("/community/threads/…"), or null. */
  link?: string | null | undefined;
  /** Makes the notice once-only across events (e.g. one reminder per member and session). */
  sourceEventId?: string | null | undefined;
}

/**
 * How a domain module tells members something without calling the notification module: the notice
 * travels in a domain event (`<module>.notices`) written in the caller's transaction; after commit
 * the notification module delivers it through the member's channels and preferences.
 */
export function noticesVia(outbox: Outbox, eventName: `${string}.notices`) {
  return {
    async send(trx: Tx, notice: Notice): Promise<void> {
      await outbox.emit(trx, eventName, { notices: [notice] });
    },
  };
}
export type NoticeSender = ReturnType<typeof noticesVia>;
export const NOTICE_EVENTS = ['moderation.notices', 'forum.notices', 'live.notices'] as const;
