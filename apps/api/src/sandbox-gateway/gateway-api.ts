import crypto from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/connect.js';
import { fenToYuan, MAX_ORDER_FEN, yuanToFen } from '../platform/money.js';
import { signedEnvelope, verifyRequest, type Params } from './alipay-sign.js';
import type { BillType } from './bill.js';
import { alipayUserId, buyerLogonId, gatewayTime, tradeStatusOf } from './format.js';
import type { KeyStore } from './keys.js';
import * as repo from './repo.js';
import { createPayment, createPayout, refundPayment } from './trades.js';
import { isNotifyUrl, isReturnUrl } from './urls.js';

/**
 * `/alipay/gateway.do`: Alipay's OpenAPI (v2). Common parameters (in the query string or the form
 * body) plus a JSON `biz_content`, signed by the merchant with RSA2 over every parameter but `sign`.
 * Server-to-server methods answer `{"<method>_response":{…},"sign":"…"}` signed over the raw JSON of
 * the response value — errors included, so a merchant can tell a real answer from a forged one;
 * page/wap pay is reached by the buyer's browser (the SDK's form or redirect) and answers with the
 * cashier.
 */

export interface GatewayDeps {
  db: Db;
  clock: Clock;
  keys: KeyStore;
}

export type GatewayOutcome =
  | { kind: 'json'; body: string }
  /** Page/wap pay: the buyer goes on to the cashier of this trade. */
  | { kind: 'cashier'; tradeNo: string }
  /** Page/wap pay refused: Alipay shows the buyer an error page with the codes. */
  | { kind: 'error-page'; response: Params };

interface Call {
  appId: string;
  biz: unknown;
  notifyUrl: string | null;
  returnUrl: string | null;
  /** Where a downloadable bill is served, given its signed query string. */
  billUrl: (query: string) => string;
}

type Reply = Record<string, unknown>;
const ok = (fields: Reply): Reply => ({ code: '10000', msg: 'Success', ...fields });
const err = (code: string, msg: string) => (sub: string, subMsg: string) => ({ code, msg, sub_code: sub, sub_msg: subMsg });
const missing = err('40001', 'Missing Required Arguments');
const invalid = err('40002', 'Invalid Arguments');
const failed = err('40004', 'Business Failed');

// Merchant order numbers: printable ASCII without spaces, as long as Alipay allows.
const OrderNo = z.string().regex(/^[\x21-\x7e]{1,64}$/);
const Amount = z.string().max(20);

/** A positive yuan amount within the order limit, in fen; null otherwise. */
function amountFen(yuan: string): bigint | null {
  const fen = yuanToFen(yuan);
  return fen !== null && fen > 0n && fen <= MAX_ORDER_FEN ? fen : null;
}

// Alipay ignores fields it does not know (the SDK may send more than a method needs): schemas pass them.
function parseBiz<T>(schema: z.ZodType<T>, biz: unknown): { data: T } | { error: Reply } {
  const parsed = schema.safeParse(biz);
  if (parsed.success) return { data: parsed.data };
  const field = parsed.error.issues[0]?.path.join('.') || 'biz_content';
  return { error: invalid('isv.invalid-parameter', `参数有误：${field}`) };
}

const PagePay = z.looseObject({
  out_trade_no: OrderNo,
  total_amount: Amount,
  subject: z.string().min(1).max(256),
  product_code: z.enum(['FAST_INSTANT_TRADE_PAY', 'QUICK_WAP_WAY']).optional(),
});
const TradeRef = z.looseObject({ out_trade_no: OrderNo.optional(), trade_no: z.string().max(64).optional() });
const Refund = TradeRef.extend({
  refund_amount: Amount,
  out_request_no: OrderNo.optional(),
  refund_reason: z.string().max(256).optional(),
});
const RefundQuery = TradeRef.extend({ out_request_no: OrderNo });
const Transfer = z.looseObject({
  out_biz_no: OrderNo,
  trans_amount: Amount,
  product_code: z.enum(['TRANS_ACCOUNT_NO_PWD', 'TRANS_BANKCARD_NO_PWD']),
  biz_scene: z.literal('DIRECT_TRANSFER'),
  order_title: z.string().max(128).optional(),
  payee_info: z.looseObject({
    identity: z.string().min(4).max(100),
    identity_type: z.enum(['ALIPAY_USER_ID', 'ALIPAY_LOGON_ID', 'BANKCARD_ACCOUNT']),
    name: z.string().min(1).max(64).optional(),
  }),
});
const TransferQuery = z.looseObject({ out_biz_no: OrderNo.optional(), order_id: z.string().max(64).optional() });
const BillDownload = z.looseObject({ bill_type: z.enum(['trade', 'signcustomer']), bill_date: z.string().max(10) });

