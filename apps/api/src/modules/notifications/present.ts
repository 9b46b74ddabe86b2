import type { InboxNotification } from '@quanzi/contracts';
import type { NotificationRow } from './repo.js';

export const presentNotification = (row: NotificationRow): InboxNotification => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  body: row.body,
  link: row.link,
  activity: row.activity_label && row.activity_link ? { label: row.activity_label, link: row.activity_link } : null,
  createdAt: row.created_at.toISOString(),
  readAt: row.read_at?.toISOString() ?? null,
});
