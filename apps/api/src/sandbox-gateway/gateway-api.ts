import { z } from 'zod';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/connect.js';
import { fenToYuan, MAX_ORDER_FEN, yuanToFen } from '../platform/money.js';
import { signParams, verifyParams, type Params } from '../platform/payments/rsa2.js';
import { billCsv } from './bill.js';
import type { KeyStore } from './keys.js';
import * as repo from './repo.js';
import { createPayment, createPayout } from './trades.js';
import { isNotifyUrl, isReturnUrl } from './urls.js';

/**
 * `POST /gateway`: Alipay's openapi shape. Common parameters plus a JSON `biz_content`, signed by the
 * merchant with RSA2; every answer — errors included — is signed by the gateway, so the merchant
 * can tell a real answer from one forged on the way.
 */

export interface GatewayDeps {
  db: Db;
  clock: Clock;
  keys: KeyStore;
  /** Where the cashier page of a trade lives, as the merchant should send its buyer there. */
  payUrl(tradeNo: string): string;
}

export interface GatewayReply {
  response: Params;
  sign: string;
}

interface Call {
  appId: string;
  biz: unknown;
  notifyUrl: string | null;
  returnUrl: string | null;
}

const ok = (fields: Params): Params => ({ code: '10000', msg: 'Success', ...fields });
const missing = (sub: string, subMsg: string): Params => ({
  code: '40001',
  msg: 'Missing Required Arguments',
  sub_code: sub,
  sub_msg: subMsg,
});
const invalid = (sub: string, subMsg: string): Params => ({ code: '40002', msg: 'Invalid Arguments', sub_code: sub, sub_msg: subMsg });
const failed = (sub: string, subMsg: string): Params => ({ code: '40004', msg: 'Business Failed', sub_code: sub, sub_msg: subMsg });

// Merchant order numbers: printable ASCII without spaces, as long as Alipay allows.
const OrderNo = z.string().regex(/^[\x21-\x7e]{1,64}$/);
const Amount = z.string().max(20);

/** A positive yuan amount within the order limit, in fen; null otherwise. */
function amountFen(yuan: string): bigint | null {
  const fen = yuanToFen(yuan);
  return fen !== null && fen > 0n && fen <= MAX_ORDER_FEN ? fen : null;
}

function parseBiz<T>(schema: z.ZodType<T>, biz: unknown): { data: T } | { error: Params } {
  const parsed = schema.safeParse(biz);
  if (parsed.success) return { data: parsed.data };
  const field = parsed.error.issues[0]?.path.join('.') || 'biz_content';
  return { error: invalid('INVALID_PARAMETER', `参数有误：${field}`) };
}

const PagePay = z.object({ out_trade_no: OrderNo, total_amount: Amount, subject: z.string().min(1).max(256) });
const TradeQuery = z.object({ out_trade_no: OrderNo.optional(), trade_no: z.string().max(64).optional() });
const Transfer = z.object({
  out_biz_no: OrderNo,
  trans_amount: Amount,
  payee_card_last4: z.string().regex(/^\d{4}$/),
  payee_name_masked: z.string().min(1).max(64),
});
const TransferQuery = z.object({ out_biz_no: OrderNo.optional(), order_id: z.string().max(64).optional() });
const BillDownload = z.object({ bill_date: z.string().max(10) });

async function pagePay(deps: GatewayDeps, call: Call): Promise<Params> {
  const p = parseBiz(PagePay, call.biz);
  if ('error' in p) return p.error;
  const fen = amountFen(p.data.total_amount);
  if (fen === null) return invalid('INVALID_PARAMETER', '参数有误：total_amount');
  if (call.notifyUrl !== null && !isNotifyUrl(call.notifyUrl)) return invalid('INVALID_PARAMETER', '参数有误：notify_url');
  if (call.returnUrl !== null && !isReturnUrl(call.returnUrl)) return invalid('INVALID_PARAMETER', '参数有误：return_url');
  const created = await createPayment(deps.db, deps.clock, {
    appId: call.appId,
    outTradeNo: p.data.out_trade_no,
    amountFen: fen,
    subject: p.data.subject,
    notifyUrl: call.notifyUrl,
    returnUrl: call.returnUrl,
  });
  if (!created.ok) return failed('DUPLICATE_OUT_TRADE_NO', '同一 out_trade_no 的交易金额不一致');
  const trade = created.row;
  return ok({
    trade_no: trade.trade_no,
    out_trade_no: trade.out_trade_no,
    total_amount: fenToYuan(trade.amount_fen),
    pay_url: deps.payUrl(trade.trade_no),
  });
}

async function tradeQuery(deps: GatewayDeps, call: Call): Promise<Params> {
  const p = parseBiz(TradeQuery, call.biz);
  if ('error' in p) return p.error;
  const { out_trade_no: outTradeNo, trade_no: tradeNo } = p.data;
  if (!outTradeNo && !tradeNo) return missing('MISSING_PARAMETER', '缺少 out_trade_no 或 trade_no');
  const found = outTradeNo
    ? await repo.findPaymentByOutTradeNo(deps.db, call.appId, outTradeNo)
    : await repo.findPayment(deps.db, tradeNo!);
  // Another merchant's trade is as unknown as a trade that does not exist.
  const trade = found && found.app_id === call.appId && (!tradeNo || found.trade_no === tradeNo) ? found : undefined;
  if (!trade) return failed('TRADE_NOT_EXIST', '交易不存在');
  return ok({
    trade_no: trade.trade_no,
    out_trade_no: trade.out_trade_no,
    trade_status: trade.status,
    total_amount: fenToYuan(trade.amount_fen),
  });
}

