import { fenToYuan, yuanToFen } from '../money.js';
import type { BillLine, GatewayEvent, GatewayStatus, PaymentGateway } from './gateway.js';
import { GatewayUnavailableError } from './gateway.js';
import { signParams, verifyParams, type Params } from './rsa2.js';

export interface SandboxClientOptions {
  /** Where the gateway listens, e.g. http://127.0.0.1:3000/sandbox (read per call: tests listen on a free port). */
  baseUrl: () => string;
  /** Our app id and RSA2 private key, and the gateway's public key (exchanged once, out of band). */
  credentials: () => Promise<{ appId: string; merchantPrivateKey: string; gatewayPublicKey: string }>;
  timeoutMs?: number;
}

interface GatewayReply {
  code: string;
  sub_code?: string;
  [field: string]: unknown;
}

const formatTimestamp = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19);

/**
 * Quanzi's side of the sandbox gateway, written the way an Alipay integration is: every request is
 * form-encoded and signed with the merchant's RSA2 key, every response and callback is verified
 * against the gateway's public key before anything is believed.
 */
export function createSandboxGatewayClient(options: SandboxClientOptions): PaymentGateway {
  async function callGateway(method: string, biz: Record<string, string>, extra: Params = {}): Promise<GatewayReply> {
    const credentials = await options.credentials();
    const params: Params = {
      app_id: credentials.appId,
      method,
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: formatTimestamp(new Date()),
      biz_content: JSON.stringify(biz),
      ...extra,
    };
    params.sign = signParams(params, credentials.merchantPrivateKey);
    let res: Response;
    try {
      res = await fetch(`${options.baseUrl()}/gateway`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new GatewayUnavailableError(`gateway ${method} unreachable: ${(err as Error).message}`);
    }
    if (!res.ok) throw new GatewayUnavailableError(`gateway ${method} answered HTTP ${res.status}`);
    const body = (await res.json()) as { response?: Record<string, unknown>; sign?: string };
    const response = body.response ?? {};
    const asParams = Object.fromEntries(Object.entries(response).map(([k, v]) => [k, String(v)]));
    if (!verifyParams({ ...asParams, sign: body.sign ?? '', sign_type: 'RSA2' }, credentials.gatewayPublicKey)) {
      throw new GatewayUnavailableError(`gateway ${method} response signature invalid`);
    }
    return response as GatewayReply;
  }

  const status = (
    reply: GatewayReply,
    success: string,
    failed: string[],
    pending: string[],
    amountField: string,
    refField: string,
  ): GatewayStatus => {
    if (reply.code !== '10000') return { state: 'unknown', gatewayRef: null, amount: null };
    const raw = String(reply.trade_status ?? reply.status ?? '');
    const state = raw === success ? 'succeeded' : failed.includes(raw) ? 'failed' : pending.includes(raw) ? 'pending' : 'unknown';
    const amount = typeof reply[amountField] === 'string' ? yuanToFen(reply[amountField]) : null;
    return { state, gatewayRef: reply[refField] ? String(reply[refField]) : null, amount };
  };

  return {
    name: 'sandbox',
    async createPayment({ orderId, amount, subject, notifyUrl, returnUrl }) {
      const reply = await callGateway(
        'trade.page.pay',
        { out_trade_no: orderId, total_amount: fenToYuan(amount), subject },
        { notify_url: notifyUrl, return_url: returnUrl },
      );
      if (reply.code !== '10000') throw new GatewayUnavailableError(`trade.page.pay refused: ${reply.sub_code ?? reply.code}`);
      const payUrl = String(reply.pay_url);
      return {
        gatewayRef: String(reply.trade_no),
        payUrl: payUrl.startsWith('/') ? `${new URL(options.baseUrl()).origin}${payUrl}` : payUrl,
      };
    },
    async queryPayment(orderId) {
      const reply = await callGateway('trade.query', { out_trade_no: orderId });
      return status(reply, 'TRADE_SUCCESS', ['TRADE_CLOSED'], ['WAIT_BUYER_PAY'], 'total_amount', 'trade_no');
    },
    async createPayout({ orderId, amount, cardLast4, payeeNameMasked, notifyUrl }) {
      const reply = await callGateway(
        'fund.trans.uni.transfer',
        { out_biz_no: orderId, trans_amount: fenToYuan(amount), payee_card_last4: cardLast4, payee_name_masked: payeeNameMasked },
        { notify_url: notifyUrl },
      );
      if (reply.code !== '10000') throw new GatewayUnavailableError(`fund.trans.uni.transfer refused: ${reply.sub_code ?? reply.code}`);
      return { gatewayRef: String(reply.order_id) };
    },
    async queryPayout(orderId) {
      const reply = await callGateway('fund.trans.common.query', { out_biz_no: orderId });
      return status(reply, 'SUCCESS', ['FAIL'], ['DEALING'], 'trans_amount', 'order_id');
    },
    async verifyCallback(params) {
      const credentials = await options.credentials();
      if (!verifyParams(params, credentials.gatewayPublicKey)) return null;
      if (params.app_id !== credentials.appId || !params.notify_id) return null;
      if (params.notify_type === 'trade_status_sync') {
        const state = params.trade_status === 'TRADE_SUCCESS' ? 'succeeded' : params.trade_status === 'TRADE_CLOSED' ? 'failed' : null;
        if (!state || !params.out_trade_no || !params.trade_no) return null;
        return event(params.notify_id, 'payment', params.out_trade_no, params.trade_no, state, params.total_amount);
      }
      if (params.notify_type === 'fund_trans_status') {
        const state = params.status === 'SUCCESS' ? 'succeeded' : params.status === 'FAIL' ? 'failed' : null;
        if (!state || !params.out_biz_no || !params.order_id) return null;
        return event(params.notify_id, 'payout', params.out_biz_no, params.order_id, state, params.trans_amount);
      }
      return null;
    },
    async downloadBill(day) {
      const reply = await callGateway('data.bill.download', { bill_date: day });
      if (reply.code !== '10000') throw new GatewayUnavailableError(`data.bill.download refused: ${reply.sub_code ?? reply.code}`);
      return parseBill(String(reply.bill ?? ''));
    },
  };
}

function event(
  eventId: string,
  kind: GatewayEvent['kind'],
  orderId: string,
  gatewayRef: string,
  state: GatewayEvent['state'],
  yuan: string | undefined,
): GatewayEvent {
  return { eventId, kind, orderId, gatewayRef, state, amount: yuan === undefined ? null : yuanToFen(yuan) };
}

/** `trade_no,out_trade_no,type,amount,status,finished_at`; a line we cannot read fails the download loudly. */
export function parseBill(csv: string): BillLine[] {
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  if (!header?.startsWith('trade_no,out_trade_no,type,amount')) throw new GatewayUnavailableError('bill has an unexpected header');
  return lines
    .filter((l) => l.trim())
    .map((line) => {
      const [gatewayRef, orderId, type, yuan] = line.split(',');
      const amount = yuan === undefined ? null : yuanToFen(yuan);
      if (!gatewayRef || !orderId || (type !== 'pay' && type !== 'payout') || amount === null) {
        throw new GatewayUnavailableError(`bill line unreadable: ${line}`);
      }
      return { gatewayRef, orderId, kind: type === 'pay' ? 'payment' : 'payout', amount };
    });
}
