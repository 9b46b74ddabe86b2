import {
  ErrorBody,
  LedgerAccount,
  LedgerAccountKind,
  LedgerVerification,
  PageQuery,
  StatementPage,
  StatementQuery,
  TrialBalance,
  pageOf,
} from '@quanzi/contracts';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { localeOf } from '../../platform/http/error-handler.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import { presentAccount } from './read-ledger.js';
import type { LedgerModule } from './index.js';

const tags = ['console: ledger'];

/** Read-only views of the books for finance and compliance. Nothing here moves money. */
export function ledgerConsoleRoutes(app: HttpApp, { auth }: RouteContext, ledger: LedgerModule): void {
  app.get(
    '/ledger/trial-balance',
    {
      config: { access: { operator: 'ledger.read' } },
      schema: {
        tags,
        summary: 'Trial balance by account kind; total is always "0"',
        response: { 200: TrialBalance, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      await auth.operator(request, 'ledger.read');
      return ledger.trialBalance(localeOf(request));
    },
  );

  app.get(
    '/ledger/accounts',
    {
      config: { access: { operator: 'ledger.read' } },
      schema: {
        tags,
        summary: 'Ledger accounts, filtered by kind or owner (member or issuer id)',
        querystring: z.object({ ...PageQuery.shape, kind: LedgerAccountKind.optional(), owner: z.string().max(64).optional() }),
        response: { 200: pageOf(LedgerAccount), 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      await auth.operator(request, 'ledger.read');
      const { page, pageSize, kind, owner } = request.query;
      return ledger.listAccounts({ kind, owner }, page, pageSize);
    },
  );

  app.get(
    '/ledger/accounts/:id/entries',
    {
      config: { access: { operator: 'ledger.read' } },
      schema: {
        tags,
        summary: "An account's statement: every entry with its reason, newest first",
        params: z.object({ id: z.string().regex(/^\d{1,19}$/) }),
        querystring: StatementQuery,
        response: { 200: z.object({ account: LedgerAccount, statement: StatementPage }), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      await auth.operator(request, 'ledger.read');
      const found = await ledger.accountStatement(request.params.id, request.query.before, request.query.limit);
      if (!found) throw new AppError('NOT_FOUND');
      return { account: presentAccount(found.account), statement: found.statement };
    },
  );

  app.get(
    '/ledger/verify',
    {
      config: { access: { operator: 'ledger.read' } },
      schema: {
        tags,
        summary: 'Check that every cached balance equals its entries and every transfer sums to zero',
        response: { 200: LedgerVerification, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      await auth.operator(request, 'ledger.read');
      return ledger.verify();
    },
  );
}
