import {
  EarningsDay,
  ErrorBody,
  Holding,
  PageQuery,
  Product,
  PurchaseRequest,
  PurchaseResponse,
  Redemption,
  RedemptionRequest,
  pageOf,
} from '@quanzi/contracts';
import { z } from 'zod';
import { requestMeta } from '../../platform/http/auth.js';
import { idempotent, type IdempotencyStore } from '../../platform/http/idempotency.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { InvestingModule } from './index.js';

const tags = ['member: investing'];
const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
  423: ErrorBody,
  429: ErrorBody,
};
const IdempotencyHeader = z.object({ 'idempotency-key': z.string().optional().describe('Required: a unique id per attempt') });
const Id = z.object({ id: z.uuid() });

export function investingMemberRoutes(app: HttpApp, { auth }: RouteContext, investing: InvestingModule, idem: IdempotencyStore): void {
  app.get(
    '/products',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Products on sale or sold out, newest first (never ranked by benchmark)',
        querystring: z.object({ ...PageQuery.shape, type: z.enum(['demand', 'fixed']).optional() }),
        response: { 200: pageOf(Product), ...errors },
      },
    },
    async (request) => {
      await auth.member(request);
      return investing.products(request.query.type, request.query.page, request.query.pageSize);
    },
  );

  app.get(
    '/products/:id',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'A product with its disclosures and remaining quota', params: Id, response: { 200: Product, ...errors } },
    },
    async (request) => {
      await auth.member(request);
      return investing.product(request.params.id);
    },
  );

  app.post(
    '/investments',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Buy a product (identity, suitability, window, quota, limits, balance — all or nothing)',
        headers: IdempotencyHeader,
        body: PurchaseRequest,
        response: { 201: PurchaseResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      return idempotent(idem, request, reply, `member:${memberId}`, async (key) => ({
        status: 201,
        body: await investing.purchase(memberId, request.body, requestMeta(request), key),
      }));
    },
  );

  app.get(
    '/holdings',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Your holdings, newest first',
        querystring: z.object({ ...PageQuery.shape, active: z.enum(['true', 'false']).default('true') }),
        response: { 200: pageOf(Holding), ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return investing.holdings(memberId, request.query.active === 'true', request.query.page, request.query.pageSize);
    },
  );

  app.get(
    '/holdings/:id',
    { config: { access: 'member' }, schema: { tags, summary: 'One of your holdings', params: Id, response: { 200: Holding, ...errors } } },
    async (request) => {
      const { memberId } = await auth.member(request);
      return investing.holding(memberId, request.params.id);
    },
  );

  app.post(
    '/holdings/:id/redemptions',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Redeem a demand holding: T+0 up to the daily limit, the rest T+1',
        params: Id,
        headers: IdempotencyHeader,
        body: RedemptionRequest,
        response: { 201: z.object({ items: z.array(Redemption) }), ...errors },
      },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      return idempotent(idem, request, reply, `member:${memberId}`, async () => ({
        status: 201,
        body: await investing.redeem(memberId, request.params.id, request.body),
      }));
    },
  );

  app.get(
    '/holdings/:id/redemptions',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: "A holding's redemptions",
        params: Id,
        response: { 200: z.object({ items: z.array(Redemption) }), ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return investing.redemptions(memberId, request.params.id);
    },
  );

  app.get(
    '/earnings',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Credited earnings per day, newest first (for the history and the curve)',
        querystring: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }),
        response: { 200: z.object({ items: z.array(EarningsDay) }), ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return investing.earnings(memberId, request.query.days);
    },
  );
}
