import {
  AppointExpertRequest,
  ConsoleGroup,
  CreateGroupRequest,
  DecideJoinRequest,
  ErrorBody,
  Expert,
  GroupMemberList,
  MessagePage,
  PinRequest,
  SetRoleRequest,
  UpdateGroupRequest,
} from '@quanzi/contracts';
import { z } from 'zod';
import { requestMeta } from '../../platform/http/auth.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { CommunityModule } from './index.js';

const tags = ['console: community'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const GroupParams = z.object({ id: z.string().max(64) });

/** Community managers run groups and appoint experts; every write is audited. */
export function communityConsoleRoutes(app: HttpApp, { auth }: RouteContext, community: CommunityModule): void {
  const manager = (request: Parameters<typeof auth.operator>[0]) => auth.operator(request, 'community.manage');
  app.get(
    '/groups',
    {
      config: { access: { operator: 'community.manage' } },
      schema: {
        tags,
        summary: 'Every group, most recently active first, with pending join requests',
        querystring: z.object({
          q: z.string().trim().max(30).optional(),
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: z.object({ items: z.array(ConsoleGroup), nextCursor: z.string().nullable() }), ...errors },
      },
    },
    async (request) => {
      await manager(request);
      return community.consoleGroups(request.query);
    },
  );
  app.post(
    '/groups',
    {
      config: { access: { operator: 'community.manage' } },
      schema: { tags, summary: 'Create a group', body: CreateGroupRequest, response: { 201: ConsoleGroup, ...errors } },
    },
    async (request, reply) => {
      const op = await manager(request);
      const g = await community.createGroup(op, request.body, requestMeta(request).ip);
      return reply.code(201).send(await community.consoleGroup(g.id));
    },
  );
  app.get(
    '/groups/:id',
    {
      config: { access: { operator: 'community.manage' } },
      schema: { tags, summary: 'One group', params: GroupParams, response: { 200: ConsoleGroup, ...errors } },
    },
    async (request) => {
      await manager(request);
      return community.consoleGroup(request.params.id);
    },
  );
  app.patch(
    '/groups/:id',
    {
      config: { access: { operator: 'community.manage' } },
      schema: {
        tags,
        summary: 'Slow mode, announcement, description, pinned message, new invite code',
        params: GroupParams,
        body: UpdateGroupRequest.extend({
          pinnedMessageId: PinRequest.shape.messageId.optional(),
          rotateInviteCode: z.boolean().optional(),
        }),
        response: { 200: ConsoleGroup, ...errors },
      },
    },
    async (request) => {
      const op = await manager(request);
      await community.consoleUpdateGroup(op, request.params.id, request.body, requestMeta(request).ip);
      return community.consoleGroup(request.params.id);
    },
  );
  app.get(
    '/groups/:id/members',
    {
      config: { access: { operator: 'community.manage' } },
      schema: {
        tags,
        summary: 'Members or pending join requests',
        params: GroupParams,
        querystring: z.object({
          state: z.enum(['active', 'pending']).default('active'),
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(50),
        }),
        response: { 200: GroupMemberList, ...errors },
      },
    },
    async (request) => {
      await manager(request);
      return community.consoleMembers(request.params.id, request.query);
    },
  );
  app.get(
    '/groups/:id/messages',
    {
      config: { access: { operator: 'community.moderate' } },
      schema: {
        tags,
        summary: 'A group’s messages as members see them (moderators read before acting)',
        params: GroupParams,
        querystring: z.object({
          before: z
            .string()
            .regex(/^\d{1,18}$/)
            .optional(),
          limit: z.coerce.number().int().min(1).max(100).default(50),
        }),
        response: { 200: MessagePage, ...errors },
      },
    },
    async (request) => {
      await auth.operator(request, 'community.moderate');
      return community.consoleMessages(request.params.id, request.query);
    },
  );
  app.post(
    '/groups/:id/join-requests',
    {
      config: { access: { operator: 'community.manage' } },
      schema: {
        tags,
        summary: 'Approve or refuse a join request',
        params: GroupParams,
        body: DecideJoinRequest,
        response: { 200: z.object({ approved: z.boolean() }), ...errors },
      },
    },
    async (request) => {
      const op = await manager(request);
      return community.consoleDecideJoin(op, request.params.id, request.body, requestMeta(request).ip);
    },
  );
  app.put(
    '/groups/:id/roles',
    {
      config: { access: { operator: 'community.manage' } },
      schema: {
        tags,
        summary: 'Make a member a group admin, or a member again',
        params: GroupParams,
        body: SetRoleRequest,
        response: { 200: SetRoleRequest, ...errors },
      },
    },
    async (request) => {
      const op = await manager(request);
      return community.setGroupRole(op, request.params.id, request.body, requestMeta(request).ip);
    },
  );
  app.get(
    '/experts',
    {
      config: { access: { operator: 'community.manage' } },
      schema: { tags, summary: 'Appointed experts', response: { 200: z.object({ items: z.array(Expert) }), ...errors } },
    },
    async (request) => {
      await manager(request);
      return { items: await community.experts() };
    },
  );
  app.post(
    '/experts',
    {
      config: { access: { operator: 'community.manage' } },
      schema: {
        tags,
        summary: 'Appoint an expert (verified badge with a title)',
        body: AppointExpertRequest,
        response: { 201: Expert, ...errors },
      },
    },
    async (request, reply) => {
      const op = await manager(request);
      return reply.code(201).send(await community.appointExpert(op, request.body, requestMeta(request).ip));
    },
  );
  app.delete(
    '/experts/:id',
    {
      config: { access: { operator: 'community.manage' } },
      schema: { tags, summary: 'Remove an expert badge', params: GroupParams, response: { 200: z.object({ ok: z.boolean() }), ...errors } },
    },
    async (request) => {
      const op = await manager(request);
      await community.removeExpert(op, request.params.id, requestMeta(request).ip);
      return { ok: true };
    },
  );
}