/** The trade a call names, by out_trade_no or trade_no; another merchant's trade is as unknown as none. */
async function findTrade(deps: GatewayDeps, call: Call, ref: { out_trade_no?: string | undefined; trade_no?: string | undefined }) {
  const found = ref.out_trade_no
    ? await repo.findPaymentByOutTradeNo(deps.db, call.appId, ref.out_trade_no)
    : ref.trade_no
      ? await repo.findPayment(deps.db, ref.trade_no)
      : undefined;
  return found && found.app_id === call.appId && (!ref.trade_no || found.trade_no === ref.trade_no) ? found : undefined;
}

async function pagePay(deps: GatewayDeps, call: Call): Promise<Reply | { tradeNo: string }> {
  const p = parseBiz(PagePay, call.biz);
  if ('error' in p) return p.error;
  const fen = amountFen(p.data.total_amount);
  if (fen === null) return invalid('isv.invalid-parameter', '参数有误：total_amount');
  if (call.notifyUrl !== null && !isNotifyUrl(call.notifyUrl)) return invalid('isv.invalid-parameter', '参数有误：notify_url');
  if (call.returnUrl !== null && !isReturnUrl(call.returnUrl)) return invalid('isv.invalid-parameter', '参数有误：return_url');
  const created = await createPayment(deps.db, deps.clock, {
    appId: call.appId,
    outTradeNo: p.data.out_trade_no,
    amountFen: fen,
    subject: p.data.subject,
    notifyUrl: call.notifyUrl,
    returnUrl: call.returnUrl,
  });
  if (!created.ok) return failed('ACQ.CONTEXT_INCONSISTENT', '交易信息被篡改');
  return { tradeNo: created.row.trade_no };
}

async function tradeQuery(deps: GatewayDeps, call: Call): Promise<Reply> {
  const p = parseBiz(TradeRef, call.biz);
  if ('error' in p) return p.error;
  if (!p.data.out_trade_no && !p.data.trade_no) return missing('isv.missing-parameter', '缺少 out_trade_no 或 trade_no');
  const trade = await findTrade(deps, call, p.data);
  if (!trade) return failed('ACQ.TRADE_NOT_EXIST', '交易不存在');
  const yuan = fenToYuan(trade.amount_fen);
  const paid = trade.status === 'TRADE_SUCCESS';
  return ok({
    trade_no: trade.trade_no,
    out_trade_no: trade.out_trade_no,
    buyer_logon_id: buyerLogonId(trade.trade_no),
    trade_status: tradeStatusOf(trade),
    total_amount: yuan,
    buyer_pay_amount: paid ? yuan : '0.00',
    point_amount: '0.00',
    invoice_amount: paid ? yuan : '0.00',
    receipt_amount: paid ? yuan : '0.00',
    ...(paid ? { send_pay_date: gatewayTime(trade.finished_at!) } : {}),
    buyer_user_id: alipayUserId(`buyer:${trade.trade_no}`),
  });
}

