import { createHash } from 'node:crypto';
import { Aes, Formatter, Rsa, Wechatpay } from 'wechatpay-axios-plugin';
import { yuanToFen } from '../../money.js';
import type {
  BillLine,
  CallbackInput,
  CreatePaymentInput,
  CreatePayoutInput,
  GatewayEvent,
  GatewayStatus,
  PaymentGateway,
  RefundStatus,
} from '../gateway.js';
import { GatewayUnavailableError } from '../gateway.js';
import type { NonceStore } from './nonces.js';

/**
 * Quanzi's WeChat Pay API v3 adapter, behind the same `PaymentGateway` interface as Alipay. The
 * wire is the maintained `wechatpay-axios-plugin` (MIT): it signs every request
 * (`WECHATPAY2-SHA256-RSA2048`) and verifies every answer's `Wechatpay-Signature` against the
 * platform public key (public-key mode: `Wechatpay-Serial` is `PUB_KEY_ID_…`). Notifications are
 * verified here with the same library's primitives: signature over `timestamp\nnonce\nbody\n`,
 * a timestamp within five minutes, a nonce not used by another notification, and the resource
 * decrypted AEAD_AES_256_GCM under the APIv3 key; anything else is refused and never credited.
 *
 * Order numbers: WeChat allows 6–32 characters `[0-9A-Za-z_-|*]` (batch numbers only letters and
 * digits), so Quanzi's UUIDs travel without their dashes and are restored on the way back.
 *
 * Withdrawals use 商家转账到零钱 as transfer batches (`/v3/transfer/batches`, one detail per batch),
 * which settle without the payee's confirmation; the newer transfer-bills API needs the member to
 * confirm in WeChat and is not used.
 */

export interface WechatPayCredentials {
  mchid: string;
  /** The AppID the payments belong to (公众号 / 移动应用), which the payee's openid is under. */
  appid: string;
  /** The merchant API certificate's serial number and private key (request signatures). */
  serialNo: string;
  privateKey: string;
  /** Public-key mode: the platform public key and its id. */
  platformKeyId: string;
  platformPublicKey: string;
  /** 32-byte APIv3 key (notification resources). */
  apiV3Key: string;
}

export interface WechatPayGatewayOptions {
  /** e.g. `https://api.mch.weixin.qq.com` or `http://127.0.0.1:3000/sandbox/wechatpay` (read per call). */
  baseUrl: () => string;
  credentials: () => Promise<WechatPayCredentials>;
  nonces: NonceStore;
  /** The payee's openid under `appid` for a payout (WeChat transfers go to an openid, not a card). */
  payeeOpenid: (input: CreatePayoutInput) => Promise<string>;
  /** Transport time for signature freshness (the wall clock), not business time. */
  now?: () => Date;
  /** 'h5' (default: a page the member opens) or 'native' (a `weixin://` code_url to show as a QR). */
  mode?: 'h5' | 'native';
  /** H5 needs the payer's IP; the adapter sends this when the wallet does not know it. */
  payerClientIp?: string;
  timeoutMs?: number;
  logger?: { warn(obj: object, msg: string): void };
}

/** A refund notification is a `GatewayEvent` of kind 'refund' (with our refund id). */
export type RefundEvent = GatewayEvent & { kind: 'refund'; refundId: string };

export type WechatPayEvent = GatewayEvent;

export type NotificationRefusal =
  | 'malformed'
  | 'unknown_serial'
  | 'bad_signature'
  | 'expired_timestamp'
  | 'replayed_nonce'
  | 'undecryptable'
  | 'wrong_merchant'
  | 'unsupported_event';

export type NotificationCheck = { ok: true; event: WechatPayEvent } | { ok: false; reason: NotificationRefusal };

