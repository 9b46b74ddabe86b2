import {
  ConsoleLiveQuery,
  ConsoleLiveSession,
  ErrorBody,
  LiveQuestion,
  LiveQuestionList,
  LiveSession,
  ScheduleLiveRequest,
  UpdateLiveRequest,
  pageOf,
} from '@quanzi/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requestMeta } from '../../platform/http/auth.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { LiveActor, LiveModule } from './index.js';

const tags = ['console: community'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const Id = z.object({ id: z.uuid() });

/** Community managers run sessions: schedule, edit, start, end, cancel, answer (all audited). */
export function liveConsoleRoutes(app: HttpApp, { auth }: RouteContext, live: LiveModule): void {
  const manager = async (request: FastifyRequest): Promise<LiveActor> => ({
    kind: 'operator',
    operator: await auth.operator(request, 'community.manage'),
    ip: requestMeta(request).ip,
  });

  app.get(
    '/live',
    {
      config: { access: { operator: 'community.manage' } },
      schema: {
        tags,
        summary: 'Every live session, latest start first, with counts',
        querystring: ConsoleLiveQuery,
        response: { 200: pageOf(ConsoleLiveSession), ...errors },
      },
    },
    async (request) => {
      await auth.operator(request, 'community.manage');
      const { page, pageSize, status } = request.query;
      return live.consoleList({ status }, page, pageSize);
    },
  );

  app.post(
    '/live',
    {
      config: { access: { operator: 'community.manage' } },
      schema: {
        tags,
        summary: 'Schedule a live session (https stream URL; start in the future)',
        body: ScheduleLiveRequest,
        response: { 201: LiveSession, ...errors },
      },
    },
    async (request, reply) => {
      const op = await auth.operator(request, 'community.manage');
      return reply.code(201).send(await live.schedule(op, request.body, requestMeta(request).ip));
    },
  );

  app.patch(
    '/live/:id',
    {
      config: { access: { operator: 'community.manage' } },
      schema: {
        tags,
        summary: 'Edit a session that has not ended (start time only before it starts)',
        params: Id,
        body: UpdateLiveRequest,
        response: { 200: LiveSession, ...errors },
      },
    },
    async (request) => {
      const op = await auth.operator(request, 'community.manage');
      return live.edit(op, request.params.id, request.body, requestMeta(request).ip);
    },
  );

  app.post(
    '/live/:id/start',
    {
      config: { access: { operator: 'community.manage' } },
      schema: { tags, summary: 'Go live; subscribers are notified', params: Id, response: { 200: LiveSession, ...errors } },
    },
    async (request) => live.start(await manager(request), request.params.id),
  );

  app.post(
    '/live/:id/end',
    {
      config: { access: { operator: 'community.manage' } },
      schema: {
        tags,
        summary: 'End the session; it becomes a recap thread with the answered questions',
        params: Id,
        response: { 200: LiveSession, ...errors },
      },
    },
    async (request) => live.end(await manager(request), request.params.id),
  );

  app.post(
    '/live/:id/cancel',
    {
      config: { access: { operator: 'community.manage' } },
      schema: {
        tags,
        summary: 'Cancel a session that has not started; subscribers are told',
        params: Id,
        response: { 200: LiveSession, ...errors },
      },
    },
    async (request) => {
      const op = await auth.operator(request, 'community.manage');
      return live.cancel(op, request.params.id, requestMeta(request).ip);
    },
  );

  app.get(
    '/live/:id/questions',
    {
      config: { access: { operator: 'community.manage' } },
      schema: { tags, summary: 'The question queue of a session', params: Id, response: { 200: LiveQuestionList, ...errors } },
    },
    async (request) => {
      await auth.operator(request, 'community.manage');
      return live.consoleQuestions(request.params.id);
    },
  );

  app.post(
    '/live/questions/:id/answered',
    {
      config: { access: { operator: 'community.manage' } },
      schema: { tags, summary: 'Mark a question answered', params: Id, response: { 200: LiveQuestion, ...errors } },
    },
    async (request) => live.markAnswered(await manager(request), request.params.id),
  );
}
