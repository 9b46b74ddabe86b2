import crypto from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { shanghaiDay } from '../platform/clock.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/connect.js';
import { transact } from '../platform/db/transact.js';
import { billText, billToken, readBillToken } from './bill.js';
import {
  MAX_CLOCK_SKEW_SECONDS,
  digits,
  nonce,
  parseAuthorization,
  requestMessage,
  responseMessage,
  rfc3339,
  sign,
  verify,
} from './crypto.js';
import type { KeyStore } from './keys.js';
import { cashierPage, resultPage } from './page.js';
import * as repo from './repo.js';
import { queueRefundNotification, queueTransactionNotification, settleTransaction } from './trades.js';

export interface ApiDeps {
  db: Db;
  clock: Clock;
  keys: KeyStore;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** How long a transfer or refund stays PROCESSING before the sandbox settles it. */
  settleAfterMs: number;
}

/** What the JSON parser of this scope leaves on the request: the raw text is what was signed. */
interface RawBody {
  raw: string;
  json: unknown;
}

class WxError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const amountSchema = z.object({ total: z.number().int().positive().max(1e11), currency: z.literal('CNY').optional() });
const payBase = {
  appid: z.string().min(1).max(32),
  mchid: z.string().min(1).max(32),
  description: z.string().min(1).max(127),
  out_trade_no: z.string().regex(/^[0-9A-Za-z_\-*|]{6,32}$/),
  time_expire: z.string().max(64).optional(),
  attach: z.string().max(128).optional(),
  notify_url: z.string().url().max(256),
  goods_tag: z.string().max(32).optional(),
  amount: amountSchema,
};
const nativeSchema = z.object({ ...payBase, scene_info: z.unknown().optional() });
const h5Schema = z.object({
  ...payBase,
  scene_info: z
    .object({
      payer_client_ip: z.string().min(1).max(45),
      h5_info: z.object({ type: z.string().min(1).max(32) }).passthrough(),
    })
    .passthrough(),
});
const jsapiSchema = z.object({
  ...payBase,
  payer: z.object({ openid: z.string().min(1).max(128) }),
  scene_info: z.unknown().optional(),
});
const closeSchema = z.object({ mchid: z.string().min(1).max(32) });
const refundSchema = z
  .object({
    transaction_id: z.string().max(32).optional(),
    out_trade_no: z.string().max(32).optional(),
    out_refund_no: z.string().regex(/^[0-9A-Za-z_\-*|@]{1,64}$/),
    reason: z.string().max(80).optional(),
    notify_url: z.string().url().max(256).optional(),
    funds_account: z.string().max(32).optional(),
    amount: z.object({ refund: z.number().int().positive(), total: z.number().int().positive(), currency: z.literal('CNY') }),
  })
  .refine((b) => b.transaction_id || b.out_trade_no, 'transaction_id or out_trade_no');
const batchSchema = z.object({
  appid: z.string().min(1).max(32),
  out_batch_no: z.string().regex(/^[0-9A-Za-z]{5,32}$/),
  batch_name: z.string().min(1).max(32),
  batch_remark: z.string().min(1).max(32),
  total_amount: z.number().int().positive(),
  total_num: z.literal(1),
  transfer_detail_list: z
    .array(
      z.object({
        out_detail_no: z.string().regex(/^[0-9A-Za-z]{5,32}$/),
        transfer_amount: z.number().int().positive(),
        transfer_remark: z.string().min(1).max(32),
        openid: z.string().min(1).max(128),
        user_name: z.string().max(2048).optional(),
      }),
    )
    .length(1),
  transfer_scene_id: z.string().max(36).optional(),
  notify_url: z.string().url().max(256).optional(),
});

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new WxError(400, 'PARAM_ERROR', `参数错误: ${issue?.path.join('.') || 'body'} ${issue?.message ?? ''}`.trim());
  }
  return result.data;
}