/** What the page inside WeChat hands to `WeixinJSBridge.invoke('getBrandWCPayRequest', …)`. */
export interface JsapiPayParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export interface WechatPayGateway extends PaymentGateway {
  /** JSAPI (inside WeChat, the payer's openid known): the prepay and the signed parameters for the bridge. */
  createJsapiPayment(input: CreatePaymentInput & { openid: string }): Promise<{ gatewayRef: string; params: JsapiPayParams }>;
  /** Why the last `verifyCallback` of this input refused it (for the v3 answer's message). */
  rejectionReason(input: CallbackInput): NotificationRefusal | undefined;
  /** Paid 商家转账 of a day, from the operating account's fund flow bill (资金账单). */
  downloadFundFlowPayouts(day: string): Promise<BillLine[]>;
  /** Payments and refunds of a day from the trade bill (its SHA-1 checked). */
  downloadTradeBill(
    day: string,
  ): Promise<{ payments: BillLine[]; refunds: Array<{ refundId: string; orderId: string; gatewayRef: string; amount: bigint }> }>;
  /** Verifies and decrypts a notification, saying why when it is refused. */
  checkNotification(params: Record<string, string>): Promise<NotificationCheck>;
}

/**
 * WeChat Pay answered and said no (a 4xx with a code: `NOT_ENOUGH` for a refund over what is left,
 * `ORDERPAID`, `INVALID_REQUEST` …). Retrying the same request will not help; callers that map
 * gateway errors to their own (a refund over the paid amount → 4xx) read `code`.
 */
export class WechatPayRefusedError extends GatewayUnavailableError {
  constructor(
    what: string,
    readonly status: number,
    readonly code: string,
    readonly detail: string,
  ) {
    super(`wechatpay ${what} refused: ${code} ${detail}`.trim());
  }
}

/** The callback route hands the notification over as flat params: the four headers and the raw body. */
export const NOTIFY_PARAMS = ['wechatpay-timestamp', 'wechatpay-nonce', 'wechatpay-signature', 'wechatpay-serial', 'body'] as const;

const MAX_SKEW_MS = 5 * 60_000;

export const toOutNo = (uuid: string) => uuid.replace(/-/g, '');
export function fromOutNo(no: string): string {
  if (!/^[0-9a-f]{32}$/.test(no)) return no;
  return `${no.slice(0, 8)}-${no.slice(8, 12)}-${no.slice(12, 16)}-${no.slice(16, 20)}-${no.slice(20)}`;
}

const fen = (n: unknown): bigint | null => (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? BigInt(n) : null);

interface Endpoint {
  get(config?: Record<string, unknown>): Promise<{ status: number; data: unknown }>;
  post(data?: unknown, config?: Record<string, unknown>): Promise<{ status: number; data: unknown }>;
}
type Obj = Record<string, unknown>;

interface AxiosLikeError {
  response?: { status: number; data?: { code?: string; message?: string } };
  code?: string;
  message: string;
}

