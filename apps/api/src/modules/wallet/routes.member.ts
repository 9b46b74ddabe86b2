import {
  ErrorBody,
  PageQuery,
  StatementPage,
  StatementQuery,
  TopUpRequest,
  TopUpResponse,
  Wallet,
  WalletOrder,
  WithdrawalRequest,
  pageOf,
} from '@quanzi/contracts';
import { z } from 'zod';
import { requestMeta } from '../../platform/http/auth.js';
import { idempotent, type IdempotencyStore } from '../../platform/http/idempotency.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { WalletModule } from './index.js';

const tags = ['member: wallet'];
const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
  423: ErrorBody,
  429: ErrorBody,
  503: ErrorBody,
};
const IdempotencyHeader = z.object({
  'idempotency-key': z.string().optional().describe('Required: a unique id per attempt (e.g. a UUID); a retry reuses it'),
});
const ACCOUNTS = { available: 'member_available', frozen: 'member_frozen', experience: 'member_experience' } as const;

export function walletMemberRoutes(app: HttpApp, { auth }: RouteContext, wallet: WalletModule, idem: IdempotencyStore): void {
  app.get(
    '/wallet',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'Balances (fen), limits left today, cards', response: { 200: Wallet, ...errors } },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return wallet.wallet(memberId);
    },
  );

  app.post(
    '/wallet/top-ups',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Start a top-up from your own bound card; pay on the returned payUrl',
        headers: IdempotencyHeader,
        body: TopUpRequest,
        response: { 201: TopUpResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      return idempotent(idem, request, reply, `member:${memberId}`, async (key) => ({
        status: 201,
        body: await wallet.startTopUp(memberId, request.body, key),
      }));
    },
  );

  app.post(
    '/wallet/withdrawals',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Withdraw to your own card (同卡进出); large amounts wait for review',
        headers: IdempotencyHeader,
        body: WithdrawalRequest,
        response: { 201: WalletOrder, ...errors },
      },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      return idempotent(idem, request, reply, `member:${memberId}`, async (key) => ({
        status: 201,
        body: await wallet.requestWithdrawal(memberId, request.body, requestMeta(request), key),
      }));
    },
  );

  app.get(
    '/wallet/orders',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Your top-ups and withdrawals, newest first',
        querystring: z.object({ ...PageQuery.shape, type: z.enum(['top_up', 'withdrawal']).optional() }),
        response: { 200: pageOf(WalletOrder), ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return wallet.memberOrders(memberId, request.query.type, request.query.page, request.query.pageSize);
    },
  );

  app.get(
    '/wallet/orders/:id',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'One of your orders', params: z.object({ id: z.uuid() }), response: { 200: WalletOrder, ...errors } },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return wallet.memberOrder(memberId, request.params.id);
    },
  );

  app.get(
    '/wallet/statements',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Every movement of one of your balances with its reason, newest first',
        querystring: StatementQuery.extend({ account: z.enum(['available', 'frozen', 'experience']).default('available') }),
        response: { 200: StatementPage, ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return wallet.statement(memberId, ACCOUNTS[request.query.account], request.query.before, request.query.limit);
    },
  );
}