async function transfer(deps: GatewayDeps, call: Call): Promise<Params> {
  const p = parseBiz(Transfer, call.biz);
  if ('error' in p) return p.error;
  const fen = amountFen(p.data.trans_amount);
  if (fen === null) return invalid('INVALID_PARAMETER', '参数有误：trans_amount');
  if (call.notifyUrl !== null && !isNotifyUrl(call.notifyUrl)) return invalid('INVALID_PARAMETER', '参数有误：notify_url');
  const created = await createPayout(deps.db, deps.clock, {
    appId: call.appId,
    outBizNo: p.data.out_biz_no,
    amountFen: fen,
    payeeCardLast4: p.data.payee_card_last4,
    payeeNameMasked: p.data.payee_name_masked,
    notifyUrl: call.notifyUrl,
  });
  if (!created.ok) return failed('DUPLICATE_OUT_BIZ_NO', '同一 out_biz_no 的转账信息不一致');
  const payout = created.row;
  return ok({ order_id: payout.order_id, out_biz_no: payout.out_biz_no, status: payout.status });
}

async function transferQuery(deps: GatewayDeps, call: Call): Promise<Params> {
  const p = parseBiz(TransferQuery, call.biz);
  if ('error' in p) return p.error;
  const { out_biz_no: outBizNo, order_id: orderId } = p.data;
  if (!outBizNo && !orderId) return missing('MISSING_PARAMETER', '缺少 out_biz_no 或 order_id');
  const found = outBizNo ? await repo.findPayoutByOutBizNo(deps.db, call.appId, outBizNo) : await repo.findPayout(deps.db, orderId!);
  const payout = found && found.app_id === call.appId && (!orderId || found.order_id === orderId) ? found : undefined;
  if (!payout) return failed('ORDER_NOT_EXIST', '转账单据不存在');
  return ok({
    order_id: payout.order_id,
    out_biz_no: payout.out_biz_no,
    status: payout.status,
    trans_amount: fenToYuan(payout.amount_fen),
    ...(payout.fail_reason ? { fail_reason: payout.fail_reason } : {}),
  });
}

async function billDownload(deps: GatewayDeps, call: Call): Promise<Params> {
  const p = parseBiz(BillDownload, call.biz);
  if ('error' in p) return p.error;
  const bill = await billCsv(deps.db, call.appId, p.data.bill_date);
  if (bill === null) return invalid('INVALID_PARAMETER', '参数有误：bill_date 应为 yyyy-MM-dd');
  return ok({ bill_date: p.data.bill_date, bill });
}

const METHODS: Record<string, (deps: GatewayDeps, call: Call) => Promise<Params>> = {
  'trade.page.pay': pagePay,
  'trade.query': tradeQuery,
  'fund.trans.uni.transfer': transfer,
  'fund.trans.common.query': transferQuery,
  'data.bill.download': billDownload,
};

async function respond(deps: GatewayDeps, params: Params): Promise<Params> {
  const appId = params.app_id;
  if (!appId) return missing('MISSING_APP_ID', '缺少 app_id');
  const merchantKey = await deps.keys.merchantKey(appId);
  if (!merchantKey) return invalid('INVALID_APP_ID', 'app_id 未注册');
  // Checked before anything else is believed: everything below acts on the merchant's behalf.
  if (!verifyParams(params, merchantKey)) return invalid('INVALID_SIGN', '验签出错');
  if (params.charset && params.charset.toLowerCase() !== 'utf-8') return invalid('INVALID_CHARSET', '仅支持 utf-8');
  if (!params.method) return missing('MISSING_METHOD', '缺少 method');
  if (!params.timestamp) return missing('MISSING_TIMESTAMP', '缺少 timestamp');
  if (!params.biz_content) return missing('MISSING_BIZ_CONTENT', '缺少 biz_content');
  // Alipay's SDKs send "alipay.trade.query"; the short names in Quanzi's docs work too.
  const handler = METHODS[params.method.replace(/^alipay\./, '')];
  if (!handler) return invalid('INVALID_METHOD', '不存在的方法名');
  let biz: unknown;
  try {
    biz = JSON.parse(params.biz_content);
  } catch {
    return invalid('INVALID_PARAMETER', 'biz_content 不是合法的 JSON');
  }
  return handler(deps, { appId, biz, notifyUrl: params.notify_url || null, returnUrl: params.return_url || null });
}

export async function handleGatewayRequest(deps: GatewayDeps, params: Params): Promise<GatewayReply> {
  const response = await respond(deps, params);
  const { privateKey } = await deps.keys.gateway();
  return { response, sign: signParams(response, privateKey) };
}
