import {
  ErrorBody,
  InboxPage,
  InboxQuery,
  InboxReadRequest,
  InboxReadResponse,
  NotificationPreferenceUpdate,
  NotificationPreferences,
} from '@quanzi/contracts';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { NotificationsModule } from './index.js';

const tags = ['member: notifications'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody };

export function notificationsMemberRoutes(app: HttpApp, { auth }: RouteContext, notifications: NotificationsModule): void {
  app.get(
    '/me/inbox',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Your notifications, newest first (keyset: pass nextBefore as before), with the unread count',
        querystring: InboxQuery,
        response: { 200: InboxPage, ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      const { kind, unread, before, limit } = request.query;
      return notifications.inbox(memberId, { kind, unread: unread === undefined ? undefined : unread === 'true', before, limit });
    },
  );

  app.post(
    '/me/inbox/read',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Mark some (ids) or all of your notifications read; ids that are not yours are ignored',
        body: InboxReadRequest,
        response: { 200: InboxReadResponse, ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return notifications.markRead(memberId, request.body.all ? 'all' : (request.body.ids ?? []));
    },
  );

  app.get(
    '/me/notification-preferences',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Every notification kind, whether it reaches you in the app, and whether it is mandatory',
        response: { 200: NotificationPreferences, ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return notifications.preferences(memberId);
    },
  );

  app.put(
    '/me/notification-preferences',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Switch one kind on or off (moderation and system cannot be switched off: NOTIFICATION_KIND_REQUIRED)',
        body: NotificationPreferenceUpdate,
        response: { 200: NotificationPreferences, ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return notifications.setPreference(memberId, request.body);
    },
  );
}
