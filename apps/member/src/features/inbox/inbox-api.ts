import type {
  InboxPage,
  InboxReadResponse,
  MarketingTopic,
  MemberChannel,
  NotificationKind,
  NotificationPreferences,
} from '@quanzi/contracts';
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
  setTopic: (topic: MarketingTopic, channel: MemberChannel, enabled: boolean) =>
    api<NotificationPreferences>('PUT', '/me/notification-preferences', { topic, channel, enabled }),
  setQuietHours: (quietHours: { start: string; end: string } | null) =>
    api<NotificationPreferences>('PUT', '/me/notification-preferences', { quietHours }),
  setLocale: (locale: 'zh-CN' | 'en') => api<NotificationPreferences>('PUT', '/me/notification-preferences', { locale }),
  bindEmail: (email: string) => api<NotificationPreferences>('PUT', '/me/notification-bindings/email', { email }),
  unbind: (channel: 'email' | 'wechat') => api<NotificationPreferences>('DELETE', `/me/notification-bindings/${channel}`),
  wechatAuthorize: () => api<{ url: string }>('POST', '/me/wechat/authorize'),
  vapidKey: () => api<{ publicKey: string }>('GET', '/me/push/vapid-public-key'),
  subscribePush: (sub: PushSubscriptionJSON) => api<NotificationPreferences>('POST', '/me/push/subscriptions', sub),
  unsubscribePush: (endpoint?: string) => api<NotificationPreferences>('DELETE', '/me/push/subscriptions', endpoint ? { endpoint } : {}),
};
