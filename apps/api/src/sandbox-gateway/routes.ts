import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/connect.js';
import { fenToYuan } from '../platform/money.js';
import type { Params } from './alipay-sign.js';
import { billFile, type BillType } from './bill.js';
import crypto from 'node:crypto';
import { billLinkQuery, handleGatewayRequest } from './gateway-api.js';
import type { KeyStore } from './keys.js';
import { errorPage, notFoundPage, payoutPage, payPage } from './pay-page.js';
import * as repo from './repo.js';
import { settlePayment, settlePayout } from './trades.js';
import { returnOrigin, returnTarget } from './urls.js';

const FORM = 'application/x-www-form-urlencoded';

export interface RouteDeps {
  db: Db;
  clock: Clock;
  keys: KeyStore;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/** Only string values: repeated keys (arrays) and JSON bodies of other shapes are not gateway parameters. */
function stringEntries(value: unknown): Params {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Browsers posting the cashier's forms get redirects and pages; API clients get JSON. */
const wantsHtml = (request: FastifyRequest) => (request.headers.accept ?? '').includes('text/html');

/**
 * The pages' own policy, replacing the host's: no script anywhere, and forms may be redirected to the
 * merchant's return_url origin (browsers check form-action on every redirect of a form submission).
 */
const pagePolicy = (formOrigin: string | null) =>
  `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'${formOrigin ? ` ${formOrigin}` : ''}; frame-ancestors 'none'; base-uri 'none'`;

/**
 * Everything under the mount prefix (`/sandbox`). Self-contained on purpose: its own form parser and
 * error shape, no schema compilers, no Quanzi auth — it stands for a third party that Quanzi reaches
 * only over signed HTTP, and could be moved to its own server unchanged.
 */
export function sandboxRoutes(deps: RouteDeps): FastifyPluginAsync {
  return async (scope) => {
    // Alipay speaks form encoding; the host may have its own parser for it, but this scope owns its meaning.
    if (scope.hasContentTypeParser(FORM)) scope.removeContentTypeParser(FORM);
    scope.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    scope.setErrorHandler((err: FastifyError, _request, reply) => {
      const client = err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500;
      if (!client) deps.logger.error({ err }, 'sandbox gateway request failed');
      return reply
        .code(client ? err.statusCode! : 500)
        .type('application/json; charset=utf-8')
        .send({
          error_response: client
            ? { code: '40000', msg: 'Invalid Request', sub_code: 'isv.invalid-request', sub_msg: err.code ?? 'INVALID_REQUEST' }
            : { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error', sub_msg: '系统繁忙' },
        });
    });

    const policies = new WeakMap<FastifyRequest, string>();
    // Runs after the host's own header hooks (parent hooks run first), so these values win.
    scope.addHook('onSend', async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const policy = policies.get(request);
      if (policy) reply.header('content-security-policy', policy);
    });
    const page = (reply: FastifyReply, status: number, html: string, formOrigin: string | null = null) => {
      policies.set(reply.request, pagePolicy(formOrigin));
      return reply.code(status).type('text/html; charset=utf-8').send(html);
    };

    const base = scope.prefix;
    const enc = encodeURIComponent;
    const payUrl = (tradeNo: string) => `${base}/pay/${enc(tradeNo)}`;
    const payoutUrl = (orderId: string) => `${base}/payouts/${enc(orderId)}`;

    const gateway = async (request: FastifyRequest, reply: FastifyReply) => {
      // Alipay takes the common parameters in the query string (where the SDK puts them) and the rest in the form body.
      const params = { ...stringEntries(request.query), ...stringEntries(request.body) };
      const origin = `${request.protocol}://${request.host}`;
      const outcome = await handleGatewayRequest(deps, params, (query) => `${origin}${base}/alipay/bills/download?${query}`);
      if (outcome.kind === 'cashier') return reply.redirect(payUrl(outcome.tradeNo), 302);
      if (outcome.kind === 'error-page') return page(reply, 400, errorPage(outcome.response));
      return reply.type('text/html;charset=utf-8').send(outcome.body);
    };
    scope.post('/alipay/gateway.do', gateway);
    scope.get('/alipay/gateway.do', gateway);

    scope.get<{ Querystring: Record<string, string> }>('/alipay/bills/download', async (request, reply) => {
      const q = stringEntries(request.query);
      const { privateKey } = await deps.keys.gateway();
      const expires = Number(q.expires);
      const billType = q.bill_type === 'trade' || q.bill_type === 'signcustomer' ? (q.bill_type as BillType) : null;
      const expected =
        billType && q.app_id && q.bill_date && Number.isSafeInteger(expires)
          ? new URLSearchParams(billLinkQuery(privateKey, { appId: q.app_id, billType, billDate: q.bill_date, expires })).get('signature')!
          : '';
      const given = q.signature ?? '';
      const valid =
        expected.length > 0 &&
        given.length === expected.length &&
        crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected)) &&
        expires >= deps.clock.now().getTime();
      if (!valid) return reply.code(403).type('text/plain; charset=utf-8').send('链接已失效');
      const file = await billFile(deps.db, deps.clock, q.app_id!, billType!, q.bill_date!);
      if (!file) return reply.code(404).type('text/plain; charset=utf-8').send('账单不存在');
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${encodeURIComponent(file.fileName)}"`)
        .send(Buffer.from(file.zip));
    });

    scope.get<{ Params: { tradeNo: string } }>('/pay/:tradeNo', async (request, reply) => {
      const trade = await repo.findPayment(deps.db, request.params.tradeNo);
      if (!trade) return page(reply, 404, notFoundPage('交易不存在'));
      const html = payPage({
        tradeNo: trade.trade_no,
        outTradeNo: trade.out_trade_no,
        subject: trade.subject,
        amountYuan: fenToYuan(trade.amount_fen),
        status: trade.status,
        payAction: `${base}/payments/${enc(trade.trade_no)}/pay`,
        failAction: `${base}/payments/${enc(trade.trade_no)}/fail`,
        returnLink: trade.return_url ? returnTarget(trade.return_url, trade.out_trade_no) : null,
      });
      return page(reply, 200, html, returnOrigin(trade.return_url));
    });

    for (const outcome of ['pay', 'fail'] as const) {
      scope.post<{ Params: { tradeNo: string } }>(`/payments/:tradeNo/${outcome}`, async (request, reply) => {
        const trade = await settlePayment(deps.db, deps.clock, request.params.tradeNo, outcome);
        if (!wantsHtml(request)) {
          return trade ? { ok: true, status: trade.status } : reply.code(404).send({ ok: false, error: 'TRADE_NOT_EXIST' });
        }
        if (!trade) return page(reply, 404, notFoundPage('交易不存在'));
        // Back to the merchant like Alipay's return; without a return_url the cashier shows the result.
        return reply.redirect(trade.return_url ? returnTarget(trade.return_url, trade.out_trade_no) : payUrl(trade.trade_no), 303);
      });
    }

    scope.get<{ Params: { orderId: string } }>('/payouts/:orderId', async (request, reply) => {
      const payout = await repo.findPayout(deps.db, request.params.orderId);
      if (!payout) return page(reply, 404, notFoundPage('转账单据不存在'));
      const html = payoutPage({
        orderId: payout.order_id,
        outBizNo: payout.out_biz_no,
        amountYuan: fenToYuan(payout.amount_fen),
        payeeNameMasked: payout.payee_name_masked,
        payeeCardLast4: payout.payee_card_last4,
        status: payout.status,
        failReason: payout.fail_reason,
        succeedAction: `${payoutUrl(payout.order_id)}/succeed`,
        failAction: `${payoutUrl(payout.order_id)}/fail`,
      });
      return page(reply, 200, html);
    });

    for (const outcome of ['succeed', 'fail'] as const) {
      scope.post<{ Params: { orderId: string } }>(`/payouts/:orderId/${outcome}`, async (request, reply) => {
        const payout = await settlePayout(deps.db, deps.clock, request.params.orderId, outcome);
        if (!wantsHtml(request)) {
          return payout ? { ok: true, status: payout.status } : reply.code(404).send({ ok: false, error: 'ORDER_NOT_EXIST' });
        }
        if (!payout) return page(reply, 404, notFoundPage('转账单据不存在'));
        return reply.redirect(payoutUrl(payout.order_id), 303);
      });
    }
  };
}
