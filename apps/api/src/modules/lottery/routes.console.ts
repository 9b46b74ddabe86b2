import { ConsoleDraw, ConsoleWheel, CreateWheel, ErrorBody, GrantChances, PageQuery, ShipRequest, pageOf } from '@quanzi/contracts';
import { z } from 'zod';
import { idempotent, type IdempotencyStore } from '../../platform/http/idempotency.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { LotteryModule } from './index.js';

const tags = ['console: lottery'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const Id = z.object({ id: z.uuid() });
const access = { operator: 'rewards.manage' } as const;
const IdempotencyHeader = z.object({ 'idempotency-key': z.string().optional().describe('Required: a unique id per attempt') });

/** Growth operators run the wheels: prizes, weights, stock, commitment and reveal, shipping (every write audited). */
export function lotteryConsoleRoutes(app: HttpApp, { auth }: RouteContext, lottery: LotteryModule, idem: IdempotencyStore): void {
  const operator = (request: Parameters<typeof auth.operator>[0]) => auth.operator(request, 'rewards.manage');

  app.get(
    '/lottery/wheels',
    {
      config: { access },
      schema: { tags, summary: 'Wheels, newest first', querystring: PageQuery, response: { 200: pageOf(ConsoleWheel), ...errors } },
    },
    async (request) => {
      await operator(request);
      return lottery.consoleWheels(request.query.page, request.query.pageSize);
    },
  );

  app.post(
    '/lottery/wheels',
    {
      config: { access },
      schema: { tags, summary: 'Create a wheel (draft) with its prizes', body: CreateWheel, response: { 201: ConsoleWheel, ...errors } },
    },
    async (request, reply) => {
      const op = await operator(request);
      return reply.code(201).send(await lottery.createWheel(op, request.body, request.ip));
    },
  );

  app.get(
    '/lottery/wheels/:id',
    { config: { access }, schema: { tags, summary: 'A wheel with stock left', params: Id, response: { 200: ConsoleWheel, ...errors } } },
    async (request) => {
      await operator(request);
      return lottery.consoleWheel(request.params.id);
    },
  );

  app.post(
    '/lottery/wheels/:id/open',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Open: fixes the weights and publishes the commitment',
        params: Id,
        response: { 200: ConsoleWheel, ...errors },
      },
    },
    async (request) => {
      const op = await operator(request);
      return lottery.changeStatus(op, request.params.id, 'open', request.ip);
    },
  );

  app.post(
    '/lottery/wheels/:id/close',
    {
      config: { access },
      schema: { tags, summary: 'Close: no more draws, the seed is revealed', params: Id, response: { 200: ConsoleWheel, ...errors } },
    },
    async (request) => {
      const op = await operator(request);
      return lottery.changeStatus(op, request.params.id, 'closed', request.ip);
    },
  );

  app.post(
    '/lottery/wheels/:id/chances',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Grant a member draw chances (reason required)',
        params: Id,
        headers: IdempotencyHeader,
        body: GrantChances,
        response: { 201: z.object({ granted: z.boolean() }), ...errors },
      },
    },
    async (request, reply) => {
      const op = await operator(request);
      return idempotent(idem, request, reply, `operator:${op.operatorId}`, async (key) => ({
        status: 201,
        body: await lottery.consoleGrantChances(op, request.params.id, request.body, key, request.ip),
      }));
    },
  );

  app.get(
    '/lottery/wheels/:id/draws',
    {
      config: { access },
      schema: {
        tags,
        summary: "A wheel's draws (physical=true: prizes to ship)",
        params: Id,
        querystring: z.object({ ...PageQuery.shape, physical: z.enum(['true', 'false']).default('false') }),
        response: { 200: pageOf(ConsoleDraw), ...errors },
      },
    },
    async (request) => {
      await operator(request);
      return lottery.consoleDraws(request.params.id, request.query.physical === 'true', request.query.page, request.query.pageSize);
    },
  );

  app.post(
    '/lottery/draws/:id/ship',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Mark a physical prize shipped',
        params: Id,
        body: ShipRequest,
        response: { 200: z.object({ id: z.string(), fulfilment: z.string(), tracking: z.string().nullable() }), ...errors },
      },
    },
    async (request) => {
      const op = await operator(request);
      return lottery.ship(op, request.params.id, request.body, request.ip);
    },
  );
}