async function tradeClose(deps: GatewayDeps, call: Call): Promise<Reply> {
  const p = parseBiz(TradeRef, call.biz);
  if ('error' in p) return p.error;
  if (!p.data.out_trade_no && !p.data.trade_no) return missing('isv.missing-parameter', '缺少 out_trade_no 或 trade_no');
  const trade = await findTrade(deps, call, p.data);
  if (!trade) return failed('ACQ.TRADE_NOT_EXIST', '交易不存在');
  if (trade.status === 'WAIT_BUYER_PAY') await repo.closePayment(deps.db, trade.trade_no, deps.clock.now());
  const now = (await repo.findPayment(deps.db, trade.trade_no))!;
  if (now.status === 'TRADE_SUCCESS') return failed('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
  return ok({ trade_no: now.trade_no, out_trade_no: now.out_trade_no });
}

const REFUND_ERRORS: Record<string, Reply> = {
  TRADE_NOT_EXIST: failed('ACQ.TRADE_NOT_EXIST', '交易不存在'),
  TRADE_STATUS_ERROR: failed('ACQ.TRADE_STATUS_ERROR', '交易状态不合法'),
  REFUND_AMT_NOT_EQUAL_TOTAL: failed('ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', '退款金额超限'),
  REQUEST_AMOUNT_CHANGED: failed('ACQ.REQUEST_AMOUNT_EXCEED', '同一退款请求号的退款金额不一致'),
};

async function tradeRefund(deps: GatewayDeps, call: Call): Promise<Reply> {
  const p = parseBiz(Refund, call.biz);
  if ('error' in p) return p.error;
  if (!p.data.out_trade_no && !p.data.trade_no) return missing('isv.missing-parameter', '缺少 out_trade_no 或 trade_no');
  const fen = amountFen(p.data.refund_amount);
  if (fen === null) return invalid('isv.invalid-parameter', '参数有误：refund_amount');
  const trade = await findTrade(deps, call, p.data);
  if (!trade) return REFUND_ERRORS.TRADE_NOT_EXIST!;
  const outcome = await refundPayment(deps.db, deps.clock, {
    appId: call.appId,
    tradeNo: trade.trade_no,
    // Without out_request_no Alipay treats the call as the one refund of the whole trade.
    outRequestNo: p.data.out_request_no ?? trade.out_trade_no,
    amountFen: fen,
    reason: p.data.refund_reason ?? null,
  });
  if (!outcome.ok) return REFUND_ERRORS[outcome.reason]!;
  return ok({
    trade_no: outcome.trade.trade_no,
    out_trade_no: outcome.trade.out_trade_no,
    buyer_logon_id: buyerLogonId(outcome.trade.trade_no),
    // Y only for the call that moved money; a repeat of the same request changes nothing.
    fund_change: outcome.fresh ? 'Y' : 'N',
    refund_fee: fenToYuan(outcome.trade.refunded_fen),
    gmt_refund_pay: gatewayTime(outcome.refund.created_at),
    buyer_user_id: alipayUserId(`buyer:${outcome.trade.trade_no}`),
  });
}

async function refundQuery(deps: GatewayDeps, call: Call): Promise<Reply> {
  const p = parseBiz(RefundQuery, call.biz);
  if ('error' in p) return p.error;
  if (!p.data.out_trade_no && !p.data.trade_no) return missing('isv.missing-parameter', '缺少 out_trade_no 或 trade_no');
  const trade = await findTrade(deps, call, p.data);
  if (!trade) return failed('ACQ.TRADE_NOT_EXIST', '交易不存在');
  const refund = await repo.findRefund(deps.db, trade.trade_no, p.data.out_request_no);
  // Alipay answers 10000 without refund fields for a refund it does not have.
  const base = { trade_no: trade.trade_no, out_trade_no: trade.out_trade_no, out_request_no: p.data.out_request_no };
  if (!refund) return ok(base);
  return ok({
    ...base,
    total_amount: fenToYuan(trade.amount_fen),
    refund_amount: fenToYuan(refund.amount_fen),
    refund_status: 'REFUND_SUCCESS',
    gmt_refund_pay: gatewayTime(refund.created_at),
    ...(refund.reason ? { refund_reason: refund.reason } : {}),
  });
}

async function transfer(deps: GatewayDeps, call: Call): Promise<Reply> {
  const p = parseBiz(Transfer, call.biz);
  if ('error' in p) return p.error;
  const fen = amountFen(p.data.trans_amount);
  if (fen === null) return invalid('isv.invalid-parameter', '参数有误：trans_amount');
  if (call.notifyUrl !== null && !isNotifyUrl(call.notifyUrl)) return invalid('isv.invalid-parameter', '参数有误：notify_url');
  const identity = p.data.payee_info.identity;
  const created = await createPayout(deps.db, deps.clock, {
    appId: call.appId,
    outBizNo: p.data.out_biz_no,
    amountFen: fen,
    payeeCardLast4: identity.slice(-4),
    payeeNameMasked: p.data.payee_info.name ?? '',
    productCode: p.data.product_code,
    payeeIdentityType: p.data.payee_info.identity_type,
    notifyUrl: call.notifyUrl,
  });
  if (!created.ok) return failed('PAYMENT_INFO_INCONSISTENCY', '两次请求商户单号一样，但是收款人或金额等信息不一致');
  const payout = created.row;
  return ok({
    out_biz_no: payout.out_biz_no,
    order_id: payout.order_id,
    pay_fund_order_id: payout.order_id,
    status: payout.status,
    trans_date: gatewayTime(payout.finished_at ?? payout.created_at),
  });
}

async function transferQuery(deps: GatewayDeps, call: Call): Promise<Reply> {
  const p = parseBiz(TransferQuery, call.biz);
  if ('error' in p) return p.error;
  const { out_biz_no: outBizNo, order_id: orderId } = p.data;
  if (!outBizNo && !orderId) return missing('isv.missing-parameter', '缺少 out_biz_no 或 order_id');
  const found = outBizNo ? await repo.findPayoutByOutBizNo(deps.db, call.appId, outBizNo) : await repo.findPayout(deps.db, orderId!);
  const payout = found && found.app_id === call.appId && (!orderId || found.order_id === orderId) ? found : undefined;
  if (!payout) return failed('ORDER_NOT_EXIST', '转账订单不存在');
  return ok({
    order_id: payout.order_id,
    pay_fund_order_id: payout.order_id,
    out_biz_no: payout.out_biz_no,
    trans_amount: fenToYuan(payout.amount_fen),
    status: payout.status,
    ...(payout.finished_at ? { pay_date: gatewayTime(payout.finished_at) } : {}),
    ...(payout.fail_reason ? { fail_reason: payout.fail_reason, error_code: payout.fail_reason } : {}),
  });
}

const BILL_URL_TTL_MS = 30_000;

/** The query string of a bill download link, signed by the gateway so nobody else can mint one. */
export function billLinkQuery(secret: string, q: { appId: string; billType: BillType; billDate: string; expires: number }): string {
  const base = new URLSearchParams({ app_id: q.appId, bill_type: q.billType, bill_date: q.billDate, expires: String(q.expires) });
  const mac = crypto.createHmac('sha256', secret).update(base.toString()).digest('hex');
  base.set('signature', mac);
  return base.toString();
}

async function billDownloadUrl(deps: GatewayDeps, call: Call): Promise<Reply> {
  const p = parseBiz(BillDownload, call.biz);
  if ('error' in p) return p.error;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(p.data.bill_date)) return invalid('isv.invalid-parameter', '参数有误：bill_date 应为 yyyy-MM-dd');
  const { privateKey } = await deps.keys.gateway();
  const expires = deps.clock.now().getTime() + BILL_URL_TTL_MS;
  const query = billLinkQuery(privateKey, { appId: call.appId, billType: p.data.bill_type, billDate: p.data.bill_date, expires });
  return ok({ bill_download_url: call.billUrl(query) });
}

