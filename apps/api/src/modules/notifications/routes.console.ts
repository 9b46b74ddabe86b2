import {
  AudiencePreview,
  DeliveryChannel,
  DeliveryStatus,
  DeliveryView,
  ErrorBody,
  MailOutboxItem,
  PageQuery,
  Segment,
  SendInput,
  SendView,
  TemplateInput,
  TemplateUpdate,
  TemplateView,
  pageOf,
} from '@quanzi/contracts';
import { z } from 'zod';
import { requestMeta } from '../../platform/http/auth.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { NotificationsModule } from './index.js';

const tags = ['console: touch'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const Id = z.object({ id: z.uuid() });
const ActivityLinkView = z.object({ id: z.string(), label: z.string(), link: z.string(), createdAt: z.string() });
const RobotView = z.object({ id: z.string(), name: z.string(), webhook: z.string(), createdAt: z.string() });
const Settings = z.object({ dailyCap: z.number().int(), approvalThreshold: z.number().int() });

/** Templates, sends, the delivery log, the mail outbox and touch settings; every write audited. */
export function notificationsConsoleRoutes(app: HttpApp, { auth }: RouteContext, touch: NotificationsModule): void {
  const ip = (request: Parameters<typeof requestMeta>[0]) => requestMeta(request).ip;

  app.get(
    '/notification-templates',
    {
      config: { access: { operator: 'touch.manage' } },
      schema: {
        tags,
        summary: 'Templates, latest edit first (current versions)',
        response: { 200: z.object({ items: z.array(TemplateView) }), ...errors },
      },
    },
    async (request) => {
      await auth.operator(request, 'touch.manage');
      return { items: await touch.templates() };
    },
  );
  app.post(
    '/notification-templates',
    {
      config: { access: { operator: 'touch.manage' } },
      schema: {
        tags,
        summary:
          'Create a template (zh-CN and en texts with declared {{variables}}; unknown variables 400; marketing wording checked: 422 MARKETING_COMPLIANCE)',
        body: TemplateInput,
        response: { 201: TemplateView, ...errors },
      },
    },
    async (request, reply) => {
      const op = await auth.operator(request, 'touch.manage');
      return reply.code(201).send(await touch.createTemplate(op, request.body, ip(request)));
    },
  );
  app.put(
    '/notification-templates/:id',
    {
      config: { access: { operator: 'touch.manage' } },
      schema: {
        tags,
        summary: 'Edit a template: a new version (sends keep theirs)',
        params: Id,
        body: TemplateUpdate,
        response: { 200: TemplateView, ...errors },
      },
    },
    async (request) => {
      const op = await auth.operator(request, 'touch.manage');
      return touch.updateTemplate(op, request.params.id, request.body, ip(request));
    },
  );
  app.get(
    '/notification-templates/:id/versions',
    {
      config: { access: { operator: 'touch.manage' } },
      schema: {
        tags,
        summary: 'Every version of a template, newest first',
        params: Id,
        response: { 200: z.object({ items: z.array(z.unknown()) }), ...errors },
      },
    },
    async (request) => {
      await auth.operator(request, 'touch.manage');
      return { items: await touch.templateHistory(request.params.id) };
    },
  );

  app.post(
    '/sends/preview',
    {
      config: { access: { operator: 'touch.manage' } },
      schema: {
        tags,
        summary: 'Audience size of a segment, and whether a send to it needs a second operator',
        body: z.strictObject({ segment: Segment }),
        response: { 200: AudiencePreview, ...errors },
      },
    },
    async (request) => {
      await auth.operator(request, 'touch.manage');
      return touch.previewAudience(request.body.segment);
    },
  );
  app.post(
    '/sends',
    {
      config: { access: { operator: 'touch.manage' } },
      schema: {
        tags,
        summary: 'Create a send from a template to a segment (422 MARKETING_COMPLIANCE with the offending words; 422 SEGMENT_EMPTY)',
        body: SendInput,
        response: { 201: SendView, ...errors },
      },
    },
    async (request, reply) => {
      const op = await auth.operator(request, 'touch.manage');
      return reply.code(201).send(await touch.createSend(op, request.body, ip(request)));
    },
  );
  app.get(
    '/sends',
    {
      config: { access: { operator: 'touch.manage' } },
      schema: {
        tags,
        summary: 'Sends, newest first, with per-channel results',
        querystring: PageQuery,
        response: { 200: pageOf(SendView), ...errors },
      },
    },
    async (request) => {
      await auth.operator(request, 'touch.manage');
      return touch.listSends(request.query.page, request.query.pageSize);
    },
  );
  app.get(
    '/sends/:id',
    {
      config: { access: { operator: 'touch.manage' } },
      schema: { tags, summary: 'One send with its per-channel results', params: Id, response: { 200: SendView, ...errors } },
    },
    async (request) => {
      await auth.operator(request, 'touch.manage');
      return touch.getSend(request.params.id);
    },
  );
  for (const action of ['approve', 'pause', 'resume', 'cancel'] as const) {
    app.post(
      `/sends/:id/${action}`,
      {
        config: { access: { operator: action === 'approve' ? 'touch.approve' : 'touch.manage' } },
        schema: {
          tags,
          summary:
            action === 'approve'
              ? 'Approve a send (touch.approve; another operator than its creator)'
              : `${action[0]!.toUpperCase()}${action.slice(1)} a send`,
          params: Id,
          response: { 200: SendView, ...errors },
        },
      },
      async (request) => {
        const op = await auth.operator(request, action === 'approve' ? 'touch.approve' : 'touch.manage');
        return touch.changeSend(op, request.params.id, action, ip(request));
      },
    );
  }

  app.get(
    '/deliveries',
    {
      config: { access: { operator: 'touch.manage' } },
      schema: {
        tags,
        summary: 'The delivery log per message and channel, newest first (keyset: pass nextBefore as before)',
        querystring: z.strictObject({
          sendId: z.uuid().optional(),
          memberId: z.uuid().optional(),
          channel: DeliveryChannel.optional(),
          status: DeliveryStatus.optional(),
          before: z
            .string()
            .regex(/^\d{1,19}$/)
            .optional(),
          limit: z.coerce.number().int().min(1).max(100).default(50),
        }),
        response: { 200: z.object({ items: z.array(DeliveryView), nextBefore: z.string().nullable() }), ...errors },
      },
    },
    async (request) => {
      await auth.operator(request, 'touch.manage');
      const q = request.query;
      return touch.deliveries({
        ...q,
        sendId: q.sendId,
        memberId: q.memberId,
        channel: q.channel,
        status: q.status,
        before: q.before,
      } as Parameters<NotificationsModule['deliveries']>[0]);
    },
  );
  app.get(
    '/mail-outbox',
    {
      config: { access: { operator: 'touch.manage' } },
      schema: {
        tags,
        summary: 'Mail the sandbox mail channel built (MIME), newest first',
        querystring: PageQuery,
        response: { 200: pageOf(MailOutboxItem), ...errors },
      },
    },
    async (request) => {
      await auth.operator(request, 'touch.manage');
      return touch.mailOutbox(request.query.page, request.query.pageSize);
    },
  );

  app.get(
    '/touch-settings',
    {
      config: { access: { operator: 'touch.manage' } },
      schema: { tags, summary: 'The daily marketing cap and the approval threshold', response: { 200: Settings, ...errors } },
    },
    async (request) => {
      await auth.operator(request, 'touch.manage');
      return touch.settings();
    },
  );
  app.put(
    '/touch-settings',
    {
      config: { access: { operator: 'touch.approve' } },
      schema: {
        tags,
        summary: 'Set the daily marketing cap (per member, every channel) and the approval threshold',
        body: z.strictObject({
          dailyCap: z.number().int().min(0).max(50).optional(),
          approvalThreshold: z.number().int().min(0).max(10_000_000).optional(),
        }),
        response: { 200: Settings, ...errors },
      },
    },
    async (request) => {
      const op = await auth.operator(request, 'touch.approve');
      return touch.putSettings(op, request.body, ip(request));
    },
  );
  app.get(
    '/activity-links',
    {
      config: { access: { operator: 'touch.manage' } },
      schema: {
        tags,
        summary: 'Approved activity links transactional notices may carry',
        response: { 200: z.object({ items: z.array(ActivityLinkView) }), ...errors },
      },
    },
    async (request) => {
      await auth.operator(request, 'touch.manage');
      return { items: await touch.activityLinks() };
    },
  );
  app.post(
    '/activity-links',
    {
      config: { access: { operator: 'touch.approve' } },
      schema: {
        tags,
        summary: 'Approve an activity link (an app path)',
        body: z.strictObject({ label: z.string().min(1).max(40), link: z.string().min(2).max(200) }),
        response: { 201: ActivityLinkView, ...errors },
      },
    },
    async (request, reply) => {
      const op = await auth.operator(request, 'touch.approve');
      return reply.code(201).send(await touch.createActivityLink(op, request.body, ip(request)));
    },
  );
  app.delete(
    '/activity-links/:id',
    {
      config: { access: { operator: 'touch.approve' } },
      schema: {
        tags,
        summary: 'Retire an approved activity link (templates and notices can no longer carry it)',
        params: Id,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const op = await auth.operator(request, 'touch.approve');
      await touch.retireActivityLink(op, request.params.id, ip(request));
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/wecom-robots',
    {
      config: { access: { operator: 'touch.manage' } },
      schema: { tags, summary: '企业微信 group robots', response: { 200: z.object({ items: z.array(RobotView) }), ...errors } },
    },
    async (request) => {
      await auth.operator(request, 'touch.manage');
      return { items: await touch.robots() };
    },
  );
  app.post(
    '/wecom-robots',
    {
      config: { access: { operator: 'touch.manage' } },
      schema: {
        tags,
        summary: 'Add a group robot webhook (http(s), no private address: WEBHOOK_URL_INVALID)',
        body: z.strictObject({ name: z.string().min(1).max(60), webhookUrl: z.string().min(8).max(500) }),
        response: { 201: RobotView, ...errors },
      },
    },
    async (request, reply) => {
      const op = await auth.operator(request, 'touch.manage');
      return reply.code(201).send(await touch.createRobot(op, request.body, ip(request)));
    },
  );
  app.delete(
    '/wecom-robots/:id',
    {
      config: { access: { operator: 'touch.manage' } },
      schema: { tags, summary: 'Retire a group robot (queued posts to it fail)', params: Id, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      const op = await auth.operator(request, 'touch.manage');
      await touch.retireRobot(op, request.params.id, ip(request));
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/wecom-robots/:id/messages',
    {
      config: { access: { operator: 'touch.manage' } },
      schema: {
        tags,
        summary: 'Post a text to a group robot (queued, delivered by the worker)',
        params: Id,
        body: z.strictObject({ title: z.string().min(1).max(100), body: z.string().min(1).max(1500) }),
        response: { 202: z.object({ deliveryId: z.string() }), ...errors },
      },
    },
    async (request, reply) => {
      const op = await auth.operator(request, 'touch.manage');
      return reply.code(202).send(await touch.postToRobot(op, request.params.id, request.body, ip(request)));
    },
  );
}