export function presentTransaction(row: repo.TransactionRow) {
  const paid = row.trade_state === 'SUCCESS' || row.trade_state === 'REFUND';
  const desc: Record<repo.TradeState, string> = {
    NOTPAY: '订单未支付',
    SUCCESS: '支付成功',
    CLOSED: '订单已关闭',
    REFUND: '转入退款',
    PAYERROR: '支付失败',
  };
  return {
    appid: row.appid,
    mchid: row.mchid,
    out_trade_no: row.out_trade_no,
    transaction_id: row.transaction_id,
    trade_type: row.trade_type,
    trade_state: row.trade_state,
    trade_state_desc: desc[row.trade_state],
    ...(paid
      ? {
          bank_type: 'OTHERS',
          attach: '',
          success_time: rfc3339(row.success_time!),
          payer: { openid: row.payer_openid ?? '' },
          amount: { total: Number(row.amount_fen), payer_total: Number(row.amount_fen), currency: 'CNY', payer_currency: 'CNY' },
        }
      : { amount: { total: Number(row.amount_fen), currency: 'CNY' } }),
  };
}

export function presentRefund(row: repo.RefundRow, trade: repo.TransactionRow) {
  const amount = Number(row.amount_fen);
  const total = Number(trade.amount_fen);
  return {
    refund_id: row.refund_id,
    out_refund_no: row.out_refund_no,
    transaction_id: trade.transaction_id,
    out_trade_no: trade.out_trade_no,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    ...(row.success_time ? { success_time: rfc3339(row.success_time) } : {}),
    create_time: rfc3339(row.created_at),
    status: row.status,
    funds_account: 'AVAILABLE',
    amount: {
      total,
      refund: amount,
      from: [],
      payer_total: total,
      payer_refund: amount,
      settlement_refund: amount,
      settlement_total: total,
      discount_refund: 0,
      currency: 'CNY',
      refund_fee: 0,
    },
    promotion_detail: [],
  };
}

function presentBatch(row: repo.TransferRow) {
  const done = row.batch_status === 'FINISHED';
  const ok = row.detail_status === 'SUCCESS';
  return {
    mchid: row.mchid,
    out_batch_no: row.out_batch_no,
    batch_id: row.batch_id,
    appid: row.appid,
    batch_status: row.batch_status,
    batch_type: 'API',
    batch_name: row.batch_name,
    batch_remark: row.batch_name,
    total_amount: Number(row.amount_fen),
    total_num: 1,
    success_amount: done && ok ? Number(row.amount_fen) : 0,
    success_num: done && ok ? 1 : 0,
    fail_amount: done && !ok ? Number(row.amount_fen) : 0,
    fail_num: done && !ok ? 1 : 0,
    create_time: rfc3339(row.created_at),
    update_time: rfc3339(row.finished_at ?? row.created_at),
  };
}

function presentDetail(row: repo.TransferRow) {
  return {
    mchid: row.mchid,
    out_batch_no: row.out_batch_no,
    batch_id: row.batch_id,
    appid: row.appid,
    out_detail_no: row.out_detail_no,
    detail_id: row.detail_id,
    detail_status: row.detail_status,
    transfer_amount: Number(row.amount_fen),
    transfer_remark: row.batch_name,
    ...(row.fail_reason ? { fail_reason: row.fail_reason } : {}),
    openid: row.openid,
    initiate_time: rfc3339(row.created_at),
    update_time: rfc3339(row.finished_at ?? row.created_at),
  };
}

