import {
  MARKETING_TOPICS,
  type DeliveryChannel,
  type DeliveryStatus,
  type NotificationPreferenceUpdate,
  type SendInput as SendRequest,
  type Segment,
  type TemplateInput,
  type TemplateUpdate,
} from '@quanzi/contracts';
import type { Platform } from '../../platform/context.js';
import type { Tx } from '../../platform/db/connect.js';
import type { DomainEvent } from '../../platform/events/outbox.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { CronJob } from '../../platform/jobs/scheduler.js';
import type { SmsTextProvider } from '../sms/index.js';
import {
  bindEmail,
  completeWechatBinding,
  handleInboundSms,
  oneClickUnsubscribe,
  subscribePush,
  unbind,
  unsubscribePush,
  wechatApiBase,
  wechatAuthorizeUrl,
} from './bindings.js';
import { createEmailChannel } from './channels/email.js';
import { createPushChannel, loadOrCreateVapidKeys, type VapidKeys } from './channels/push.js';
import { createSmsChannel } from './channels/sms.js';
import type { ExternalChannel } from './channels/types.js';
import { createTokenCache, createWechatChannel, createWecomChannel } from './channels/wechat.js';
import {
  activityLinks,
  createActivityLink,
  createRobot,
  listDeliveries,
  mailOutbox,
  postToRobot,
  putTouchSettings,
  retireActivityLink,
  retireRobot,
  robots,
  touchSettings,
} from './console-views.js';
import { DeliveryWorker } from './deliver.js';
import type { NotificationsDeps, SegmentFilter, TouchDeps, TouchPorts } from './deps.js';
import { feedDomainEvent } from './feed-domain-events.js';
import { reindexBindings } from './reindex-bindings.js';
import { SECURITY_EVENTS, feedSecurityEvent } from './feed-security-events.js';
import { getPreferences } from './get-preferences.js';
import { listInbox, type InboxQueryInput } from './list-inbox.js';
import { markRead } from './mark-read.js';
import { notify, type NotifyInput } from './notify.js';
import * as repo from './repo.js';
import { send, type SendInput } from './send.js';
import {
  audienceSize,
  approvalThreshold,
  changeSend,
  createSend,
  dueSends,
  getSend,
  listSends,
  runSend,
  type RunOptions,
} from './sends.js';
import { setPreference } from './set-preference.js';
import { subscribeNotifications } from './subscriptions.js';
import { createTemplate, listTemplates, templateHistory, updateTemplate } from './templates.js';

export { notificationsMemberRoutes } from './routes.member.js';
export { notificationsConsoleRoutes } from './routes.console.js';
export { notificationsPublicRoutes } from './routes.public.js';
export type { NotifyInput, NotifyOutcome } from './notify.js';
export type { SendInput, SendResult } from './send.js';
export type { DeliveryOutcome } from './enqueue.js';
export type { SegmentFilter, TouchPorts } from './deps.js';
export type { ExternalChannel, Outgoing, Delivered } from './channels/types.js';
export { ChannelFailure } from './channels/types.js';
export { TOUCH_POLICY } from './touch-policy.js';

const SEND_QUEUE = 'notification-send';

export interface NotificationsOptions {
  /** Replace a channel (tests: a failing SMS provider, a local push service). */
  channels?: Partial<Record<Exclude<DeliveryChannel, 'in_app'>, ExternalChannel>>;
  vapidKeys?: () => VapidKeys;
}

/**
 * Notifications — the touch layer. One send path (`send`) whatever the channel: in-app (inbox +
 * real time), SMS (sandbox or Aliyun through the sms module), email (nodemailer: SMTP or the
 * sandbox mail outbox), web push (VAPID), WeChat official-account template messages and 企业微信
 * group robots. Members' choices (topics per channel, quiet hours), one cross-channel daily cap for
 * marketing, compliance before anything is sent, templates, operator sends in batches, the
 * delivery log. Fed from domain events by the outbox subscriptions started with `subscribe`.
 */
