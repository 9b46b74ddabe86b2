import {
  CallbackRejection,
  ConsoleWalletOrder,
  ErrorBody,
  PageQuery,
  ReconItem,
  ReconRun,
  RefundRequest,
  WalletRefund,
  ResolveHeldRequest,
  ResolveReconRequest,
  ReviewDecision,
  RunReconRequest,
  WalletOrderStatus,
  pageOf,
} from '@quanzi/contracts';
import { z } from 'zod';
import { requestMeta } from '../../platform/http/auth.js';
import { idempotent, type IdempotencyStore } from '../../platform/http/idempotency.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { WalletModule } from './index.js';

const tags = ['console: wallet'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody, 503: ErrorBody };
const Id = z.object({ id: z.uuid() });
const IdempotencyHeader = z.object({ 'idempotency-key': z.string().optional().describe('Required: a unique id per attempt') });

/** Finance: orders, withdrawal review, held top-ups, reconciliation. Every write is audited in its own transaction. */
export function walletConsoleRoutes(app: HttpApp, { auth }: RouteContext, wallet: WalletModule, idem: IdempotencyStore): void {
  app.get(
    '/wallet/orders',
    {
      config: { access: { operator: 'ledger.read' } },
      schema: {
        tags,
        summary: 'Top-ups and withdrawals; filter by type, status or member',
        querystring: z.object({
          ...PageQuery.shape,
          type: z.enum(['top_up', 'withdrawal']).optional(),
          status: WalletOrderStatus.optional(),
          memberId: z.uuid().optional(),
        }),
        response: { 200: pageOf(ConsoleWalletOrder), ...errors },
      },
    },
    async (request) => {
      await auth.operator(request, 'ledger.read');
      const { page, pageSize, ...filter } = request.query;
      return wallet.consoleOrders(filter, page, pageSize);
    },
  );

  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/wallet/withdrawals/:id/${decision}`,
      {
        config: { access: { operator: 'finance.operate' } },
        schema: {
          tags,
          summary:
            decision === 'approve'
              ? 'Approve a withdrawal waiting for review: it is paid out'
              : 'Reject it: the frozen amount returns to the member',
          params: Id,
          headers: IdempotencyHeader,
          body: ReviewDecision,
          response: { 200: ConsoleWalletOrder, ...errors },
        },
      },
      async (request, reply) => {
        const operator = await auth.operator(request, 'finance.operate');
        const act = decision === 'approve' ? wallet.approveWithdrawal : wallet.rejectWithdrawal;
        return idempotent(idem, request, reply, `operator:${operator.operatorId}`, async () => ({
          status: 200,
          body: await act(operator, request.params.id, request.body.note, requestMeta(request)),
        }));
      },
    );
  }

  app.post(
    '/wallet/orders/:id/refunds',
    {
      config: { access: { operator: 'finance.operate' } },
      schema: {
        tags,
        summary: 'Refund part or all of a credited top-up to where it came from (never more than was paid)',
        params: Id,
        headers: IdempotencyHeader,
        body: RefundRequest,
        response: { 201: WalletRefund, ...errors },
      },
    },
    async (request, reply) => {
      const operator = await auth.operator(request, 'finance.operate');
      return idempotent(idem, request, reply, `operator:${operator.operatorId}`, async (key) => ({
        status: 201,
        body: await wallet.requestRefund(operator, request.params.id, request.body, requestMeta(request), key),
      }));
    },
  );

  app.get(
    '/wallet/orders/:id/refunds',
    {
      config: { access: { operator: 'ledger.read' } },
      schema: { tags, summary: "An order's refunds, oldest first", params: Id, response: { 200: z.array(WalletRefund), ...errors } },
    },
    async (request) => {
      await auth.operator(request, 'ledger.read');
      return wallet.refunds(request.params.id);
    },
  );

  app.post(
    '/wallet/top-ups/:id/resolve',
    {
      config: { access: { operator: 'finance.operate' } },
      schema: {
        tags,
        summary: 'Resolve a top-up held for an amount mismatch: credit what the gateway received, or close it',
        params: Id,
        headers: IdempotencyHeader,
        body: ResolveHeldRequest,
        response: { 200: ConsoleWalletOrder, ...errors },
      },
    },
    async (request, reply) => {
      const operator = await auth.operator(request, 'finance.operate');
      return idempotent(idem, request, reply, `operator:${operator.operatorId}`, async () => ({
        status: 200,
        body: await wallet.resolveHeldTopUp(operator, request.params.id, request.body, requestMeta(request)),
      }));
    },
  );

  app.post(
    '/wallet/orders/:id/query',
    {
      config: { access: { operator: 'finance.operate' } },
      schema: {
        tags,
        summary: 'Ask the gateway about an order now and apply its answer',
        params: Id,
        response: { 200: z.object({ outcome: z.string(), order: ConsoleWalletOrder }), ...errors },
      },
    },
    async (request) => {
      await auth.operator(request, 'finance.operate');
      return wallet.queryOrder(request.params.id);
    },
  );

  app.get(
    '/wallet/reconciliation/runs',
    {
      config: { access: { operator: 'ledger.read' } },
      schema: {
        tags,
        summary: 'Reconciliation runs, newest first',
        querystring: PageQuery,
        response: { 200: pageOf(ReconRun), ...errors },
      },
    },
    async (request) => {
      await auth.operator(request, 'ledger.read');
      return wallet.reconRuns(request.query.page, request.query.pageSize);
    },
  );

  app.post(
    '/wallet/reconciliation/runs',
    {
      config: { access: { operator: 'finance.operate' } },
      schema: {
        tags,
        summary: "Download the gateway's bill for a day and match it against our orders",
        body: RunReconRequest,
        response: {
          201: z.object({ id: z.string(), billDate: z.string(), billLines: z.number(), matched: z.number(), mismatches: z.number() }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const operator = await auth.operator(request, 'finance.operate');
      const run = await wallet.reconcile(request.body.billDate, { operator, ip: requestMeta(request).ip }, request.body.channel);
      return reply.code(201).send(run);
    },
  );

  app.get(
    '/wallet/reconciliation/items',
    {
      config: { access: { operator: 'ledger.read' } },
      schema: {
        tags,
        summary: 'Differences found by reconciliation; open ones first need a decision',
        querystring: z.object({
          ...PageQuery.shape,
          status: z.enum(['open', 'resolved']).optional(),
          billDate: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional(),
        }),
        response: { 200: pageOf(ReconItem), ...errors },
      },
    },
    async (request) => {
      await auth.operator(request, 'ledger.read');
      const { page, pageSize, ...filter } = request.query;
      return wallet.reconItems(filter, page, pageSize);
    },
  );

  app.post(
    '/wallet/reconciliation/items/:id/resolve',
    {
      config: { access: { operator: 'finance.operate' } },
      schema: {
        tags,
        summary: 'Record how a difference was resolved',
        params: Id,
        body: ResolveReconRequest,
        response: { 200: ReconItem, ...errors },
      },
    },
    async (request) => {
      const operator = await auth.operator(request, 'finance.operate');
      return wallet.resolveReconItem(operator, request.params.id, request.body, requestMeta(request));
    },
  );

  app.get(
    '/wallet/callback-rejections',
    {
      config: { access: { operator: 'ledger.read' } },
      schema: {
        tags,
        summary: 'Gateway callbacks refused for a bad signature, newest first',
        querystring: PageQuery,
        response: { 200: pageOf(CallbackRejection), ...errors },
      },
    },
    async (request) => {
      await auth.operator(request, 'ledger.read');
      return wallet.callbackRejections(request.query.page, request.query.pageSize);
    },
  );
}
