import { AlipaySdk, type AlipaySdkConfig } from 'alipay-sdk';
import { fenToYuan, yuanToFen } from '../money.js';
import { billCsvFiles, parseAccountBill, parseTradeBill } from './alipay-bill.js';
import type { BillLine, GatewayEvent, GatewayStatus, PaymentGateway, RefundStatus } from './gateway.js';
import { GatewayUnavailableError } from './gateway.js';

/**
 * Quanzi's Alipay adapter, on the official `alipay-sdk` (RSA2): the SDK signs every request,
 * `validateSign` checks every answer, `checkNotifySignV2` every notification, and `pageExecute`
 * builds the buyer's redirect to the cashier — no hand-written RSA2 on Quanzi's side of the wire.
 * Public-key mode (alipayPublicKey) or certificate mode (appCertContent, alipayPublicCertContent,
 * alipayRootCertContent) as the SDK supports them; the gateway URL decides real Alipay or the sandbox.
 */

export interface AlipayCredentials {
  appId: string;
  /** PKCS#8 PEM (or the bare base64 Alipay's key tool prints, with keyType). */
  privateKey: string;
  keyType?: 'PKCS1' | 'PKCS8';
  /** Public-key mode. */
  alipayPublicKey?: string;
  /** Certificate mode: the three certificates' PEM contents. */
  appCertContent?: string;
  alipayPublicCertContent?: string;
  alipayRootCertContent?: string;
}

export interface AlipayGatewayOptions {
  /** e.g. https://openapi.alipay.com/gateway.do, or the sandbox's /sandbox/alipay/gateway.do (read per call). */
  gatewayUrl: () => string;
  credentials: () => Promise<AlipayCredentials>;
  /** wap: 手机网站支付 (alipay.trade.wap.pay, the member app); page: 电脑网站支付. */
  payMethod?: 'wap' | 'page';
  timeoutMs?: number;
  /** Bills are fetched from the URL Alipay answers; injectable for tests. */
  fetch?: typeof fetch;
}

type Reply = Record<string, unknown> & { code?: string; sub_code?: string; sub_msg?: string };
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const amountOf = (v: unknown): bigint | null => (typeof v === 'string' ? yuanToFen(v) : null);
const SYSTEM_ERROR = /^(20000|20001|40000|40003)$/;

