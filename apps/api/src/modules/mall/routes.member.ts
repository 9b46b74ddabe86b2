import { CreateMallOrder, ErrorBody, MallItem, MallOrder, PageQuery, pageOf } from '@quanzi/contracts';
import { z } from 'zod';
import { idempotent, type IdempotencyStore } from '../../platform/http/idempotency.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { MallModule } from './index.js';

const tags = ['member: points mall'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody };
const IdempotencyHeader = z.object({ 'idempotency-key': z.string().optional().describe('Required: a unique id per attempt') });
const Id = z.object({ id: z.uuid() });

export function mallMemberRoutes(app: HttpApp, { auth }: RouteContext, mall: MallModule, idem: IdempotencyStore): void {
  app.get(
    '/mall/items',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'Items on sale, newest first', querystring: PageQuery, response: { 200: pageOf(MallItem), ...errors } },
    },
    async (request) => {
      await auth.member(request);
      return mall.items(request.query.page, request.query.pageSize);
    },
  );

  app.get(
    '/mall/items/:id',
    { config: { access: 'member' }, schema: { tags, summary: 'An item on sale', params: Id, response: { 200: MallItem, ...errors } } },
    async (request) => {
      await auth.member(request);
      return mall.item(request.params.id);
    },
  );

  app.post(
    '/mall/orders',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Exchange points for an item (physical items need an address)',
        headers: IdempotencyHeader,
        body: CreateMallOrder,
        response: { 201: MallOrder, ...errors },
      },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      return idempotent(idem, request, reply, `member:${memberId}`, async (key) => ({
        status: 201,
        body: await mall.order(memberId, request.body, key),
      }));
    },
  );

  app.get(
    '/me/mall/orders',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'Your exchanges, newest first', querystring: PageQuery, response: { 200: pageOf(MallOrder), ...errors } },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return mall.myOrders(memberId, request.query.page, request.query.pageSize);
    },
  );

  app.get(
    '/me/mall/orders/:id',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'One of your exchanges', params: Id, response: { 200: MallOrder, ...errors } },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return mall.myOrder(memberId, request.params.id);
    },
  );
}