export function createNotificationsModule(
  platform: Pick<Platform, 'db' | 'clock' | 'outbox' | 'logger' | 'realtime' | 'vault' | 'config'>,
  ports: TouchPorts & { sms: { texts: SmsTextProvider } },
  options: NotificationsOptions = {},
) {
  const base: NotificationsDeps = { db: platform.db, clock: platform.clock, outbox: platform.outbox, logger: platform.logger };
  const cfg = platform.config.touch;
  const origin = () => platform.config.publicOrigin;
  let vapid: VapidKeys | undefined;
  const vapidKeys = options.vapidKeys ?? (() => (vapid ??= loadOrCreateVapidKeys(platform.config.dataDir)));
  const channels = new Map<string, ExternalChannel>();
  const deps: TouchDeps = {
    ...base,
    vault: platform.vault,
    ports,
    channels,
    origin,
    wake: () => worker.wake(),
    kickSend: (id) => void kick(id),
    segmentFilters: new Map(),
  };
  const wechatBase = () => wechatApiBase(deps, cfg.wechat.apiBase);
  const tokens = createTokenCache({
    apiBase: wechatBase,
    appId: cfg.wechat.appId,
    appSecret: cfg.wechat.appSecret,
    now: () => platform.clock.now(),
  });
  const defaults: ExternalChannel[] = [
    createSmsChannel(ports.sms.texts),
    createEmailChannel({ smtpUrl: cfg.smtpUrl, from: cfg.mailFrom, origin, db: platform.db, vault: platform.vault, clock: platform.clock }),
    createPushChannel({ db: platform.db, keys: vapidKeys, subject: cfg.vapidSubject, origin }),
    createWechatChannel({ apiBase: wechatBase, tokens, origin }),
    createWecomChannel(),
  ];
  for (const c of defaults) channels.set(c.channel, c);
  for (const c of Object.values(options.channels ?? {})) if (c) channels.set(c.channel, c);
  const worker = new DeliveryWorker(deps);
  let enqueueJob: ((name: string, data: Record<string, unknown>, key: string) => Promise<boolean>) | undefined;
  const kick = async (sendId: string) => {
    try {
      if (!(await enqueueJob?.(SEND_QUEUE, { sendId }, sendId))) return;
    } catch (err) {
      platform.logger.warn({ err, sendId }, 'could not enqueue the send; the minute job will start it');
    }
  };

  return {
    // ---- the one send path
    /**
     * Sends one message to one member on the given channels — inside the caller's transaction when
     * one is passed (`send(trx, input)`), else in its own (`send(input)`). Marketing topics honour
     * preferences, quiet hours (deferred, never dropped) and the daily cap, and pass compliance
     * first (422 MARKETING_COMPLIANCE); transactional topics always go and may carry one approved
     * activity link. In-app lands in the transaction; other channels are queued durably.
     */
    send: (...args: [SendInput] | [Tx | undefined, SendInput]) =>
      args.length === 1 ? send(deps, undefined, args[0]) : send(deps, args[0], args[1]),
    /** The in-app inbox write the domain-event feed uses (per-kind preferences; kept for the feeds). */
    notify: (...args: [NotifyInput] | [Tx | undefined, NotifyInput]) =>
      args.length === 1 ? notify(base, undefined, args[0]) : notify(base, args[0], args[1]),

    // ---- members
    inbox: (memberId: string, query: InboxQueryInput) => listInbox(base, memberId, query),
    unreadCount: (memberId: string) => repo.countUnread(platform.db, memberId),
    markRead: (memberId: string, ids: readonly string[] | 'all') => markRead(base, memberId, ids),
    preferences: (memberId: string) => getPreferences(platform.db, memberId),
    setPreference: (memberId: string, input: NotificationPreferenceUpdate) => setPreference(base, memberId, input),
    bindEmail: (memberId: string, email: string) => bindEmail(deps, memberId, email),
    unbind: (memberId: string, channel: 'email' | 'wechat') => unbind(deps, memberId, channel),
    wechatAuthorizeUrl: (memberId: string) => wechatAuthorizeUrl(deps, cfg.wechat, memberId),
    completeWechatBinding: (memberId: string, code: string, state: string) =>
      completeWechatBinding(deps, cfg.wechat, memberId, code, state),
    vapidPublicKey: () => vapidKeys().publicKey,
    subscribePush: (memberId: string, sub: { endpoint: string; keys: { p256dh: string; auth: string } }) =>
      subscribePush(deps, memberId, sub),
    unsubscribePush: (memberId: string, endpoint?: string) => unsubscribePush(deps, memberId, endpoint),
    oneClickUnsubscribe: (token: string) => oneClickUnsubscribe(deps, token),
    /** Part of the pii-reindex job: bindings sealed under an older QUANZI_SECRET rewritten under the current one. */
    reindexBindings: () => reindexBindings(deps),
    handleInboundSms: (phone: string, content: string) => handleInboundSms(deps, phone, content, MARKETING_TOPICS),

    // ---- console
    templates: () => listTemplates(deps),
    templateHistory: (id: string) => templateHistory(deps, id),
    createTemplate: (op: OperatorPrincipal, input: TemplateInput, ip: string | null) => createTemplate(deps, op, input, ip),
    updateTemplate: (op: OperatorPrincipal, id: string, input: TemplateUpdate, ip: string | null) =>
      updateTemplate(deps, op, id, input, ip),
    async previewAudience(segment: Segment) {
      const [audience, threshold] = await Promise.all([audienceSize(deps, segment), approvalThreshold(deps)]);
      return { audience, threshold, requiresApproval: audience > threshold };
    },
    createSend: (op: OperatorPrincipal, input: SendRequest, ip: string | null) => createSend(deps, op, input, ip),
    changeSend: (op: OperatorPrincipal, id: string, action: 'approve' | 'pause' | 'resume' | 'cancel', ip: string | null) =>
      changeSend(deps, op, id, action, ip),
    getSend: (id: string) => getSend(deps, id),
    listSends: (page: number, pageSize: number) => listSends(deps, page, pageSize),
    deliveries: (q: {
      sendId?: string;
      memberId?: string;
      channel?: DeliveryChannel;
      status?: DeliveryStatus;
      before?: string;
      limit: number;
    }) => listDeliveries(deps, q),
    mailOutbox: (page: number, pageSize: number) => mailOutbox(deps, page, pageSize),
    settings: () => touchSettings(deps),
    putSettings: (op: OperatorPrincipal, input: { dailyCap?: number; approvalThreshold?: number }, ip: string | null) =>
      putTouchSettings(deps, op, input, ip),
    activityLinks: () => activityLinks(deps),
    createActivityLink: (op: OperatorPrincipal, input: { label: string; link: string }, ip: string | null) =>
      createActivityLink(deps, op, input, ip),
    retireActivityLink: (op: OperatorPrincipal, id: string, ip: string | null) => retireActivityLink(deps, op, id, ip),
    retireRobot: (op: OperatorPrincipal, id: string, ip: string | null) => retireRobot(deps, op, id, ip),
    robots: () => robots(deps),
    createRobot: (op: OperatorPrincipal, input: { name: string; webhookUrl: string }, ip: string | null) =>
      createRobot(deps, op, input, ip),
    postToRobot: (op: OperatorPrincipal, robotId: string, input: { title: string; body: string }, ip: string | null) =>
      postToRobot(deps, op, robotId, input, ip),

    // ---- extension points and the worker
    /** Replaces a channel's provider (tests; a custom provider). */
    useChannel: (channel: ExternalChannel) => void channels.set(channel.channel, channel),
    /** Later modules register segment filters (`levels` from growth, `tags`): member ids in, matching ones out. */
    registerSegmentFilter: (key: 'levels' | 'tags', filter: SegmentFilter) => void deps.segmentFilters.set(key, filter),
    /** Runs a send's batches (the pg-boss job calls this; tests call it directly). */
    runSend: (id: string, options?: RunOptions) => runSend(deps, id, options),
    /** Delivers everything due now (the worker loop calls this; tests call it directly). */
    deliverDue: () => worker.drain(),
    startDelivery: () => worker.start(),
    stopDelivery: () => worker.stop(),
    /** Wires the send queue into pg-boss (worker side). */
    attachScheduler(scheduler: {
      registerQueue(name: string, handle: (data: Record<string, unknown>) => Promise<unknown>): void;
      enqueue(name: string, data: Record<string, unknown>, key: string): Promise<boolean>;
    }) {
      scheduler.registerQueue(SEND_QUEUE, async (data) => runSend(deps, String(data.sendId)));
      enqueueJob = (name, data, key) => scheduler.enqueue(name, data, key);
    },
    /** Every minute: sends whose time came (or that a crash left running) are put on the queue; deliveries are woken. */
    cronJobs: [
      {
        name: 'notification-due-sends',
        cron: '* * * * *',
        run: async (now: Date) => {
          const ids = await dueSends(deps, now);
          for (const id of ids) {
            if (enqueueJob) await kick(id);
            else await runSend(deps, id);
          }
          worker.wake();
          return { sends: ids.length };
        },
      },
    ] satisfies CronJob[],
    /** What the outbox subscription does with one domain event (exposed for tests of redelivery). */
    handleEvent: (event: DomainEvent) =>
      (SECURITY_EVENTS as readonly string[]).includes(event.name) ? feedSecurityEvent(deps, event) : feedDomainEvent(base, event),
    /** Starts the outbox subscriptions (worker side), next to the real-time ones. */
    subscribe: () => subscribeNotifications(deps, platform.outbox, platform.realtime.publisher),
  };
}
export type NotificationsModule = ReturnType<typeof createNotificationsModule>;
