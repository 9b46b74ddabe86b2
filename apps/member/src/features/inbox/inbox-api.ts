import type { InboxPage, InboxReadResponse, NotificationKind, NotificationPreferences } from '@quanzi/contracts';
import { api } from '../../shared/api';

export type InboxTab = 'all' | 'unread';

/** The inbox endpoints the pages use. */
export const inboxApi = {
  page: (tab: InboxTab, before?: string, limit = 20) =>
    api<InboxPage>('GET', `/me/inbox?limit=${limit}${tab === 'unread' ? '&unread=true' : ''}${before ? `&before=${before}` : ''}`),
  read: (body: { ids: string[] } | { all: true }) => api<InboxReadResponse>('POST', '/me/inbox/read', body),
  preferences: () => api<NotificationPreferences>('GET', '/me/notification-preferences'),
  setPreference: (kind: NotificationKind, inApp: boolean) =>
    api<NotificationPreferences>('PUT', '/me/notification-preferences', { kind, inApp }),
};
