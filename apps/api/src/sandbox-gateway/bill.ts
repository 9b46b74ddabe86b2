import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/connect.js';
import { fenToYuan } from '../platform/money.js';
import { gatewayTime, newSerial, shanghaiDayRange } from './format.js';
import * as repo from './repo.js';

export const BILL_HEADER = 'trade_no,out_trade_no,type,amount,status,finished_at';

/** RFC 4180 quoting for the one free-text column a merchant controls (out_trade_no). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The merchant's statement for one Asia/Shanghai day: successful payments and payouts by the day of
 * their completion, as reconciliation would download it. Null for a bill_date that is not a date.
 */
export async function billCsv(db: Db, appId: string, billDate: string): Promise<string | null> {
  const range = shanghaiDayRange(billDate);
  if (!range) return null;
  const rows = await repo.billRows(db, appId, range.from, range.to);
  const lines = rows.map((r) =>
    [r.trade_no, r.out_trade_no, r.type, fenToYuan(r.amount_fen), r.status, gatewayTime(r.finished_at)].map(csvField).join(','),
  );
  return [BILL_HEADER, ...lines].join('\n');
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
