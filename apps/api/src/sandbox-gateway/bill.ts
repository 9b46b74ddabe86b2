import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/connect.js';
import { fenToYuan } from '../platform/money.js';
import { zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { alipayUserId, gatewayTime, newSerial, sellerId, shanghaiDayRange } from './format.js';
import * as repo from './repo.js';

/** The columns of Alipay's 业务明细 (bill_type=trade) file. */
export const TRADE_BILL_COLUMNS = [
  '支付宝交易号',
  '商户订单号',
  '业务类型',
  '商品名称',
  '创建时间',
  '完成时间',
  '门店编号',
  '门店名称',
  '操作员',
  '终端号',
  '对方账户',
  '订单金额（元）',
  '商家实收（元）',
  '支付宝红包（元）',
  '集分宝（元）',
  '支付宝优惠（元）',
  '商家优惠（元）',
  '券核销金额（元）',
  '券名称',
  '商家红包消费金额（元）',
  '卡消费金额（元）',
  '退款批次号/请求号',
  '服务费（元）',
  '分润（元）',
  '备注',
];
/** The columns of Alipay's 账务明细 (bill_type=signcustomer) file. */
export const ACCOUNT_BILL_COLUMNS = [
  '账务流水号',
  '业务流水号',
  '商户订单号',
  '商品名称',
  '发生时间',
  '对方账号',
  '收入金额（+元）',
  '支出金额（-元）',
  '账户余额（元）',
  '交易渠道',
  '业务类型',
  '备注',
];

export type BillType = 'trade' | 'signcustomer';

/** Alipay's CSV cells: identifiers end in a tab (so spreadsheets keep them as text); quotes per RFC 4180. */
function cell(value: string, asText = false): string {
  const v = asText ? `${value}\t` : value;
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}
const cnDate = (at: Date) => {
  const [d, t] = gatewayTime(at).split(' ');
  const [y, m, day] = d!.split('-');
  return `${y}年${m}月${day}日 ${t}`;
};

/**
 * One merchant's bill for an Asia/Shanghai day, as Alipay's downloadable file: a zip holding a
 * GBK-encoded CSV with Alipay's header lines, the detail rows and the totals footer. Null for a
 * bill_date that is not a date.
 */
export async function billFile(
  db: Db,
  clock: Clock,
  appId: string,
  billType: BillType,
  billDate: string,
): Promise<{ zip: Uint8Array; fileName: string } | null> {
  const range = shanghaiDayRange(billDate);
  if (!range) return null;
  const rows = await repo.billRows(db, appId, range.from, range.to);
  const pid = sellerId(appId);
  const compact = billDate.replaceAll('-', '');
  const lines: string[] = [];
  const title = billType === 'trade' ? '业务明细' : '账务明细';
  lines.push(`#支付宝${title}查询`, `#账号：[${pid}0156]`, `#起始日期：[${cnDate(range.from)}]   终止日期：[${cnDate(range.to)}]`);
  lines.push(`#-----------------------------------------${title}列表----------------------------------------`);
  if (billType === 'trade') {
    lines.push(TRADE_BILL_COLUMNS.join(','));
    let trades = 0;
    let refunds = 0;
    let received = 0n;
    let refunded = 0n;
    for (const r of rows.filter((x) => x.type !== 'payout')) {
      const refund = r.type === 'refund';
      if (refund) {
        refunds++;
        refunded += r.amount_fen;
      } else {
        trades++;
        received += r.amount_fen;
      }
      const yuan = fenToYuan(refund ? -r.amount_fen : r.amount_fen);
      lines.push(
        [
          cell(r.trade_no, true),
          cell(r.out_trade_no, true),
          refund ? '退款' : '交易',
          cell(r.subject),
          gatewayTime(r.created_at),
          gatewayTime(r.finished_at),
          '',
          '',
          '',
          '',
          cell(alipayUserId(`buyer:${r.trade_no}`)),
          yuan,
          yuan,
          '0.00',
          '0.00',
          '0.00',
          '0.00',
          '0.00',
          '',
          '0.00',
          '0.00',
          cell(r.out_request_no ?? '', Boolean(r.out_request_no)),
          '0.00',
          '0.00',
          '',
        ].join(','),
      );
    }
    lines.push('#-----------------------------------------业务明细列表结束------------------------------------');
    lines.push(`#交易合计：${trades}笔，商家实收共：${fenToYuan(received)}元，商家实收退款共：${fenToYuan(refunded)}元`);
    lines.push(`#退款合计：${refunds}笔`);
  } else {
    lines.push(ACCOUNT_BILL_COLUMNS.join(','));
    let income = 0n;
    let outgo = 0n;
    for (const r of rows) {
      const out = r.type !== 'pay';
      if (out) outgo += r.amount_fen;
      else income += r.amount_fen;
      const yuan = fenToYuan(r.amount_fen);
      lines.push(
        [
          cell(`${compact}${r.trade_no.slice(-10)}`, true),
          cell(r.trade_no, true),
          cell(r.out_trade_no, true),
          cell(r.subject),
          gatewayTime(r.finished_at),
          cell(alipayUserId(`buyer:${r.trade_no}`)),
          out ? '' : `+${yuan}`,
          out ? `-${yuan}` : '',
          '',
          '支付宝',
          r.type === 'payout' ? '转账' : r.type === 'refund' ? '交易退款' : '在线支付',
          '',
        ].join(','),
      );
    }
    lines.push('#-----------------------------------------账务明细列表结束------------------------------------');
    lines.push(`#收入合计：${fenToYuan(income)}元`, `#支出合计：${fenToYuan(outgo)}元`);
  }
  lines.push(`#导出时间：[${cnDate(clock.now())}]`);
  const fileName = `${pid}0156_${compact}_${title}.csv`;
  const csv = iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk');
  return { zip: zipSync({ [fileName]: new Uint8Array(csv) }), fileName: `${pid}0156_${compact}.csv.zip` };
}

export interface BillTamper {
  /** The trade (payment trade_no or payout order_id) disappears from its bill. */
  dropFromBill(tradeNo: string): Promise<void>;
  /** A row with no trade behind it appears in every merchant's bill of that day. */
  addExtraToBill(billDate: string, amountFen: bigint): Promise<void>;
  /** The bill shows another amount than the trade itself. */
  changeBillAmount(tradeNo: string, amountFen: bigint): Promise<void>;
}

/**
 * Reconciliation test hooks. They edit only what the bill shows (sandbox_bill_* tables), never the
 * trades, so query results and callbacks keep the truth the bill now contradicts.
 */
export function createBillTamper(db: Db, clock: Clock): BillTamper {
  async function mustExist(tradeNo: string): Promise<void> {
    const [payment, payout] = await Promise.all([repo.findPayment(db, tradeNo), repo.findPayout(db, tradeNo)]);
    if (!payment && !payout) throw new Error(`no sandbox trade or payout ${tradeNo}`);
  }
  return {
    async dropFromBill(tradeNo) {
      await mustExist(tradeNo);
      await repo.upsertBillOverride(db, tradeNo, { dropped: true }, clock.now());
    },
    async changeBillAmount(tradeNo, amountFen) {
      await mustExist(tradeNo);
      await repo.upsertBillOverride(db, tradeNo, { amountFen }, clock.now());
    },
    async addExtraToBill(billDate, amountFen) {
      const range = shanghaiDayRange(billDate);
      if (!range) throw new Error(`not a date: ${billDate}`);
      // Noon of the bill day, so the row falls inside that day whatever the reader's rounding.
      const finishedAt = new Date(range.from.getTime() + 12 * 3600_000);
      const tradeNo = newSerial(finishedAt, 'extra');
      await repo.insertBillExtra(db, {
        trade_no: tradeNo,
        app_id: null,
        out_trade_no: `SANDBOX_EXTRA_${tradeNo.slice(-8)}`,
        amount_fen: amountFen,
        finished_at: finishedAt,
      });
    },
  };
}
