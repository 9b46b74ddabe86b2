import {
  ConsoleTask,
  CreateGuideEntry,
  ErrorBody,
  GuideEntry,
  GuideEntryQuery,
  GuideEntryStatusChange,
  NewbieTaskCode,
  UpdateGuideEntry,
  UpdateTask,
} from '@quanzi/contracts';
import { z } from 'zod';
import { requestMeta } from '../../platform/http/auth.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { NewbieModule } from './index.js';

const tags = ['console: newbie'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const Id = z.object({ id: z.uuid() });
const Code = z.object({ code: NewbieTaskCode });
const access = { operator: 'newbie.manage' } as const;

/** Growth operators edit the newbie guide and the growth tasks' rewards (every write audited). */
export function newbieConsoleRoutes(app: HttpApp, { auth }: RouteContext, newbie: NewbieModule): void {
  const manager = (request: Parameters<typeof auth.operator>[0]) => auth.operator(request, 'newbie.manage');

  app.get(
    '/newbie/guide',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Every guide entry, drafts included, by kind and position',
        querystring: GuideEntryQuery,
        response: { 200: z.object({ items: z.array(GuideEntry) }), ...errors },
      },
    },
    async (request) => {
      await manager(request);
      return newbie.consoleGuide(request.query);
    },
  );

  app.get(
    '/newbie/guide/:id',
    { config: { access }, schema: { tags, summary: 'One guide entry', params: Id, response: { 200: GuideEntry, ...errors } } },
    async (request) => {
      await manager(request);
      return newbie.consoleGuideEntry(request.params.id);
    },
  );

  app.post(
    '/newbie/guide',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Add a guide entry (article, step or privilege) as a draft; `source` says whether customer service fed it (audited)',
        body: CreateGuideEntry,
        response: { 201: GuideEntry, ...errors },
      },
    },
    async (request, reply) => {
      const op = await manager(request);
      reply.code(201);
      return newbie.createGuideEntry(op, request.body, requestMeta(request).ip);
    },
  );

  app.put(
    '/newbie/guide/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Edit a guide entry (audited)',
        params: Id,
        body: UpdateGuideEntry,
        response: { 200: GuideEntry, ...errors },
      },
    },
    async (request) => {
      const op = await manager(request);
      return newbie.updateGuideEntry(op, request.params.id, request.body, requestMeta(request).ip);
    },
  );

  app.post(
    '/newbie/guide/:id/status',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Publish a guide entry or take it back to draft (audited)',
        params: Id,
        body: GuideEntryStatusChange,
        response: { 200: GuideEntry, ...errors },
      },
    },
    async (request) => {
      const op = await manager(request);
      return newbie.changeGuideStatus(op, request.params.id, request.body.status, requestMeta(request).ip);
    },
  );

  app.delete(
    '/newbie/guide/:id',
    { config: { access }, schema: { tags, summary: 'Delete a guide entry (audited)', params: Id, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const op = await manager(request);
      await newbie.deleteGuideEntry(op, request.params.id, requestMeta(request).ip);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/newbie/tasks',
    {
      config: { access },
      schema: {
        tags,
        summary: 'The growth tasks with their rewards and how many members completed each',
        response: { 200: z.object({ items: z.array(ConsoleTask) }), ...errors },
      },
    },
    async (request) => {
      await manager(request);
      return newbie.consoleTasks();
    },
  );

  app.put(
    '/newbie/tasks/:code',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Change a growth task’s points reward or turn it off (audited; rewards already granted stay)',
        params: Code,
        body: UpdateTask,
        response: { 200: ConsoleTask, ...errors },
      },
    },
    async (request) => {
      const op = await manager(request);
      return newbie.updateTask(op, request.params.code, request.body, requestMeta(request).ip);
    },
  );
}
