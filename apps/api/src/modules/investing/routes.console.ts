import {
  ConsoleHolding,
  ConsoleInvestOrder,
  CreateIssuerRequest,
  CreateProductRequest,
  DeclareFixedReturnRequest,
  DeclareYieldRequest,
  ErrorBody,
  GrantExperienceRequest,
  Issuer,
  PageQuery,
  Product,
  ProductStatus,
  ProductNewbieOnlyChange,
  ProductStatusChange,
  pageOf,
} from '@quanzi/contracts';
import { z } from 'zod';
import { requestMeta } from '../../platform/http/auth.js';
import { idempotent, type IdempotencyStore } from '../../platform/http/idempotency.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { InvestingModule } from './index.js';

const tags = ['console: investing'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const Id = z.object({ id: z.uuid() });

/** Finance runs the catalogue and the declared returns; every write is audited in its own transaction. */
export function investingConsoleRoutes(app: HttpApp, { auth }: RouteContext, investing: InvestingModule, idem: IdempotencyStore): void {
  app.get(
    '/investing/issuers',
    {
      config: { access: { operator: 'ledger.read' } },
      schema: { tags, summary: 'Issuers', response: { 200: z.object({ items: z.array(Issuer) }), ...errors } },
    },
    async (request) => {
      await auth.operator(request, 'ledger.read');
      return { items: await investing.issuers() };
    },
  );

  app.post(
    '/investing/issuers',
    {
      config: { access: { operator: 'finance.operate' } },
      schema: { tags, summary: 'Add an issuer', body: CreateIssuerRequest, response: { 201: z.unknown(), ...errors } },
    },
    async (request, reply) => {
      const op = await auth.operator(request, 'finance.operate');
      const row = await investing.createIssuer(op, request.body, requestMeta(request).ip);
      return reply.code(201).send({ id: row.id });
    },
  );

  app.post(
    '/investing/issuers/:id/api-key',
    {
      config: { access: { operator: 'finance.operate' } },
      schema: {
        tags,
        summary: "Create (or replace) an issuer's API key; the secret is shown this once",
        params: Id,
        response: { 201: z.object({ keyId: z.string(), secret: z.string() }), ...errors },
      },
    },
    async (request, reply) => {
      const op = await auth.operator(request, 'finance.operate');
      return reply.code(201).send(await investing.createIssuerKey(op, request.params.id, requestMeta(request).ip));
    },
  );

  app.get(
    '/investing/products',
    {
      config: { access: { operator: 'ledger.read' } },
      schema: {
        tags,
        summary: 'All products, any state',
        querystring: z.object({ ...PageQuery.shape, status: ProductStatus.optional(), type: z.enum(['demand', 'fixed']).optional() }),
        response: { 200: pageOf(Product), ...errors },
      },
    },
    async (request) => {
      await auth.operator(request, 'ledger.read');
      const { page, pageSize, ...filter } = request.query;
      return investing.consoleProducts(filter, page, pageSize);
    },
  );

  app.get(
    '/investing/products/:id',
    {
      config: { access: { operator: 'ledger.read' } },
      schema: { tags, summary: 'A product', params: Id, response: { 200: Product, ...errors } },
    },
    async (request) => {
      await auth.operator(request, 'ledger.read');
      return investing.consoleProduct(request.params.id);
    },
  );

  app.post(
    '/investing/products',
    {
      config: { access: { operator: 'finance.operate' } },
      schema: { tags, summary: 'Define a product (starts as a draft)', body: CreateProductRequest, response: { 201: Product, ...errors } },
    },
    async (request, reply) => {
      const op = await auth.operator(request, 'finance.operate');
      return reply.code(201).send(await investing.createProduct(op, request.body, requestMeta(request).ip));
    },
  );

  app.post(
    '/investing/products/:id/status',
    {
      config: { access: { operator: 'finance.operate' } },
      schema: {
        tags,
        summary: 'Put a draft on sale, or close a product',
        params: Id,
        body: ProductStatusChange,
        response: { 200: Product, ...errors },
      },
    },
    async (request) => {
      const op = await auth.operator(request, 'finance.operate');
      return investing.changeProductStatus(op, request.params.id, request.body, requestMeta(request).ip);
    },
  );

  app.put(
    '/investing/products/:id/newbie-only',
    {
      config: { access: { operator: 'finance.operate' } },
      schema: {
        tags,
        summary: 'Mark a product newbie-only (新手专享: only members without a prior investment may buy it), or lift it (audited)',
        params: Id,
        body: ProductNewbieOnlyChange,
        response: { 200: Product, ...errors },
      },
    },
    async (request) => {
      const op = await auth.operator(request, 'finance.operate');
      return investing.changeNewbieOnly(op, request.params.id, request.body, requestMeta(request).ip);
    },
  );

  app.get(
    '/investing/products/:id/yields',
    {
      config: { access: { operator: 'ledger.read' } },
      schema: {
        tags,
        summary: 'Declared 万份收益, newest first',
        params: Id,
        response: {
          200: z.object({
            items: z.array(z.object({ day: z.string(), per10k: z.string(), declaredBy: z.string(), credited: z.boolean() })),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      await auth.operator(request, 'ledger.read');
      return investing.yields(request.params.id);
    },
  );

  app.post(
    '/investing/products/:id/yields',
    {
      config: { access: { operator: 'finance.operate' } },
      schema: {
        tags,
        summary: "Enter the issuer's 万份收益 for a day (correctable until credited)",
        params: Id,
        body: DeclareYieldRequest,
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (request) => {
      const op = await auth.operator(request, 'finance.operate');
      return investing.declareYield(op, request.params.id, request.body, requestMeta(request).ip);
    },
  );

  app.post(
    '/investing/products/:id/fixed-returns',
    {
      config: { access: { operator: 'finance.operate' } },
      schema: {
        tags,
        summary: 'Enter the actual annualised return for holdings maturing on a day',
        params: Id,
        body: DeclareFixedReturnRequest,
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (request) => {
      const op = await auth.operator(request, 'finance.operate');
      return investing.declareFixedReturn(op, request.params.id, request.body, requestMeta(request).ip);
    },
  );

  app.get(
    '/investing/orders',
    {
      config: { access: { operator: 'ledger.read' } },
      schema: {
        tags,
        summary: 'Purchases, newest first',
        querystring: z.object({ ...PageQuery.shape, memberId: z.uuid().optional(), productId: z.uuid().optional() }),
        response: { 200: pageOf(ConsoleInvestOrder), ...errors },
      },
    },
    async (request) => {
      await auth.operator(request, 'ledger.read');
      const { page, pageSize, ...filter } = request.query;
      return investing.consoleOrders(filter, page, pageSize);
    },
  );

  app.get(
    '/investing/holdings',
    {
      config: { access: { operator: 'ledger.read' } },
      schema: {
        tags,
        summary: 'Holdings, newest first',
        querystring: z.object({ ...PageQuery.shape, memberId: z.uuid().optional(), productId: z.uuid().optional() }),
        response: { 200: pageOf(ConsoleHolding), ...errors },
      },
    },
    async (request) => {
      await auth.operator(request, 'ledger.read');
      const { page, pageSize, ...filter } = request.query;
      return investing.consoleHoldings(filter, page, pageSize);
    },
  );

  app.post(
    '/investing/experience-grants',
    {
      config: { access: { operator: 'finance.operate' } },
      schema: {
        tags,
        summary: 'Grant experience money to a member (marketing expense); Idempotency-Key makes it once',
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        body: GrantExperienceRequest,
        response: { 201: z.unknown(), ...errors },
      },
    },
    async (request, reply) => {
      const op = await auth.operator(request, 'finance.operate');
      return idempotent(idem, request, reply, `operator:${op.operatorId}`, async () => ({
        status: 201,
        body: await investing.grantExperience(
          { ...request.body, grantKey: `console:${op.operatorId}:${String(request.headers['idempotency-key'])}` },
          { operatorId: op.operatorId, name: op.displayName, ip: requestMeta(request).ip },
        ),
      }));
    },
  );
}