export function createAlipayGateway(options: AlipayGatewayOptions): PaymentGateway {
  let cached: { key: string; sdk: AlipaySdk; appId: string } | undefined;
  async function client(): Promise<{ sdk: AlipaySdk; appId: string }> {
    const c = await options.credentials();
    const gateway = options.gatewayUrl();
    const key = `${gateway}\n${c.appId}\n${c.privateKey}\n${c.alipayPublicKey ?? ''}\n${c.alipayPublicCertContent ?? ''}`;
    if (cached?.key !== key) {
      const config: AlipaySdkConfig = {
        appId: c.appId,
        privateKey: c.privateKey,
        keyType: c.keyType ?? 'PKCS8',
        gateway,
        timeout: options.timeoutMs ?? 10_000,
        camelcase: false,
        ...(c.appCertContent
          ? {
              appCertContent: c.appCertContent,
              alipayPublicCertContent: c.alipayPublicCertContent!,
              alipayRootCertContent: c.alipayRootCertContent!,
            }
          : { alipayPublicKey: c.alipayPublicKey! }),
      };
      cached = { key, sdk: new AlipaySdk(config), appId: c.appId };
    }
    return cached;
  }

  /** One OpenAPI call with the answer's signature checked; a system error or a transport failure throws. */
  async function exec(method: string, bizContent: Record<string, unknown>, extra: Record<string, string> = {}): Promise<Reply> {
    const { sdk } = await client();
    let reply: Reply;
    try {
      reply = (await sdk.exec(method, { bizContent, ...extra }, { validateSign: true })) as Reply;
    } catch (err) {
      throw new GatewayUnavailableError(`${method} failed: ${(err as Error).message}`);
    }
    if (SYSTEM_ERROR.test(String(reply.code)) || String(reply.sub_code ?? '').startsWith('isp.')) {
      throw new GatewayUnavailableError(`${method} answered ${String(reply.code)} ${String(reply.sub_code ?? '')}`);
    }
    return reply;
  }
  const okReply = (r: Reply) => r.code === '10000';
  const refused = (method: string, r: Reply) =>
    new GatewayUnavailableError(`${method} refused: ${String(r.sub_code ?? r.code)} ${String(r.sub_msg ?? '')}`);

  async function queryRefund(orderId: string, refundId: string): Promise<RefundStatus> {
    const r = await exec('alipay.trade.fastpay.refund.query', {
      out_trade_no: orderId,
      out_request_no: refundId,
      query_options: ['gmt_refund_pay'],
    });
    // ACQ.TRADE_NOT_EXIST and the like: the provider knows no such refund (yet).
    if (!okReply(r)) return { state: 'unknown', gatewayRef: null, amount: null };
    // Alipay answers 10000 without refund fields for a refund it does not have.
    if (!str(r.refund_amount)) return { state: 'unknown', gatewayRef: str(r.trade_no), amount: null };
    const status = str(r.refund_status);
    return {
      state: status === null || status === 'REFUND_SUCCESS' ? 'succeeded' : 'pending',
      gatewayRef: str(r.trade_no),
      amount: amountOf(r.refund_amount),
    };
  }

  return {
    name: 'alipay',
    async createPayment({ orderId, amount, subject, notifyUrl, returnUrl }) {
      const { sdk } = await client();
      const wap = (options.payMethod ?? 'wap') === 'wap';
      // The buyer's browser carries the signed request to the cashier (a redirect, as the SDK builds it).
      const payUrl = sdk.pageExecute(wap ? 'alipay.trade.wap.pay' : 'alipay.trade.page.pay', 'GET', {
        bizContent: {
          out_trade_no: orderId,
          total_amount: fenToYuan(amount),
          subject,
          product_code: wap ? 'QUICK_WAP_WAY' : 'FAST_INSTANT_TRADE_PAY',
          timeout_express: '120m',
        },
        notifyUrl,
        returnUrl,
      });
      return { gatewayRef: null, payUrl };
    },
    async queryPayment(orderId) {
      const r = await exec('alipay.trade.query', { out_trade_no: orderId });
      if (!okReply(r)) return { state: 'unknown', gatewayRef: null, amount: null };
      const status = str(r.trade_status);
      const state: GatewayStatus['state'] =
        status === 'TRADE_SUCCESS' || status === 'TRADE_FINISHED'
          ? 'succeeded'
          : status === 'TRADE_CLOSED'
            ? 'failed'
            : status === 'WAIT_BUYER_PAY'
              ? 'pending'
              : 'unknown';
      return { state, gatewayRef: str(r.trade_no), amount: amountOf(r.total_amount) };
    },
    async closePayment(orderId) {
      const r = await exec('alipay.trade.close', { out_trade_no: orderId });
      // Not there (never opened) or already closed: nothing to close. Paid: the caller's query sees it.
      if (!okReply(r) && r.sub_code !== 'ACQ.TRADE_NOT_EXIST' && r.sub_code !== 'ACQ.TRADE_HAS_CLOSE') {
        throw refused('alipay.trade.close', r);
      }
    },
    async refund({ orderId, refundId, amount, reason }) {
      const r = await exec('alipay.trade.refund', {
        out_trade_no: orderId,
        refund_amount: fenToYuan(amount),
        out_request_no: refundId,
        refund_reason: reason.slice(0, 256),
      });
      if (!okReply(r))
        return { state: 'failed', gatewayRef: null, amount: null, reason: `${String(r.sub_code)} ${String(r.sub_msg ?? '')}`.trim() };
      // fund_change N: this request was made before (a retry) — the refund query says what it did.
      if (r.fund_change === 'Y') return { state: 'succeeded', gatewayRef: str(r.trade_no), amount };
      return queryRefund(orderId, refundId);
    },
    queryRefund: ({ orderId, refundId }) => queryRefund(orderId, refundId),
    async createPayout({ orderId, amount, cardLast4, payeeNameMasked, notifyUrl }) {
      const r = await exec(
        'alipay.fund.trans.uni.transfer',
        {
          out_biz_no: orderId,
          trans_amount: fenToYuan(amount),
          product_code: 'TRANS_BANKCARD_NO_PWD',
          biz_scene: 'DIRECT_TRANSFER',
          order_title: '圈子钱包提现',
          // Quanzi keeps only the card's mask; the payee is the member's own bound card (同卡进出).
          payee_info: { identity: `************${cardLast4}`, identity_type: 'BANKCARD_ACCOUNT', name: payeeNameMasked || '-' },
        },
        { notifyUrl },
      );
      if (!okReply(r) || !str(r.order_id)) throw refused('alipay.fund.trans.uni.transfer', r);
      return { gatewayRef: str(r.order_id)! };
    },
    async queryPayout(orderId) {
      const r = await exec('alipay.fund.trans.common.query', {
        out_biz_no: orderId,
        product_code: 'TRANS_BANKCARD_NO_PWD',
        biz_scene: 'DIRECT_TRANSFER',
      });
      if (!okReply(r)) return { state: 'unknown', gatewayRef: null, amount: null };
      const status = str(r.status);
      const state: GatewayStatus['state'] =
        status === 'SUCCESS' ? 'succeeded' : status === 'FAIL' || status === 'REFUND' ? 'failed' : status ? 'pending' : 'unknown';
      return { state, gatewayRef: str(r.order_id), amount: amountOf(r.trans_amount) };
    },
    async verifyCallback({ params }) {
      const { sdk, appId } = await client();
      let verified = false;
      try {
        verified = sdk.checkNotifySignV2(params);
      } catch {
        verified = false;
      }
      if (!verified || params.app_id !== appId || !params.notify_id) return null;
      return readNotification(params);
    },
    async downloadBill(day) {
      const lines: BillLine[] = [];
      for (const billType of ['trade', 'signcustomer'] as const) {
        const r = await exec('alipay.data.dataservice.bill.downloadurl.query', { bill_type: billType, bill_date: day });
        if (!okReply(r)) {
          if (r.sub_code === 'isp.bill_not_exist') continue; // nothing happened that day
          throw refused('alipay.data.dataservice.bill.downloadurl.query', r);
        }
        const url = str(r.bill_download_url);
        if (!url) throw new GatewayUnavailableError('bill download answered without a URL');
        let zip: Uint8Array;
        try {
          const res = await (options.fetch ?? fetch)(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
          zip = new Uint8Array(await res.arrayBuffer());
        } catch (err) {
          throw new GatewayUnavailableError(`bill download failed: ${(err as Error).message}`);
        }
        for (const csv of billCsvFiles(zip)) lines.push(...(billType === 'trade' ? parseTradeBill(csv) : parseAccountBill(csv)));
      }
      return lines;
    },
  };
}

/** A verified notification's meaning: a payment, a refund (refund_fee + out_biz_no) or a transfer's change. */
export function readNotification(params: Record<string, string>): GatewayEvent | null {
  const eventId = params.notify_id!;
  if (params.msg_method === 'alipay.fund.trans.order.changed') {
    let biz: Record<string, unknown>;
    try {
      biz = JSON.parse(params.biz_content ?? '') as Record<string, unknown>;
    } catch {
      return null;
    }
    const state = biz.status === 'SUCCESS' ? 'succeeded' : biz.status === 'FAIL' || biz.status === 'REFUND' ? 'failed' : null;
    const orderId = str(biz.out_biz_no);
    const ref = str(biz.order_id);
    if (!state || !orderId || !ref) return null;
    return { eventId, kind: 'payout', orderId, gatewayRef: ref, state, amount: amountOf(biz.trans_amount) };
  }
  if (params.notify_type !== 'trade_status_sync' || !params.out_trade_no || !params.trade_no) return null;
  if (params.refund_fee && params.out_biz_no) {
    // send_back_fee is this refund's amount; without it the wallet's own record of the refund decides.
    return {
      eventId,
      kind: 'refund',
      orderId: params.out_trade_no,
      refundId: params.out_biz_no,
      gatewayRef: params.trade_no,
      state: 'succeeded',
      amount: params.send_back_fee ? yuanToFen(params.send_back_fee) : null,
    };
  }
  const state =
    params.trade_status === 'TRADE_SUCCESS' || params.trade_status === 'TRADE_FINISHED'
      ? 'succeeded'
      : params.trade_status === 'TRADE_CLOSED'
        ? 'failed'
        : null;
  if (!state) return null;
  return {
    eventId,
    kind: 'payment',
    orderId: params.out_trade_no,
    gatewayRef: params.trade_no,
    state,
    amount: params.total_amount === undefined ? null : yuanToFen(params.total_amount),
  };
}
