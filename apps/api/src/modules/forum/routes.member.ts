import {
  AcceptAnswerRequest,
  AcceptAnswerResponse,
  BookmarkState,
  CreateReplyRequest,
  CreateThreadRequest,
  ErrorBody,
  ForumReply,
  HotTopics,
  LikeState,
  PageCursorQuery,
  ReplyPage,
  ThreadDetail,
  ThreadListQuery,
  ThreadPage,
} from '@quanzi/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Auth } from '../../platform/http/auth.js';
import { idempotent, type IdempotencyStore } from '../../platform/http/idempotency.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { ForumModule } from './index.js';

const tags = ['community'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody };
const Id = z.object({ id: z.uuid() });
const IdempotencyHeader = z.object({
  'idempotency-key': z.string().optional().describe('Optional: a unique id per attempt, so a retried post is stored once'),
});

/** Reading the square needs no login; a token that is sent must be valid. */
const viewerOf = async (auth: Auth, request: FastifyRequest): Promise<string | null> =>
  auth.memberToken(request) ? (await auth.member(request)).memberId : null;

export function forumMemberRoutes(app: HttpApp, { auth }: RouteContext, forum: ForumModule, idem: IdempotencyStore): void {
  /** Posting is not money, so the key is optional; when a client sends one, a retry replays the first answer. */
  const created = (request: FastifyRequest, reply: FastifyReply, memberId: string, work: () => Promise<unknown>) =>
    request.headers['idempotency-key']
      ? idempotent(idem, request, reply, `member:${memberId}`, async () => ({ status: 201, body: await work() }))
      : work().then((body) => reply.code(201).send(body));

  app.post(
    '/threads',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Post a thread or a question in the square or a group (word-filtered: may be held for review or refused)',
        headers: IdempotencyHeader,
        body: CreateThreadRequest,
        response: { 201: ThreadDetail, ...errors },
      },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      return created(request, reply, memberId, () => forum.create(memberId, request.body));
    },
  );

  app.get(
    '/threads',
    {
      config: { access: 'optional-member' },
      schema: {
        tags,
        summary: 'Threads of the square (no login needed) or of a group, latest or hot, by topic or kind (keyset: pass nextCursor)',
        querystring: ThreadListQuery,
        response: { 200: ThreadPage, ...errors },
      },
    },
    async (request) => forum.list(await viewerOf(auth, request), request.query),
  );

  app.get(
    '/threads/:id',
    {
      config: { access: 'optional-member' },
      schema: {
        tags,
        summary: 'A thread with its tagged products, accepted answer and first page of replies',
        params: Id,
        response: { 200: ThreadDetail, ...errors },
      },
    },
    async (request) => forum.thread(await viewerOf(auth, request), request.params.id),
  );

  app.get(
    '/threads/:id/replies',
    {
      config: { access: 'optional-member' },
      schema: {
        tags,
        summary: 'More replies of a thread, oldest first (keyset: pass nextCursor)',
        params: Id,
        querystring: PageCursorQuery,
        response: { 200: ReplyPage, ...errors },
      },
    },
    async (request) => forum.replies(await viewerOf(auth, request), request.params.id, request.query),
  );

  app.post(
    '/threads/:id/replies',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Reply to a thread (an answer, on a question); quoteReplyId quotes another reply — replies never nest',
        headers: IdempotencyHeader,
        params: Id,
        body: CreateReplyRequest,
        response: { 201: ForumReply, ...errors },
      },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      return created(request, reply, memberId, () => forum.reply(memberId, request.params.id, request.body));
    },
  );

  for (const [type, path] of [
    ['thread', '/threads/:id/like'],
    ['reply', '/replies/:id/like'],
  ] as const) {
    const schema = { tags, params: Id, response: { 200: LikeState, ...errors } };
    app.post(
      path,
      { config: { access: 'member' }, schema: { ...schema, summary: `Like a ${type} (once per member)` } },
      async (request) => {
        const { memberId } = await auth.member(request);
        return forum.like(memberId, type, request.params.id, true);
      },
    );
    app.delete(
      path,
      { config: { access: 'member' }, schema: { ...schema, summary: `Take back your like of a ${type}` } },
      async (request) => {
        const { memberId } = await auth.member(request);
        return forum.like(memberId, type, request.params.id, false);
      },
    );
  }

  const bookmarkSchema = { tags, params: Id, response: { 200: BookmarkState, ...errors } };
  app.post(
    '/threads/:id/bookmark',
    { config: { access: 'member' }, schema: { ...bookmarkSchema, summary: 'Bookmark a thread' } },
    async (request) => {
      const { memberId } = await auth.member(request);
      return forum.bookmark(memberId, request.params.id, true);
    },
  );
  app.delete(
    '/threads/:id/bookmark',
    { config: { access: 'member' }, schema: { ...bookmarkSchema, summary: 'Remove a bookmark' } },
    async (request) => {
      const { memberId } = await auth.member(request);
      return forum.bookmark(memberId, request.params.id, false);
    },
  );

  app.get(
    '/me/bookmarks',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Your bookmarked threads, newest bookmark first (keyset: pass nextCursor)',
        querystring: PageCursorQuery,
        response: { 200: ThreadPage, ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return forum.bookmarks(memberId, request.query);
    },
  );

  app.delete(
    '/threads/:id',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'Delete your own thread (404 for anyone else)', params: Id, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      await forum.deleteThread(memberId, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/replies/:id',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'Delete your own reply (404 for anyone else)', params: Id, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      await forum.deleteReply(memberId, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/threads/:id/accept',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'The asker accepts one answer (ANSWER_STATE_CONFLICT once another is accepted)',
        params: Id,
        body: AcceptAnswerRequest,
        response: { 200: AcceptAnswerResponse, ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return forum.accept(memberId, request.params.id, request.body.replyId);
    },
  );

  app.get(
    '/topics/hot',
    {
      config: { access: 'public' },
      schema: { tags, summary: "The square's most used #话题# of the last seven days", response: { 200: HotTopics, ...errors } },
    },
    async () => forum.hotTopics(),
  );
}
