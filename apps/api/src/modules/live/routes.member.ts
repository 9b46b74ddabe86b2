import {
  ErrorBody,
  LiveComment,
  LiveCommentPage,
  LiveCommentsQuery,
  LiveQuestion,
  LiveQuestionList,
  LiveSession,
  LiveSessionDetail,
  LiveSessionList,
  LiveSubscriptionState,
  LiveTextRequest,
} from '@quanzi/contracts';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { LiveModule } from './index.js';

const tags = ['community'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody };
const Id = z.object({ id: z.uuid() });

/** Slow mode tells clients when to try again in the standard header too, not only in the message. */
async function withRetryAfter<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AppError && err.code === 'SLOW_MODE') reply.header('retry-after', String(err.params.seconds));
    throw err;
  }
}

/** The live tab and room: sessions, 预约, comments, the question queue; the host's controls. */
export function liveMemberRoutes(app: HttpApp, { auth }: RouteContext, live: LiveModule): void {
  app.get(
    '/live',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Upcoming (live first) and past live sessions with their recap links',
        response: { 200: LiveSessionList, ...errors },
      },
    },
    async (request) => live.list((await auth.member(request)).memberId),
  );

  app.get(
    '/live/:id',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'One live session, with whether you booked it and host it',
        params: Id,
        response: { 200: LiveSessionDetail, ...errors },
      },
    },
    async (request) => live.get((await auth.member(request)).memberId, request.params.id),
  );

  app.post(
    '/live/:id/subscription',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'Book a reminder (预约); idempotent', params: Id, response: { 200: LiveSubscriptionState, ...errors } },
    },
    async (request) => live.subscribe((await auth.member(request)).memberId, request.params.id),
  );

  app.delete(
    '/live/:id/subscription',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'Cancel the reminder; idempotent', params: Id, response: { 200: LiveSubscriptionState, ...errors } },
    },
    async (request) => live.unsubscribe((await auth.member(request)).memberId, request.params.id),
  );

  app.get(
    '/live/:id/comments',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Room history: the latest comments before the cursor, oldest first (pass nextBefore as before)',
        params: Id,
        querystring: LiveCommentsQuery,
        response: { 200: LiveCommentPage, ...errors },
      },
    },
    async (request) => live.comments((await auth.member(request)).memberId, request.params.id, request.query),
  );

  app.post(
    '/live/:id/comments',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Comment while the session is live (one per 3 s: SLOW_MODE with Retry-After)',
        params: Id,
        body: LiveTextRequest,
        response: { 201: LiveComment, ...errors },
      },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      const comment = await withRetryAfter(reply, () => live.postComment(memberId, request.params.id, request.body));
      return reply.code(201).send(comment);
    },
  );

  app.get(
    '/live/:id/questions',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'The question queue, most upvoted first',
        params: Id,
        response: { 200: LiveQuestionList, ...errors },
      },
    },
    async (request) => live.questions((await auth.member(request)).memberId, request.params.id),
  );

  app.post(
    '/live/:id/questions',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Ask a question, before or during the session (one per 3 s: SLOW_MODE with Retry-After)',
        params: Id,
        body: LiveTextRequest,
        response: { 201: LiveQuestion, ...errors },
      },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      const question = await withRetryAfter(reply, () => live.askQuestion(memberId, request.params.id, request.body));
      return reply.code(201).send(question);
    },
  );

  app.post(
    '/live/questions/:id/upvote',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'Upvote a question; once per member', params: Id, response: { 200: LiveQuestion, ...errors } },
    },
    async (request) => live.upvote((await auth.member(request)).memberId, request.params.id),
  );

  app.post(
    '/live/questions/:id/answered',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Host only: mark a question answered (it goes into the recap)',
        params: Id,
        response: { 200: LiveQuestion, ...errors },
      },
    },
    async (request) => live.markAnswered({ kind: 'member', memberId: (await auth.member(request)).memberId }, request.params.id),
  );

  app.post(
    '/live/:id/start',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'Host only: go live; subscribers are notified', params: Id, response: { 200: LiveSession, ...errors } },
    },
    async (request) => live.start({ kind: 'member', memberId: (await auth.member(request)).memberId }, request.params.id),
  );

  app.post(
    '/live/:id/end',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Host only: end the session; it becomes a recap thread with the answered questions',
        params: Id,
        response: { 200: LiveSession, ...errors },
      },
    },
    async (request) => live.end({ kind: 'member', memberId: (await auth.member(request)).memberId }, request.params.id),
  );
}