const METHODS: Record<string, (deps: GatewayDeps, call: Call) => Promise<Reply>> = {
  'alipay.trade.query': tradeQuery,
  'alipay.trade.close': tradeClose,
  'alipay.trade.refund': tradeRefund,
  'alipay.trade.fastpay.refund.query': refundQuery,
  'alipay.fund.trans.uni.transfer': transfer,
  'alipay.fund.trans.common.query': transferQuery,
  'alipay.data.dataservice.bill.downloadurl.query': billDownloadUrl,
};
const PAGE_METHODS = new Set(['alipay.trade.page.pay', 'alipay.trade.wap.pay']);

/** The common checks, in Alipay's order; an error reply, or the parsed call. */
const fail = (error: Reply) => ({ error });

async function commonChecks(deps: GatewayDeps, params: Params): Promise<{ error: Reply } | { appId: string; biz: unknown }> {
  const appId = params.app_id;
  if (!appId) return fail(missing('isv.missing-app-id', '缺少AppID参数'));
  if (!params.method) return fail(missing('isv.missing-method', '缺少方法名参数'));
  if (!params.sign) return fail(missing('isv.missing-signature', '缺少签名参数'));
  const merchantKey = await deps.keys.merchantKey(appId);
  if (!merchantKey) return fail(invalid('isv.invalid-app-id', '无效的AppID参数'));
  // Checked before anything else is believed: everything below acts on the merchant's behalf.
  if (!verifyRequest(params, merchantKey)) {
    return fail(invalid('isv.invalid-signature', '验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配'));
  }
  if (params.charset && params.charset.toLowerCase() !== 'utf-8') return fail(invalid('isv.invalid-charset', '字符集错误'));
  if (!params.timestamp) return fail(missing('isv.missing-timestamp', '缺少时间戳参数'));
  if (!params.biz_content) return fail(missing('isv.missing-biz-content', '缺少业务参数'));
  try {
    return { appId, biz: JSON.parse(params.biz_content) as unknown };
  } catch {
    return fail(invalid('isv.invalid-parameter', 'biz_content 不是合法的 JSON'));
  }
}

export async function handleGatewayRequest(deps: GatewayDeps, params: Params, billUrl: (query: string) => string): Promise<GatewayOutcome> {
  const method = params.method ?? '';
  const page = PAGE_METHODS.has(method);
  const handler = METHODS[method];
  let reply: Reply;
  if (!page && !handler) {
    reply = invalid('isv.invalid-method', '不存在的方法名');
  } else {
    const checked = await commonChecks(deps, params);
    if ('error' in checked) reply = checked.error;
    else {
      const call: Call = {
        appId: checked.appId,
        biz: checked.biz,
        notifyUrl: params.notify_url || null,
        returnUrl: params.return_url || null,
        billUrl,
      };
      if (page) {
        const result = await pagePay(deps, call);
        if ('tradeNo' in result) return { kind: 'cashier', tradeNo: result.tradeNo as string };
        reply = result;
      } else {
        reply = await handler!(deps, call);
      }
    }
  }
  if (page) return { kind: 'error-page', response: Object.fromEntries(Object.entries(reply).map(([k, v]) => [k, String(v)])) };
  const { privateKey } = await deps.keys.gateway();
  // An unknown method has no response key of its own: Alipay answers error_response.
  const key = handler ? `${method.replaceAll('.', '_')}_response` : 'error_response';
  return { kind: 'json', body: signedEnvelope(key, reply, privateKey) };
}
