import {
  ErrorBody,
  InboxPage,
  InboxQuery,
  InboxReadRequest,
  InboxReadResponse,
  NotificationPreferenceUpdate,
  NotificationPreferences,
} from '@quanzi/contracts';
import { z } from 'zod';
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
        summary:
          'One change: an inbox kind ({kind, inApp}; money, moderation and system cannot be switched off: NOTIFICATION_KIND_REQUIRED), a marketing topic on a channel ({topic, channel, enabled}), or quiet hours ({quietHours: {start, end} | null}, HH:MM Asia/Shanghai)',
        body: NotificationPreferenceUpdate,
        response: { 200: NotificationPreferences, ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return notifications.setPreference(memberId, request.body);
    },
  );

  // ---- channel bindings
  app.put(
    '/me/notification-bindings/email',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Bind (or replace) your email address for notifications',
        body: z.strictObject({ email: z.string().min(3).max(254) }),
        response: { 200: NotificationPreferences, ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      await notifications.bindEmail(memberId, request.body.email);
      return notifications.preferences(memberId);
    },
  );
  app.delete(
    '/me/notification-bindings/:channel',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Unbind your email or WeChat',
        params: z.object({ channel: z.enum(['email', 'wechat']) }),
        response: { 200: NotificationPreferences, ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      await notifications.unbind(memberId, request.params.channel);
      return notifications.preferences(memberId);
    },
  );
  app.post(
    '/me/wechat/authorize',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Where to send the browser to bind WeChat (official-account OAuth, snsapi_base)',
        response: { 200: z.object({ url: z.string() }), ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return { url: notifications.wechatAuthorizeUrl(memberId) };
    },
  );
  app.get(
    '/me/wechat/callback',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'WeChat returns here with a code: the openid is bound, then back to the settings page',
        querystring: z.object({ code: z.string().min(1).max(200), state: z.string().min(1).max(200) }),
      },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      try {
        await notifications.completeWechatBinding(memberId, request.query.code, request.query.state);
        return reply.redirect('/inbox/settings?wechat=bound');
      } catch {
        return reply.redirect('/inbox/settings?wechat=failed');
      }
    },
  );
  app.get(
    '/me/push/vapid-public-key',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'The VAPID public key for PushManager.subscribe',
        response: { 200: z.object({ publicKey: z.string() }), ...errors },
      },
    },
    async (request) => {
      await auth.member(request);
      return { publicKey: notifications.vapidPublicKey() };
    },
  );
  app.post(
    '/me/push/subscriptions',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Opt in to web push with this browser’s PushSubscription',
        body: z.strictObject({
          endpoint: z.string().min(10).max(1000),
          keys: z.strictObject({ p256dh: z.string().min(10).max(200), auth: z.string().min(8).max(100) }),
          expirationTime: z.number().nullable().optional(),
        }),
        response: { 200: NotificationPreferences, ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      await notifications.subscribePush(memberId, request.body);
      return notifications.preferences(memberId);
    },
  );
  app.delete(
    '/me/push/subscriptions',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Opt out of web push (this endpoint, or every browser)',
        body: z.strictObject({ endpoint: z.string().max(1000).optional() }).optional(),
        response: { 200: NotificationPreferences, ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      await notifications.unsubscribePush(memberId, request.body?.endpoint);
      return notifications.preferences(memberId);
    },
  );
}