export function createWechatPayGateway(options: WechatPayGatewayOptions): WechatPayGateway {
  const now = options.now ?? (() => new Date());
  const refusals = new WeakMap<CallbackInput, NotificationRefusal>();
  let cached: { key: string; client: unknown } | undefined;

  async function client(): Promise<{ at: (path: string) => Endpoint; creds: WechatPayCredentials }> {
    const creds = await options.credentials();
    const baseURL = `${options.baseUrl().replace(/\/$/, '')}/`;
    const key = `${baseURL}|${creds.mchid}|${creds.serialNo}|${creds.platformKeyId}`;
    if (cached?.key !== key) {
      cached = {
        key,
        client: new Wechatpay({
          mchid: creds.mchid,
          serial: creds.serialNo,
          privateKey: creds.privateKey,
          certs: { [creds.platformKeyId]: creds.platformPublicKey },
          baseURL,
          timeout: options.timeoutMs ?? 10_000,
        }),
      };
    }
    const c = cached.client as Record<string, Endpoint>;
    return { at: (path) => c[path]!, creds };
  }

  /** Runs a call; a business answer (4xx with a code) is returned, anything else is "unavailable". */
  async function call(what: string, run: () => Promise<{ status: number; data: unknown }>): Promise<{ status: number; data: Obj }> {
    try {
      const res = await run();
      return { status: res.status, data: (res.data && typeof res.data === 'object' ? res.data : {}) as Obj };
    } catch (err) {
      const e = err as AxiosLikeError;
      const status = e.response?.status;
      if (status !== undefined && status >= 400 && status < 500 && e.response?.data?.code) {
        return { status, data: e.response.data as Obj };
      }
      throw new GatewayUnavailableError(`wechatpay ${what} failed: ${e.code ?? ''} ${e.message}`.trim());
    }
  }
  const notFound = (r: { status: number; data: Obj }) =>
    r.status === 404 || ['ORDER_NOT_EXIST', 'RESOURCE_NOT_EXISTS', 'NOT_FOUND'].includes(String(r.data.code));
  const refused = (what: string, r: { status: number; data: Obj }) =>
    new WechatPayRefusedError(what, r.status, String(r.data.code), String(r.data.message ?? ''));

  function paymentStatus(data: Obj): GatewayStatus {
    const state = String(data.trade_state);
    const amount = fen((data.amount as Obj | undefined)?.total);
    const gatewayRef = data.transaction_id ? String(data.transaction_id) : null;
    if (state === 'SUCCESS' || state === 'REFUND') return { state: 'succeeded', gatewayRef, amount };
    if (state === 'CLOSED' || state === 'REVOKED' || state === 'PAYERROR') return { state: 'failed', gatewayRef, amount };
    if (state === 'NOTPAY' || state === 'USERPAYING') return { state: 'pending', gatewayRef, amount };
    return { state: 'unknown', gatewayRef, amount };
  }

  function payoutStatus(batch: Obj, detail: Obj | undefined): GatewayStatus {
    const status = String(batch.batch_status);
    const amount = fen(batch.total_amount);
    const gatewayRef = batch.batch_id ? String(batch.batch_id) : null;
    if (status === 'CLOSED') return { state: 'failed', gatewayRef, amount };
    if (status === 'FINISHED') {
      const ok = detail ? detail.detail_status === 'SUCCESS' : Number(batch.success_num) === 1;
      return { state: ok ? 'succeeded' : 'failed', gatewayRef, amount: ok ? fen(batch.success_amount) : amount };
    }
    return { state: 'pending', gatewayRef, amount };
  }

  function refundState(status: unknown): GatewayStatus['state'] {
    if (status === 'SUCCESS') return 'succeeded';
    if (status === 'ABNORMAL' || status === 'CLOSED') return 'failed';
    if (status === 'PROCESSING') return 'pending';
    return 'unknown';
  }

  async function checkNotification(params: Record<string, string>): Promise<NotificationCheck> {
    const [ts, nonce, signature, serial, body] = NOTIFY_PARAMS.map((k) => params[k]);
    if (!ts || !nonce || !signature || !serial || body === undefined || !/^\d{1,12}$/.test(ts)) return { ok: false, reason: 'malformed' };
    const creds = await options.credentials();
    if (serial !== creds.platformKeyId) return { ok: false, reason: 'unknown_serial' };
    let verified = false;
    try {
      verified = Rsa.verify(Formatter.response(ts, nonce, body), signature, creds.platformPublicKey);
    } catch {
      verified = false;
    }
    if (!verified) return { ok: false, reason: 'bad_signature' };
    const at = now();
    if (Math.abs(at.getTime() - Number(ts) * 1000) > MAX_SKEW_MS) return { ok: false, reason: 'expired_timestamp' };
    let envelope: Obj;
    try {
      envelope = JSON.parse(body) as Obj;
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    const id = typeof envelope.id === 'string' ? envelope.id : '';
    const resource = envelope.resource as Obj | undefined;
    if (!id || id.length > 64 || !resource || typeof resource !== 'object') return { ok: false, reason: 'malformed' };
    if (!(await options.nonces.claim(nonce, id, at))) return { ok: false, reason: 'replayed_nonce' };
    let plain: Obj;
    try {
      if (resource.algorithm !== 'AEAD_AES_256_GCM') throw new Error('algorithm');
      plain = JSON.parse(
        Aes.AesGcm.decrypt(String(resource.ciphertext), creds.apiV3Key, String(resource.nonce), String(resource.associated_data ?? '')),
      ) as Obj;
    } catch {
      return { ok: false, reason: 'undecryptable' };
    }
    const mchid = plain.mchid ?? plain.mch_id;
    if (mchid !== creds.mchid) return { ok: false, reason: 'wrong_merchant' };
    const type = String(envelope.event_type);
    if (type === 'TRANSACTION.SUCCESS' && plain.trade_state === 'SUCCESS' && plain.out_trade_no && plain.transaction_id) {
      if (plain.appid !== creds.appid) return { ok: false, reason: 'wrong_merchant' };
      return {
        ok: true,
        event: {
          eventId: id,
          kind: 'payment',
          orderId: fromOutNo(String(plain.out_trade_no)),
          gatewayRef: String(plain.transaction_id),
          state: 'succeeded',
          amount: fen((plain.amount as Obj | undefined)?.total),
        },
      };
    }
    if (type === 'MCHTRANSFER.BATCH.FINISHED' && plain.out_batch_no && plain.batch_id) {
      const s = payoutStatus(plain, undefined);
      if (s.state !== 'succeeded' && s.state !== 'failed') return { ok: false, reason: 'unsupported_event' };
      return {
        ok: true,
        event: {
          eventId: id,
          kind: 'payout',
          orderId: fromOutNo(String(plain.out_batch_no)),
          gatewayRef: String(plain.batch_id),
          state: s.state,
          amount: s.amount,
        },
      };
    }
    if (type.startsWith('REFUND.') && plain.out_refund_no && plain.refund_id && plain.out_trade_no) {
      const state = refundState(plain.refund_status);
      if (state !== 'succeeded' && state !== 'failed') return { ok: false, reason: 'unsupported_event' };
      return {
        ok: true,
        event: {
          eventId: id,
          kind: 'refund' as const,
          orderId: fromOutNo(String(plain.out_trade_no)),
          refundId: fromOutNo(String(plain.out_refund_no)),
          gatewayRef: String(plain.refund_id),
          state,
          amount: fen((plain.amount as Obj | undefined)?.refund),
        },
      };
    }
    return { ok: false, reason: 'unsupported_event' };
  }

  /** A bill: the signed answer names the file and its SHA-1; the file itself is fetched (unsigned) and checked. */
  async function fetchBill(what: string, path: string, params: Record<string, string>): Promise<Buffer> {
    const { at } = await client();
    const meta = await call(what, () => at(path).get({ params }));
    // No statement for the day (nothing happened on that account): an empty bill, not an error.
    if (meta.data.code === 'NO_STATEMENT_EXIST' && path.endsWith('fundflowbill')) return Buffer.alloc(0);
    if (meta.status !== 200) throw refused(what, meta);
    const token = new URL(String(meta.data.download_url)).searchParams.get('token') ?? '';
    let bytes: Buffer;
    try {
      const file = await at('v3/billdownload/file').get({ params: { token }, responseType: 'arraybuffer' });
      bytes = Buffer.from(file.data as ArrayBuffer);
    } catch (err) {
      throw new GatewayUnavailableError(`wechatpay ${what} download failed: ${(err as Error).message}`);
    }
    if (createHash('sha1').update(bytes).digest('hex') !== String(meta.data.hash_value).toLowerCase()) {
      throw new GatewayUnavailableError(`wechatpay ${what} does not match its signed SHA-1`);
    }
    return bytes;
  }

  const gateway: WechatPayGateway = {
    name: 'wechat',

    async createPayment({ orderId, amount, subject, notifyUrl, returnUrl }: CreatePaymentInput) {
      const { at, creds } = await client();
      const native = options.mode === 'native';
      const body = {
        appid: creds.appid,
        mchid: creds.mchid,
        description: subject.slice(0, 127),
        out_trade_no: toOutNo(orderId),
        notify_url: notifyUrl,
        amount: { total: Number(amount), currency: 'CNY' },
        ...(native ? {} : { scene_info: { payer_client_ip: options.payerClientIp ?? '127.0.0.1', h5_info: { type: 'Wap' } } }),
      };
      const path = native ? 'v3/pay/transactions/native' : 'v3/pay/transactions/h5';
      const r = await call('create payment', () => at(path).post(body));
      if (r.status !== 200) throw refused('create payment', r);
      // v3 has no trade id before the payment: the transaction id comes with the notification (or the query).
      if (native) return { gatewayRef: null, payUrl: String(r.data.code_url) };
      const h5 = String(r.data.h5_url);
      return { gatewayRef: null, payUrl: `${h5}${h5.includes('?') ? '&' : '?'}redirect_url=${encodeURIComponent(returnUrl)}` };
    },

    async createJsapiPayment({ orderId, amount, subject, notifyUrl, openid }) {
      const { at, creds } = await client();
      const r = await call('create jsapi payment', () =>
        at('v3/pay/transactions/jsapi').post({
          appid: creds.appid,
          mchid: creds.mchid,
          description: subject.slice(0, 127),
          out_trade_no: toOutNo(orderId),
          notify_url: notifyUrl,
          amount: { total: Number(amount), currency: 'CNY' },
          payer: { openid },
        }),
      );
      if (r.status !== 200) throw refused('create jsapi payment', r);
      const timeStamp = String(Math.floor(now().getTime() / 1000));
      const nonceStr = Formatter.nonce();
      const pkg = `prepay_id=${String(r.data.prepay_id)}`;
      const paySign = Rsa.sign(Formatter.joinedByLineFeed(creds.appid, timeStamp, nonceStr, pkg), creds.privateKey);
      return { gatewayRef: toOutNo(orderId), params: { appId: creds.appid, timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign } };
    },

    async queryPayment(orderId) {
      const { at, creds } = await client();
      const r = await call('query payment', () =>
        at('v3/pay/transactions/out-trade-no/{out_trade_no}').get({ params: { mchid: creds.mchid }, out_trade_no: toOutNo(orderId) }),
      );
      if (notFound(r)) return { state: 'unknown', gatewayRef: null, amount: null };
      if (r.status !== 200) throw refused('query payment', r);
      return paymentStatus(r.data);
    },

    async closePayment(orderId) {
      const { at, creds } = await client();
      const r = await call('close payment', () =>
        at('v3/pay/transactions/out-trade-no/{out_trade_no}/close').post({ mchid: creds.mchid }, { out_trade_no: toOutNo(orderId) }),
      );
      if (r.status !== 204 && r.status !== 200) throw refused('close payment', r);
    },

    async createPayout(input) {
      const { at, creds } = await client();
      const no = toOutNo(input.orderId);
      const openid = await options.payeeOpenid(input);
      const r = await call('create payout', () =>
        at('v3/transfer/batches').post({
          appid: creds.appid,
          out_batch_no: no,
          batch_name: '圈子钱包提现',
          batch_remark: '圈子钱包提现',
          total_amount: Number(input.amount),
          total_num: 1,
          transfer_detail_list: [{ out_detail_no: no, transfer_amount: Number(input.amount), transfer_remark: '圈子钱包提现', openid }],
          notify_url: input.notifyUrl,
        }),
      );
      if (r.status !== 200) throw refused('create payout', r);
      return { gatewayRef: String(r.data.batch_id) };
    },

    async queryPayout(orderId) {
      const { at } = await client();
      const r = await call('query payout', () =>
        at('v3/transfer/batches/out-batch-no/{out_batch_no}').get({
          params: { need_query_detail: true, detail_status: 'ALL' },
          out_batch_no: toOutNo(orderId),
        }),
      );
      if (notFound(r)) return { state: 'unknown', gatewayRef: null, amount: null };
      if (r.status !== 200) throw refused('query payout', r);
      const details = r.data.transfer_detail_list as Obj[] | undefined;
      return payoutStatus((r.data.transfer_batch ?? {}) as Obj, details?.[0]);
    },

    async refund({ orderId, refundId, amount, orderAmount, reason, notifyUrl }): Promise<RefundStatus> {
      const { at } = await client();
      const r = await call('refund', () =>
        at('v3/refund/domestic/refunds').post({
          out_trade_no: toOutNo(orderId),
          out_refund_no: toOutNo(refundId),
          reason: reason.slice(0, 80),
          notify_url: notifyUrl,
          amount: { refund: Number(amount), total: Number(orderAmount), currency: 'CNY' },
        }),
      );
      // A definite no (NOT_ENOUGH: more than is left; an unknown or unpaid order …) is a failed refund, with WeChat's reason.
      if (r.status !== 200)
        return { state: 'failed', gatewayRef: null, amount: null, reason: `${String(r.data.code)} ${String(r.data.message ?? '')}`.trim() };
      return {
        state: refundState(r.data.status),
        gatewayRef: String(r.data.refund_id),
        amount: fen((r.data.amount as Obj | undefined)?.refund),
      };
    },

    async queryRefund({ refundId }) {
      const { at } = await client();
      const r = await call('query refund', () =>
        at('v3/refund/domestic/refunds/{out_refund_no}').get({ out_refund_no: toOutNo(refundId) }),
      );
      if (notFound(r)) return { state: 'unknown', gatewayRef: null, amount: null };
      if (r.status !== 200) throw refused('query refund', r);
      return {
        state: refundState(r.data.status),
        gatewayRef: String(r.data.refund_id),
        amount: fen((r.data.amount as Obj | undefined)?.refund),
      };
    },

    /** The wallet's entry: the four `Wechatpay-*` headers and the raw body, verified and decrypted; refunds included. */
    async verifyCallback(input) {
      const header = (name: string) => {
        const v = input.headers[name] ?? input.headers[name.toLowerCase()];
        return typeof v === 'string' ? v : '';
      };
      const params: Record<string, string> = {
        'wechatpay-timestamp': header('wechatpay-timestamp'),
        'wechatpay-nonce': header('wechatpay-nonce'),
        'wechatpay-signature': header('wechatpay-signature'),
        'wechatpay-serial': header('wechatpay-serial'),
        body: input.rawBody,
      };
      const check = await checkNotification(params);
      if (!check.ok) {
        refusals.set(input, check.reason);
        options.logger?.warn({ reason: check.reason }, 'wechatpay notification refused');
        return null;
      }
      return check.event;
    },

    rejectionReason: (input) => refusals.get(input),

    checkNotification,

    async downloadTradeBill(day) {
      return parseTradeBill(await fetchBill('trade bill', 'v3/bill/tradebill', { bill_date: day, bill_type: 'ALL' }));
    },

    async downloadFundFlowPayouts(day) {
      return parseFundFlowPayouts(await fetchBill('fund flow bill', 'v3/bill/fundflowbill', { bill_date: day, account_type: 'OPERATION' }));
    },

    /** What reconciliation matches: the day's payments (trade bill) and payouts (the operating account's fund flow). */
    async downloadBill(day) {
      const [trade, payouts] = await Promise.all([gateway.downloadTradeBill(day), gateway.downloadFundFlowPayouts(day)]);
      const refunds: BillLine[] = trade.refunds.map((r) => ({
        gatewayRef: r.gatewayRef,
        orderId: r.orderId,
        kind: 'refund',
        refundId: r.refundId,
        amount: r.amount,
      }));
      return [...trade.payments, ...refunds, ...payouts];
    },
  };
  return gateway;
}

function billRows(bytes: Buffer, summaryCaption: string): { header: string[]; rows: string[][]; raw: string[] } {
  const text = bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? bytes.subarray(3).toString('utf8') : bytes.toString('utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return { header: [], rows: [], raw: [] };
  const summaryAt = lines.findIndex((l) => l.startsWith(summaryCaption));
  if (summaryAt < 0) throw new GatewayUnavailableError('bill has no summary');
  const raw = lines.slice(1, summaryAt);
  return { header: lines[0]!.split(','), rows: raw.map((l) => l.split(',').map((c) => (c.startsWith('`') ? c.slice(1) : c))), raw };
}

/** The operating account's fund flow: 商家转账 支出 lines are payouts; 业务凭证号 is our detail number. */
export function parseFundFlowPayouts(bytes: Buffer): BillLine[] {
  const { header, rows, raw } = billRows(bytes, '资金流水总笔数');
  if (rows.length === 0) return [];
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new GatewayUnavailableError(`fund flow bill has no column ${name}`);
    return i;
  };
  const [cRef, cName, cDir, cAmount, cVoucher] = ['微信支付业务单号', '业务名称', '收支类型', '收支金额（元）', '业务凭证号'].map(
    col,
  ) as number[];
  const out: BillLine[] = [];
  rows.forEach((cells, i) => {
    if (cells[cName!] !== '商家转账' || cells[cDir!] !== '支出') return;
    const amount = cells[cAmount!] === undefined ? null : yuanToFen(cells[cAmount!]!);
    if (amount === null || !cells[cVoucher!] || !cells[cRef!]) throw new GatewayUnavailableError(`fund flow line unreadable: ${raw[i]}`);
    out.push({ gatewayRef: cells[cRef!]!, orderId: fromOutNo(cells[cVoucher!]!), kind: 'payout', amount });
  });
  return out;
}

/** WeChat Pay's trade bill: BOM, header, backtick-prefixed rows, summary caption and line. Unreadable → throws. */
export function parseTradeBill(bytes: Buffer) {
  const text = bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? bytes.subarray(3).toString('utf8') : bytes.toString('utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0]?.split(',') ?? [];
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new GatewayUnavailableError(`bill has no column ${name}`);
    return i;
  };
  const [cState, cTx, cOut, cPaid, cRefundId, cOutRefund, cRefund] = [
    '交易状态',
    '微信订单号',
    '商户订单号',
    '应结订单金额',
    '微信退款单号',
    '商户退款单号',
    '退款金额',
  ].map(col) as number[];
  const summaryAt = lines.findIndex((l) => l.startsWith('总交易单数'));
  if (summaryAt < 0) throw new GatewayUnavailableError('bill has no summary');
  const payments: BillLine[] = [];
  const refunds: Array<{ refundId: string; orderId: string; gatewayRef: string; amount: bigint }> = [];
  for (const line of lines.slice(1, summaryAt)) {
    const cells = line.split(',').map((c) => (c.startsWith('`') ? c.slice(1) : c));
    const state = cells[cState!];
    const yuan = (v: string | undefined) => {
      const f = v === undefined ? null : yuanToFen(v);
      if (f === null) throw new GatewayUnavailableError(`bill line unreadable: ${line}`);
      return f;
    };
    if (state === 'SUCCESS') {
      payments.push({ gatewayRef: cells[cTx!]!, orderId: fromOutNo(cells[cOut!]!), kind: 'payment', amount: yuan(cells[cPaid!]) });
    } else if (state === 'REFUND') {
      refunds.push({
        refundId: fromOutNo(cells[cOutRefund!]!),
        orderId: fromOutNo(cells[cOut!]!),
        gatewayRef: cells[cRefundId!]!,
        amount: yuan(cells[cRefund!]),
      });
    } else {
      throw new GatewayUnavailableError(`bill line has an unknown state: ${line}`);
    }
  }
  return { payments, refunds };
}