/** The `/v3/...` API and the cashier pages, mounted under `/sandbox/wechatpay`. */
export function wechatPayRoutes(deps: ApiDeps): FastifyPluginAsync {
  const { db, clock, keys } = deps;
  return async (scope) => {
    // The signature covers the body's exact bytes: keep the text, parse it here.
    if (scope.hasContentTypeParser('application/json')) scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
      let json: unknown;
      try {
        json = JSON.parse(body as string);
      } catch {
        json = undefined;
      }
      done(null, { raw: body as string, json } satisfies RawBody);
    });
    if (scope.hasContentTypeParser('application/x-www-form-urlencoded')) scope.removeContentTypeParser('application/x-www-form-urlencoded');
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4 * 1024 }, (_req, _body, done) =>
      done(null, {}),
    );

    /** Every API answer is signed with the platform key, errors included. */
    async function send(reply: FastifyReply, status: number, payload: unknown) {
      const body = payload === undefined ? '' : JSON.stringify(payload);
      const platform = await keys.platform();
      const ts = String(Math.floor(Date.now() / 1000)); // transport time, not business time
      const n = nonce();
      reply
        .code(status)
        .header('request-id', crypto.randomUUID())
        .header('wechatpay-nonce', n)
        .header('wechatpay-timestamp', ts)
        .header('wechatpay-serial', platform.keyId)
        .header('wechatpay-signature-type', 'WECHATPAY2-SHA256-RSA2048')
        .header('wechatpay-signature', sign(responseMessage(ts, n, body), platform.privateKey))
        .header('cache-control', 'no-store');
      if (body === '') return reply.send();
      return reply.type('application/json; charset=utf-8').send(body);
    }

    scope.setErrorHandler(async (err: Error & { statusCode?: number }, _request, reply) => {
      if (err instanceof WxError) return send(reply, err.status, { code: err.code, message: err.message });
      const status = err.statusCode ?? 500;
      if (status >= 400 && status < 500) return send(reply, status, { code: 'INVALID_REQUEST', message: '请求无效' });
      deps.logger.error({ err }, 'wechatpay sandbox request failed');
      return send(reply, 500, { code: 'SYSTEM_ERROR', message: '系统错误' });
    });

    /** Authenticates the merchant: a fresh timestamp, its registered certificate serial, a valid signature. */
    async function merchantOf(request: FastifyRequest): Promise<{ merchant: repo.MerchantRow; body: unknown }> {
      const auth = parseAuthorization(request.headers.authorization);
      if (!auth) throw new WxError(401, 'SIGN_ERROR', 'Authorization 头缺失或格式错误');
      const merchant = await repo.findMerchant(db, auth.mchid!);
      if (!merchant) throw new WxError(401, 'SIGN_ERROR', '商户号不存在或未开通 APIv3');
      if (auth.serial_no !== merchant.serial_no) throw new WxError(401, 'SIGN_ERROR', '商户证书序列号不正确');
      const ts = Number(auth.timestamp);
      if (!Number.isInteger(ts) || Math.abs(Date.now() / 1000 - ts) > MAX_CLOCK_SKEW_SECONDS) {
        throw new WxError(401, 'SIGN_ERROR', '请求时间戳已过期');
      }
      const raw = (request.body as RawBody | undefined)?.raw ?? '';
      const message = requestMessage(request.method, request.url, auth.timestamp!, auth.nonce_str!, raw);
      if (!verify(message, auth.signature!, merchant.public_key)) throw new WxError(401, 'SIGN_ERROR', '签名错误');
      const body = (request.body as RawBody | undefined)?.json;
      if (raw !== '' && body === undefined) throw new WxError(400, 'PARAM_ERROR', '请求体不是合法的 JSON');
      return { merchant, body };
    }

    const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}${scope.prefix}`;
    const cashierUrl = (request: FastifyRequest, token: string) => `${origin(request)}/cashier/${token}`;

    async function createTransaction(request: FastifyRequest, reply: FastifyReply, type: 'NATIVE' | 'H5' | 'JSAPI') {
      const { merchant, body } = await merchantOf(request);
      const input: z.infer<typeof nativeSchema> & { payer?: { openid: string } } = parse(
        type === 'NATIVE' ? nativeSchema : type === 'H5' ? h5Schema : jsapiSchema,
        body,
      );
      if (input.mchid !== merchant.mchid) throw new WxError(400, 'MCH_NOT_EXISTS', '商户号与签名商户不一致');
      const row = await repo.insertTransaction(db, {
        transaction_id: `4200${digits(24)}`,
        mchid: merchant.mchid,
        appid: input.appid,
        out_trade_no: input.out_trade_no,
        trade_type: type,
        description: input.description,
        amount_fen: BigInt(input.amount.total),
        trade_state: 'NOTPAY',
        notify_url: input.notify_url,
        // JSAPI's prepay_id doubles as the cashier token (`wx…`); the others get a plain one.
        cashier_token: `${type === 'JSAPI' ? 'wx' : ''}${crypto.randomBytes(12).toString('hex')}`,
        payer_openid: input.payer?.openid ?? null,
        created_at: clock.now(),
        success_time: null,
      });
      if (row.amount_fen !== BigInt(input.amount.total) || row.appid !== input.appid || row.trade_type !== type) {
        throw new WxError(400, 'INVALID_REQUEST', '订单号重复，且与原订单参数不一致');
      }
      if (row.trade_state === 'SUCCESS' || row.trade_state === 'REFUND') throw new WxError(400, 'ORDERPAID', '该订单已支付');
      if (row.trade_state === 'CLOSED') throw new WxError(400, 'ORDER_CLOSED', '该订单已关闭');
      if (type === 'JSAPI') return send(reply, 200, { prepay_id: row.cashier_token });
      return type === 'NATIVE'
        ? send(reply, 200, { code_url: `weixin://wxpay/bizpayurl?pr=${row.cashier_token}` })
        : send(reply, 200, { h5_url: cashierUrl(request, row.cashier_token) });
    }

    const hidden = { schema: { hide: true }, config: { rateLimit: false } } as const;
    /** H5's `redirect_url`: where the payer goes back to after paying (http(s) only). */
    const redirectTarget = (request: FastifyRequest): string | null => {
      const v = (request.query as Record<string, unknown>).redirect_url;
      if (typeof v !== 'string' || v.length > 512) return null;
      try {
        const u = new URL(v);
        return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
      } catch {
        return null;
      }
    };

    scope.post('/v3/pay/transactions/native', hidden, (request, reply) => createTransaction(request, reply, 'NATIVE'));
    scope.post('/v3/pay/transactions/h5', hidden, (request, reply) => createTransaction(request, reply, 'H5'));
    scope.post('/v3/pay/transactions/jsapi', hidden, (request, reply) => createTransaction(request, reply, 'JSAPI'));

    const mchidQuery = (request: FastifyRequest, merchant: repo.MerchantRow) => {
      const mchid = (request.query as Record<string, unknown>).mchid;
      if (mchid !== merchant.mchid) throw new WxError(400, 'PARAM_ERROR', 'mchid 缺失或与签名商户不一致');
    };

    scope.get<{ Params: { outTradeNo: string } }>('/v3/pay/transactions/out-trade-no/:outTradeNo', hidden, async (request, reply) => {
      const { merchant } = await merchantOf(request);
      mchidQuery(request, merchant);
      const row = await repo.findTransaction(db, merchant.mchid, request.params.outTradeNo);
      if (!row) throw new WxError(404, 'ORDER_NOT_EXIST', '订单不存在');
      return send(reply, 200, presentTransaction(row));
    });
    scope.get<{ Params: { id: string } }>('/v3/pay/transactions/id/:id', hidden, async (request, reply) => {
      const { merchant } = await merchantOf(request);
      mchidQuery(request, merchant);
      const row = await repo.findTransactionById(db, merchant.mchid, request.params.id);
      if (!row) throw new WxError(404, 'ORDER_NOT_EXIST', '订单不存在');
      return send(reply, 200, presentTransaction(row));
    });
    scope.post<{ Params: { outTradeNo: string } }>(
      '/v3/pay/transactions/out-trade-no/:outTradeNo/close',
      hidden,
      async (request, reply) => {
        const { merchant, body } = await merchantOf(request);
        const input = parse(closeSchema, body);
        if (input.mchid !== merchant.mchid) throw new WxError(400, 'PARAM_ERROR', 'mchid 与签名商户不一致');
        const row = await repo.findTransaction(db, merchant.mchid, request.params.outTradeNo);
        if (!row) throw new WxError(404, 'ORDER_NOT_EXIST', '订单不存在');
        if (row.trade_state === 'SUCCESS' || row.trade_state === 'REFUND') throw new WxError(400, 'ORDERPAID', '订单已支付，不能关闭');
        await repo.advanceTransaction(db, row.transaction_id, ['NOTPAY', 'PAYERROR'], { trade_state: 'CLOSED' });
        return send(reply, 204, undefined);
      },
    );

    scope.post('/v3/refund/domestic/refunds', hidden, async (request, reply) => {
      const { merchant, body } = await merchantOf(request);
      const input = parse(refundSchema, body);
      const now = clock.now();
      const result = await transact(db, async (trx) => {
        const found = input.out_trade_no
          ? await repo.findTransaction(trx, merchant.mchid, input.out_trade_no)
          : await repo.findTransactionById(trx, merchant.mchid, input.transaction_id!);
        if (!found || (input.transaction_id && found.transaction_id !== input.transaction_id)) {
          throw new WxError(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
        }
        // The trade row lock serialises refunds of one trade: a repeated out_refund_no (even sent twice
        // at once) finds the first refund, and concurrent refunds cannot together exceed the amount.
        const trade = (await repo.findTransaction(trx, merchant.mchid, found.out_trade_no, true))!;
        const existing = await repo.findRefund(trx, merchant.mchid, input.out_refund_no);
        if (existing) {
          if (existing.transaction_id !== trade.transaction_id || existing.amount_fen !== BigInt(input.amount.refund)) {
            throw new WxError(400, 'INVALID_REQUEST', '退款单号重复，且与原退款参数不一致');
          }
          return { refund: existing, trade };
        }
        if (trade.trade_state !== 'SUCCESS' && trade.trade_state !== 'REFUND')
          throw new WxError(400, 'INVALID_REQUEST', '订单未支付，不能退款');
        if (BigInt(input.amount.total) !== trade.amount_fen) throw new WxError(400, 'INVALID_REQUEST', '订单金额与原订单不一致');
        const refunded = await repo.refundedTotal(trx, trade.transaction_id);
        if (refunded + BigInt(input.amount.refund) > trade.amount_fen) throw new WxError(403, 'NOT_ENOUGH', '申请退款金额超过订单可退金额');
        const refund: repo.RefundRow = {
          refund_id: `50${digits(28)}`,
          mchid: merchant.mchid,
          out_refund_no: input.out_refund_no,
          transaction_id: trade.transaction_id,
          amount_fen: BigInt(input.amount.refund),
          status: 'PROCESSING',
          reason: input.reason ?? null,
          notify_url: input.notify_url ?? null,
          created_at: now,
          process_at: new Date(now.getTime() + deps.settleAfterMs),
          success_time: null,
        };
        await repo.insertRefund(trx, refund);
        await repo.advanceTransaction(trx, trade.transaction_id, ['SUCCESS'], { trade_state: 'REFUND' });
        return { refund, trade };
      });
      return send(reply, 200, presentRefund(result.refund, result.trade));
    });
    scope.get<{ Params: { outRefundNo: string } }>('/v3/refund/domestic/refunds/:outRefundNo', hidden, async (request, reply) => {
      const { merchant } = await merchantOf(request);
      const refund = await repo.findRefund(db, merchant.mchid, request.params.outRefundNo);
      const trade = refund && (await repo.findTransactionById(db, merchant.mchid, refund.transaction_id));
      if (!refund || !trade) throw new WxError(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
      return send(reply, 200, presentRefund(refund, trade));
    });

    scope.post('/v3/transfer/batches', hidden, async (request, reply) => {
      const { merchant, body } = await merchantOf(request);
      const input = parse(batchSchema, body);
      const detail = input.transfer_detail_list[0]!;
      if (detail.transfer_amount !== input.total_amount) throw new WxError(400, 'PARAM_ERROR', '转账总金额与明细金额之和不一致');
      const now = clock.now();
      const row = await repo.insertTransfer(db, {
        batch_id: `1030000${digits(22)}`,
        mchid: merchant.mchid,
        appid: input.appid,
        out_batch_no: input.out_batch_no,
        batch_name: input.batch_name,
        detail_id: `1040000${digits(22)}`,
        out_detail_no: detail.out_detail_no,
        openid: detail.openid,
        amount_fen: BigInt(detail.transfer_amount),
        batch_status: 'ACCEPTED',
        detail_status: 'PROCESSING',
        fail_reason: null,
        notify_url: input.notify_url ?? null,
        created_at: now,
        process_at: new Date(now.getTime() + deps.settleAfterMs),
        finished_at: null,
      });
      if (row.amount_fen !== BigInt(detail.transfer_amount) || row.out_detail_no !== detail.out_detail_no) {
        throw new WxError(400, 'INVALID_REQUEST', '商家批次单号重复，且与原批次参数不一致');
      }
      return send(reply, 200, {
        out_batch_no: row.out_batch_no,
        batch_id: row.batch_id,
        create_time: rfc3339(row.created_at),
        batch_status: row.batch_status,
      });
    });
    scope.get<{ Params: { outBatchNo: string } }>('/v3/transfer/batches/out-batch-no/:outBatchNo', hidden, async (request, reply) => {
      const { merchant } = await merchantOf(request);
      const row = await repo.findTransfer(db, merchant.mchid, request.params.outBatchNo);
      if (!row) throw new WxError(404, 'NOT_FOUND', '记录不存在');
      const q = request.query as Record<string, unknown>;
      return send(reply, 200, {
        transfer_batch: presentBatch(row),
        ...(q.need_query_detail === 'true'
          ? { transfer_detail_list: [{ detail_id: row.detail_id, out_detail_no: row.out_detail_no, detail_status: row.detail_status }] }
          : {}),
      });
    });
    scope.get<{ Params: { outBatchNo: string; outDetailNo: string } }>(
      '/v3/transfer/batches/out-batch-no/:outBatchNo/details/out-detail-no/:outDetailNo',
      hidden,
      async (request, reply) => {
        const { merchant } = await merchantOf(request);
        const row = await repo.findTransfer(db, merchant.mchid, request.params.outBatchNo);
        if (!row || row.out_detail_no !== request.params.outDetailNo) throw new WxError(404, 'NOT_FOUND', '记录不存在');
        return send(reply, 200, presentDetail(row));
      },
    );

    scope.get('/v3/bill/tradebill', hidden, async (request, reply) => {
      const { merchant } = await merchantOf(request);
      const q = request.query as Record<string, unknown>;
      const day = typeof q.bill_date === 'string' ? q.bill_date : '';
      const type = q.bill_type === undefined ? 'ALL' : q.bill_type;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00+08:00`))) {
        throw new WxError(400, 'PARAM_ERROR', 'bill_date 格式应为 yyyy-MM-DD');
      }
      if (type !== 'ALL' && type !== 'SUCCESS' && type !== 'REFUND') throw new WxError(400, 'PARAM_ERROR', 'bill_type 取值错误');
      if (day >= shanghaiDay(clock.now())) throw new WxError(400, 'NO_STATEMENT_EXIST', '账单尚未生成');
      const text = await billText(db, merchant, day, type);
      const token = billToken(merchant, day, type);
      return send(reply, 200, {
        hash_type: 'SHA1',
        hash_value: crypto.createHash('sha1').update(text).digest('hex'),
        download_url: `${origin(request)}/v3/billdownload/file?token=${token}`,
      });
    });
    scope.get('/v3/bill/fundflowbill', hidden, async (request, reply) => {
      const { merchant } = await merchantOf(request);
      const q = request.query as Record<string, unknown>;
      const day = typeof q.bill_date === 'string' ? q.bill_date : '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00+08:00`))) {
        throw new WxError(400, 'PARAM_ERROR', 'bill_date 格式应为 yyyy-MM-DD');
      }
      const account = q.account_type === undefined ? 'BASIC' : q.account_type;
      if (account !== 'BASIC' && account !== 'OPERATION' && account !== 'FEES')
        throw new WxError(400, 'PARAM_ERROR', 'account_type 取值错误');
      if (account !== 'OPERATION') throw new WxError(400, 'NO_STATEMENT_EXIST', '该账户当日无资金流水');
      if (day >= shanghaiDay(clock.now())) throw new WxError(400, 'NO_STATEMENT_EXIST', '账单尚未生成');
      const text = await billText(db, merchant, day, 'FUNDFLOW_OPERATION');
      return send(reply, 200, {
        hash_type: 'SHA1',
        hash_value: crypto.createHash('sha1').update(text).digest('hex'),
        download_url: `${origin(request)}/v3/billdownload/file?token=${billToken(merchant, day, 'FUNDFLOW_OPERATION')}`,
      });
    });
    scope.get('/v3/billdownload/file', hidden, async (request, reply) => {
      const { merchant } = await merchantOf(request);
      const token = (request.query as Record<string, unknown>).token;
      const parsed = typeof token === 'string' ? readBillToken(merchant, token) : null;
      if (!parsed) throw new WxError(400, 'PARAM_ERROR', 'token 无效');
      const text = await billText(db, merchant, parsed.day, parsed.type);
      // The file itself is not signed (its SHA1 came signed with the download_url), as on WeChat Pay.
      return reply.code(200).header('cache-control', 'no-store').type('application/octet-stream').send(text);
    });

    // ── the cashier: what "scanning" code_url or opening h5_url shows a payer ─────────────────────
    const pagePolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    const html = (reply: FastifyReply, status: number, body: string) =>
      reply
        .code(status)
        .header('content-security-policy', pagePolicy)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(body);

    // What WeixinJSBridge's getBrandWCPayRequest does inside WeChat: check the merchant's paySign
    // over `appId\ntimeStamp\nonceStr\npackage\n`, then show the payment to the payer.
    scope.get('/jsapi', hidden, async (request, reply) => {
      const q = request.query as Record<string, unknown>;
      const str = (k: string) => (typeof q[k] === 'string' ? q[k] : '');
      const prepayId = /^prepay_id=(wx[0-9a-f]{24})$/.exec(str('package'))?.[1];
      const row = prepayId ? await repo.findTransactionByToken(db, prepayId) : undefined;
      const merchant = row && (await repo.findMerchant(db, row.mchid));
      const ts = Number(str('timeStamp'));
      const fresh = Number.isInteger(ts) && Math.abs(Date.now() / 1000 - ts) <= MAX_CLOCK_SKEW_SECONDS;
      const message = `${str('appId')}\n${str('timeStamp')}\n${str('nonceStr')}\n${str('package')}\n`;
      if (
        !row ||
        !merchant ||
        row.trade_type !== 'JSAPI' ||
        str('appId') !== row.appid ||
        str('signType') !== 'RSA' ||
        !fresh ||
        !verify(message, str('paySign'), merchant.public_key)
      ) {
        return html(reply, 400, resultPage('支付验证签名失败', '调起支付的参数或签名不正确。'));
      }
      return html(reply, 200, await cashierPage(row, `${scope.prefix}/cashier/${row.cashier_token}`));
    });
    scope.get<{ Params: { token: string } }>('/cashier/:token', hidden, async (request, reply) => {
      const row = await repo.findTransactionByToken(db, request.params.token);
      // A JSAPI order is opened inside WeChat with the merchant's paySign (/jsapi), not by a link.
      if (!row || row.trade_type === 'JSAPI') return html(reply, 404, resultPage('订单不存在', '这个支付链接无效。'));
      const back = redirectTarget(request);
      const action = `${scope.prefix}/cashier/${row.cashier_token}`;
      return html(reply, 200, await cashierPage(row, action, back ? `?redirect_url=${encodeURIComponent(back)}` : ''));
    });
    for (const outcome of ['pay', 'fail'] as const) {
      scope.post<{ Params: { token: string } }>(`/cashier/:token/${outcome}`, hidden, async (request, reply) => {
        const row = await repo.findTransactionByToken(db, request.params.token);
        if (!row) return html(reply, 404, resultPage('订单不存在', '这个支付链接无效。'));
        const after = await settleTransaction(db, clock, row, outcome);
        return html(
          reply,
          200,
          after.trade_state === 'SUCCESS' || after.trade_state === 'REFUND'
            ? resultPage('支付成功', `已支付 ¥${(Number(after.amount_fen) / 100).toFixed(2)}，可以返回商户页面。`, redirectTarget(request))
            : resultPage('支付未完成', '订单未支付。', redirectTarget(request)),
        );
      });
    }
  };
}

export { queueRefundNotification, queueTransactionNotification };
