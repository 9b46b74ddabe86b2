import {
  ConsoleMallOrder,
  CreateMallItem,
  ErrorBody,
  MallItem,
  MallOrder,
  MallOrderStatus,
  PageQuery,
  ShipRequest,
  UpdateMallItem,
  pageOf,
} from '@quanzi/contracts';
import { z } from 'zod';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { MallModule } from './index.js';

const tags = ['console: points mall'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const Id = z.object({ id: z.uuid() });
const access = { operator: 'rewards.manage' } as const;

/** Mall items (stock, limits, on/off sale) and orders (ship, delivered); every write audited. */
export function mallConsoleRoutes(app: HttpApp, { auth }: RouteContext, mall: MallModule): void {
  const operator = (request: Parameters<typeof auth.operator>[0]) => auth.operator(request, 'rewards.manage');

  app.get(
    '/mall/items',
    {
      config: { access },
      schema: { tags, summary: 'Every item, newest first', querystring: PageQuery, response: { 200: pageOf(MallItem), ...errors } },
    },
    async (request) => {
      await operator(request);
      return mall.consoleItems(request.query.page, request.query.pageSize);
    },
  );

  app.post(
    '/mall/items',
    {
      config: { access },
      schema: { tags, summary: 'Create an item (on sale at once)', body: CreateMallItem, response: { 201: MallItem, ...errors } },
    },
    async (request, reply) => {
      const op = await operator(request);
      return reply.code(201).send(await mall.createItem(op, request.body, request.ip));
    },
  );

  app.patch(
    '/mall/items/:id',
    {
      config: { access },
      schema: { tags, summary: 'Put on or off sale, add stock', params: Id, body: UpdateMallItem, response: { 200: MallItem, ...errors } },
    },
    async (request) => {
      const op = await operator(request);
      return mall.updateItem(op, request.params.id, request.body, request.ip);
    },
  );

  app.get(
    '/mall/orders',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Orders, newest first (status=to_ship: what to send)',
        querystring: z.object({ ...PageQuery.shape, status: MallOrderStatus.optional() }),
        response: { 200: pageOf(ConsoleMallOrder), ...errors },
      },
    },
    async (request) => {
      await operator(request);
      return mall.consoleOrders(request.query.status, request.query.page, request.query.pageSize);
    },
  );

  app.post(
    '/mall/orders/:id/ship',
    {
      config: { access },
      schema: { tags, summary: 'Mark an order shipped', params: Id, body: ShipRequest, response: { 200: MallOrder, ...errors } },
    },
    async (request) => {
      const op = await operator(request);
      return mall.ship(op, request.params.id, request.body, request.ip);
    },
  );

  app.post(
    '/mall/orders/:id/delivered',
    {
      config: { access },
      schema: { tags, summary: 'Mark a shipped order delivered', params: Id, response: { 200: MallOrder, ...errors } },
    },
    async (request) => {
      const op = await operator(request);
      return mall.deliver(op, request.params.id, request.ip);
    },
  );
}
