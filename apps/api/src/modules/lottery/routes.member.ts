import { DrawRecord, DrawResult, ErrorBody, MemberWheel, PageQuery, ShippingAddress, pageOf } from '@quanzi/contracts';
import { z } from 'zod';
import { idempotent, type IdempotencyStore } from '../../platform/http/idempotency.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { LotteryModule } from './index.js';

const tags = ['member: lottery'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody };
const IdempotencyHeader = z.object({ 'idempotency-key': z.string().optional().describe('Required: a unique id per attempt') });
const Id = z.object({ id: z.uuid() });

export function lotteryMemberRoutes(app: HttpApp, { auth }: RouteContext, lottery: LotteryModule, idem: IdempotencyStore): void {
  app.get(
    '/lottery',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'Open wheels with your chances', response: { 200: z.object({ items: z.array(MemberWheel) }), ...errors } },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return lottery.openWheels(memberId);
    },
  );

  app.get(
    '/lottery/:id',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'A wheel: prizes, weights, your chances and miss streak',
        params: Id,
        response: { 200: MemberWheel, ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return lottery.wheel(memberId, request.params.id);
    },
  );

  app.post(
    '/lottery/:id/draws',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Draw once (a chance, else the points cost); the result is decided on the server',
        params: Id,
        headers: IdempotencyHeader,
        response: { 201: DrawResult, ...errors },
      },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      return idempotent(idem, request, reply, `member:${memberId}`, async (key) => ({
        status: 201,
        body: await lottery.draw(memberId, request.params.id, key),
      }));
    },
  );

  app.get(
    '/me/lottery/draws',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'Your draws, newest first', querystring: PageQuery, response: { 200: pageOf(DrawResult), ...errors } },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return lottery.myDraws(memberId, request.query.page, request.query.pageSize);
    },
  );

  app.post(
    '/lottery/draws/:id/address',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Where to ship a physical prize you won',
        params: Id,
        body: ShippingAddress,
        response: { 200: DrawResult, ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return lottery.setAddress(memberId, request.params.id, request.body);
    },
  );

  app.get(
    '/lottery/:id/record',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public: lottery'],
        summary: 'The public draw record: commitment, every draw, the seed after closing (verify each draw yourself)',
        params: Id,
        querystring: z.object({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: DrawRecord, ...errors },
      },
    },
    async (request) => lottery.record(request.params.id, request.query.page, request.query.pageSize),
  );
}
