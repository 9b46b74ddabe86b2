import {
  AuthorCard,
  BlockRequest,
  DecideJoinRequest,
  ErrorBody,
  Group,
  GroupList,
  GroupListQuery,
  GroupMemberList,
  ImageUploadResponse,
  InviteCodeResponse,
  JoinGroupRequest,
  JoinGroupResponse,
  Message,
  MessagePage,
  MessageQuery,
  MuteGroupRequest,
  PinRequest,
  PostMessageRequest,
  ReactRequest,
  ReadRequest,
  TrustStatus,
  UpdateGroupRequest,
} from '@quanzi/contracts';
import { z } from 'zod';
import type { IdempotencyStore } from '../../platform/http/idempotency.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import { IMAGE_CONTENT_TYPES, IMAGE_LIMITS } from './images.js';
import type { CommunityModule } from './index.js';

const tags = ['community'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const GroupParams = z.object({ id: z.string().max(64) });
const MessageParams = z.object({ id: z.string().max(64) });
const Ok = z.object({ ok: z.boolean() });

export function communityMemberRoutes(app: HttpApp, { auth }: RouteContext, community: CommunityModule, _idem: IdempotencyStore): void {
  // Images arrive as their own bytes (no base64 in JSON); what they are is decided from the bytes.
  app.addContentTypeParser(IMAGE_CONTENT_TYPES, { parseAs: 'buffer', bodyLimit: IMAGE_LIMITS.maxBytes + 1 }, (_req, body, done) =>
    done(null, body),
  );

  app.get(
    '/groups',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'My groups with unread counts (view=mine) or groups to discover',
        querystring: GroupListQuery,
        response: { 200: GroupList, ...errors },
      },
    },
    async (request) => community.groups((await auth.member(request)).memberId, request.query),
  );
  app.get(
    '/groups/:id',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'One group and my place in it', params: GroupParams, response: { 200: Group, ...errors } },
    },
    async (request) => community.group((await auth.member(request)).memberId, request.params.id),
  );
  app.post(
    '/groups/:id/join',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Join: open groups at once, approval groups after an admin agrees, invite groups with the code',
        params: GroupParams,
        body: JoinGroupRequest.optional(),
        response: { 200: JoinGroupResponse, ...errors },
      },
    },
    async (request) => community.join((await auth.member(request)).memberId, request.params.id, request.body?.inviteCode),
  );
  app.post(
    '/groups/join-by-code',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Join the group an invite code belongs to',
        body: z.strictObject({ inviteCode: z.string().trim().min(4).max(32) }),
        response: { 200: JoinGroupResponse.extend({ groupId: z.string() }), ...errors },
      },
    },
    async (request) => community.joinByCode((await auth.member(request)).memberId, request.body.inviteCode),
  );
  app.post(
    '/groups/:id/leave',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'Leave a group (the owner cannot)', params: GroupParams, response: { 200: Ok, ...errors } },
    },
    async (request) => {
      await community.leave((await auth.member(request)).memberId, request.params.id);
      return { ok: true };
    },
  );
  app.get(
    '/groups/:id/messages',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'History, oldest first: before=<seq> pages back, after=<seq> fetches what was missed',
        params: GroupParams,
        querystring: MessageQuery,
        response: { 200: MessagePage, ...errors },
      },
    },
    async (request) => community.messages((await auth.member(request)).memberId, request.params.id, request.query),
  );
  app.post(
    '/groups/:id/messages',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Post a message (text, reply, mentions, an uploaded image or — group staff — a product card)',
        params: GroupParams,
        body: PostMessageRequest,
        response: { 201: Message, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await community.post((await auth.member(request)).memberId, request.params.id, request.body)),
  );
  app.post(
    '/messages/:id/recall',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'Withdraw my message (within 2 minutes)', params: MessageParams, response: { 200: Message, ...errors } },
    },
    async (request) => community.recall((await auth.member(request)).memberId, request.params.id),
  );
  app.post(
    '/messages/:id/reactions',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Add or remove my reaction',
        params: MessageParams,
        body: ReactRequest,
        response: {
          200: z.object({ messageId: z.string(), reactions: z.array(z.object({ emoji: z.string(), count: z.number().int() })) }),
          ...errors,
        },
      },
    },
    async (request) => community.react((await auth.member(request)).memberId, request.params.id, request.body),
  );
  app.post(
    '/groups/:id/read',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Move my read marker to this message number',
        params: GroupParams,
        body: ReadRequest,
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      await community.markRead((await auth.member(request)).memberId, request.params.id, request.body.seq);
      return { ok: true };
    },
  );
  app.put(
    '/groups/:id/mute',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: '免打扰: no mention or reply notifications from this group',
        params: GroupParams,
        body: MuteGroupRequest,
        response: { 200: MuteGroupRequest, ...errors },
      },
    },
    async (request) => community.setMuted((await auth.member(request)).memberId, request.params.id, request.body.muted),
  );
  app.post(
    '/groups/:id/images',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: `Upload an image to post (JPEG/PNG/WebP/GIF, ≤ ${IMAGE_LIMITS.maxBytes / 1024} KB, ${IMAGE_LIMITS.minSide}–${IMAGE_LIMITS.maxSide} px); send the bytes with their image/* content type`,
        params: GroupParams,
        response: { 201: ImageUploadResponse, 413: ErrorBody, 415: ErrorBody, ...errors },
      },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      return reply.code(201).send(await community.uploadImage(memberId, request.params.id, body));
    },
  );
  app.get(
    '/groups/:gid/images/:id',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'An image posted in a group (members of the group only)',
        params: z.object({ gid: z.string().max(64), id: z.string().max(64) }),
      },
    },
    async (request, reply) => {
      const image = await community.image((await auth.member(request)).memberId, request.params.gid, request.params.id);
      return reply
        .header('cache-control', 'private, max-age=86400, immutable')
        .header('content-security-policy', "default-src 'none'")
        .type(image.mime)
        .send(image.bytes);
    },
  );
  app.get(
    '/groups/:id/members',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Members (staff first); state=pending lists join requests for group staff',
        params: GroupParams,
        querystring: z.object({
          state: z.enum(['active', 'pending']).default('active'),
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(50),
        }),
        response: { 200: GroupMemberList, ...errors },
      },
    },
    async (request) => community.members((await auth.member(request)).memberId, request.params.id, request.query),
  );
  app.post(
    '/groups/:id/join-requests',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Group staff: let a pending member in or turn them away',
        params: GroupParams,
        body: DecideJoinRequest,
        response: { 200: z.object({ approved: z.boolean() }), ...errors },
      },
    },
    async (request) => community.decideJoin((await auth.member(request)).memberId, request.params.id, request.body),
  );
  app.patch(
    '/groups/:id',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Group staff: slow mode, announcement, description',
        params: GroupParams,
        body: UpdateGroupRequest,
        response: { 200: Group, ...errors },
      },
    },
    async (request) => community.updateGroup((await auth.member(request)).memberId, request.params.id, request.body),
  );
  app.put(
    '/groups/:id/pin',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Group staff: pin a message (null unpins)',
        params: GroupParams,
        body: PinRequest,
        response: { 200: Group, ...errors },
      },
    },
    async (request) =>
      community.updateGroup((await auth.member(request)).memberId, request.params.id, { pinnedMessageId: request.body.messageId }),
  );
  app.post(
    '/groups/:id/invite-code',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Group staff: a new invite code (the old one stops working)',
        params: GroupParams,
        response: { 200: InviteCodeResponse, ...errors },
      },
    },
    async (request) => community.rotateInviteCode((await auth.member(request)).memberId, request.params.id),
  );
  app.put(
    '/me/blocks',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Block or unblock a member',
        body: BlockRequest,
        response: { 200: z.object({ memberId: z.string(), blocked: z.boolean() }), ...errors },
      },
    },
    async (request) => community.setBlocked((await auth.member(request)).memberId, request.body.memberId, request.body.blocked),
  );
  app.get(
    '/me/blocks',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'Members I blocked', response: { 200: z.object({ items: z.array(AuthorCard) }), ...errors } },
    },
    async (request) => community.blocked((await auth.member(request)).memberId),
  );
  app.get(
    '/me/trust',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'My trust level and what the next one needs', response: { 200: TrustStatus, ...errors } },
    },
    async (request) => community.trust((await auth.member(request)).memberId),
  );
}
