import crypto from 'node:crypto';
import type { Db } from '../platform/db/connect.js';
import { fenToYuan } from '../platform/money.js';
import { billTime } from './crypto.js';
import * as repo from './repo.js';

/**
 * WeChat Pay's trade bill (交易账单) text: UTF-8 with a BOM, a header line, one line per record
 * with every field prefixed by a backtick, then a summary caption and the summary line, CRLF.
 */
export const BILL_HEADER =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
export const BILL_SUMMARY_HEADER = '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额';

export type BillType = 'ALL' | 'SUCCESS' | 'REFUND' | 'FUNDFLOW_OPERATION';

const line = (cells: string[]) => cells.map((c) => `\`${c}`).join(',');

export const FUNDFLOW_HEADER =
  '记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额（元）,账户结余（元）,资金变更提交申请人,备注,业务凭证号';
export const FUNDFLOW_SUMMARY_HEADER = '资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额';

const withBom = (lines: string[]) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([...lines, ''].join('\r\n'), 'utf8')]);

/**
 * The fund flow bill (资金账单) of the operating account (运营账户), which 商家转账 pays from: one
 * 支出 line per paid transfer, its 业务凭证号 the merchant's detail number.
 */
async function fundFlowText(db: Db, merchant: repo.MerchantRow, from: Date, to: Date): Promise<Buffer> {
  const rows: string[] = [];
  let out = 0n;
  let balance = 0n;
  const transfers = await repo.paidTransfersBetween(db, merchant.mchid, from, to);
  for (const t of transfers) {
    out += t.amount_fen;
    balance -= t.amount_fen;
    rows.push(
      line([
        billTime(t.finished_at!),
        t.batch_id,
        `${t.detail_id.slice(-20)}`,
        '商家转账',
        '商家转账',
        '支出',
        fenToYuan(t.amount_fen),
        fenToYuan(balance < 0n ? 0n : balance),
        'API',
        t.batch_name,
        t.out_detail_no,
      ]),
    );
  }
  const summary = line([String(transfers.length), '0', '0.00', String(transfers.length), fenToYuan(out)]);
  return withBom([FUNDFLOW_HEADER, ...rows, FUNDFLOW_SUMMARY_HEADER, summary]);
}

export async function billText(db: Db, merchant: repo.MerchantRow, day: string, type: BillType): Promise<Buffer> {
  if (type === 'FUNDFLOW_OPERATION') {
    const start = new Date(`${day}T00:00:00+08:00`);
    return fundFlowText(db, merchant, start, new Date(start.getTime() + 24 * 3600_000));
  }
  const from = new Date(`${day}T00:00:00+08:00`);
  const to = new Date(from.getTime() + 24 * 3600_000);
  const rows: string[] = [];
  let paidTotal = 0n;
  let refundTotal = 0n;
  let count = 0;
  if (type !== 'REFUND') {
    for (const t of await repo.successfulTransactionsBetween(db, merchant.mchid, from, to)) {
      const yuan = fenToYuan(t.amount_fen);
      paidTotal += t.amount_fen;
      count += 1;
      rows.push(
        line([
          billTime(t.success_time!),
          t.appid,
          t.mchid,
          '0',
          '',
          t.transaction_id,
          t.out_trade_no,
          t.payer_openid ?? '',
          t.trade_type,
          'SUCCESS',
          'OTHERS',
          'CNY',
          yuan,
          '0.00',
          '0',
          '0',
          '0.00',
          '0.00',
          '',
          '',
          t.description,
          '',
          '0.00000',
          '0.00%',
          yuan,
          '0.00',
          '',
        ]),
      );
    }
  }
  if (type !== 'SUCCESS') {
    for (const r of await repo.successfulRefundsBetween(db, merchant.mchid, from, to)) {
      const t = (await repo.findTransactionById(db, merchant.mchid, r.transaction_id))!;
      refundTotal += r.amount_fen;
      count += 1;
      rows.push(
        line([
          billTime(r.success_time!),
          t.appid,
          t.mchid,
          '0',
          '',
          t.transaction_id,
          t.out_trade_no,
          t.payer_openid ?? '',
          t.trade_type,
          'REFUND',
          'OTHERS',
          'CNY',
          '0.00',
          '0.00',
          r.refund_id,
          r.out_refund_no,
          fenToYuan(r.amount_fen),
          '0.00',
          'ORIGINAL',
          'SUCCESS',
          t.description,
          '',
          '0.00000',
          '0.00%',
          fenToYuan(t.amount_fen),
          fenToYuan(r.amount_fen),
          '',
        ]),
      );
    }
  }
  const summary = line([
    String(count),
    fenToYuan(paidTotal),
    fenToYuan(refundTotal),
    '0.00',
    '0.00000',
    fenToYuan(paidTotal),
    fenToYuan(refundTotal),
  ]);
  const text = [BILL_HEADER, ...rows, BILL_SUMMARY_HEADER, summary, ''].join('\r\n');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

const mac = (merchant: repo.MerchantRow, payload: string) =>
  crypto.createHmac('sha256', merchant.api_v3_key).update(payload).digest('base64url').slice(0, 22);

/** The download_url's token: which bill, bound to the merchant (another merchant's token is refused). */
export function billToken(merchant: repo.MerchantRow, day: string, type: BillType): string {
  const payload = Buffer.from(`${merchant.mchid}|${day}|${type}`).toString('base64url');
  return `${payload}.${mac(merchant, payload)}`;
}

export function readBillToken(merchant: repo.MerchantRow, token: string): { day: string; type: BillType } | null {
  const [payload, tag] = token.split('.');
  if (!payload || !tag || tag !== mac(merchant, payload)) return null;
  const [mchid, day, type] = Buffer.from(payload, 'base64url').toString().split('|');
  if (mchid !== merchant.mchid || !day || !['ALL', 'SUCCESS', 'REFUND', 'FUNDFLOW_OPERATION'].includes(type ?? '')) return null;
  return { day, type: type as BillType };
}
