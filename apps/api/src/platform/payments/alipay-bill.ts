import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { yuanToFen } from '../money.js';
import type { BillLine } from './gateway.js';
import { GatewayUnavailableError } from './gateway.js';

/**
 * Alipay's downloadable bills: a zip of GBK-encoded CSV files — `…_业务明细.csv` (bill_type=trade:
 * payments 交易 and refunds 退款) or `…_账务明细.csv` (bill_type=signcustomer: account movements,
 * transfers 转账 among them), each with `#` header and footer lines around a column-header row and the
 * detail rows (identifiers end in a tab). Columns are found by name, so added columns do not break
 * reading; a file or row we cannot read fails the download loudly rather than reconciling half a bill.
 */

/** RFC 4180 fields of one line. */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((f) => f.replace(/\t+$/, '').trim());
}

/** The CSV texts inside a bill zip, decoded from GBK (the summary file 汇总 is left out). */
export function billCsvFiles(zip: Uint8Array): string[] {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (err) {
    throw new GatewayUnavailableError(`bill is not a readable zip: ${(err as Error).message}`);
  }
  return Object.entries(entries)
    .filter(([name]) => name.endsWith('.csv') && !name.includes('汇总'))
    .map(([, bytes]) => iconv.decode(Buffer.from(bytes), 'gbk'));
}

function table(csv: string, firstColumn: string): { header: string[]; rows: string[][] } {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#'));
  const headerAt = lines.findIndex((l) => l.startsWith(firstColumn));
  if (headerAt < 0) throw new GatewayUnavailableError(`bill has no ${firstColumn} header`);
  return { header: csvFields(lines[headerAt]!), rows: lines.slice(headerAt + 1).map(csvFields) };
}

function column(header: string[], name: string): number {
  const i = header.findIndex((h) => h.startsWith(name));
  if (i < 0) throw new GatewayUnavailableError(`bill has no column ${name}`);
  return i;
}

const fen = (yuan: string | undefined, line: string[]): bigint => {
  const abs = yuanToFen((yuan ?? '').replace(/^[+-]/, ''));
  if (abs === null) throw new GatewayUnavailableError(`bill line unreadable: ${line.join(',')}`);
  return abs;
};

/** 业务明细: 交易 rows are payments, 退款 rows refunds (by 退款批次号/请求号). */
export function parseTradeBill(csv: string): BillLine[] {
  const { header, rows } = table(csv, '支付宝交易号');
  const [tradeNo, outTradeNo, type, amount, refundNo] = ['支付宝交易号', '商户订单号', '业务类型', '订单金额', '退款批次号'].map((n) =>
    column(header, n),
  ) as [number, number, number, number, number];
  return rows.flatMap((r): BillLine[] => {
    if (!r[tradeNo] || !r[outTradeNo]) throw new GatewayUnavailableError(`bill line unreadable: ${r.join(',')}`);
    if (r[type] === '交易') return [{ gatewayRef: r[tradeNo], orderId: r[outTradeNo], kind: 'payment', amount: fen(r[amount], r) }];
    if (r[type] === '退款') {
      return [
        {
          gatewayRef: r[tradeNo],
          orderId: r[outTradeNo],
          kind: 'refund',
          refundId: r[refundNo] || r[outTradeNo],
          amount: fen(r[amount], r),
        },
      ];
    }
    return [];
  });
}

/** 账务明细: 转账 rows are payouts (支出). */
export function parseAccountBill(csv: string): BillLine[] {
  const { header, rows } = table(csv, '账务流水号');
  const [bizNo, outBizNo, outgo, type] = ['业务流水号', '商户订单号', '支出金额', '业务类型'].map((n) => column(header, n)) as [
    number,
    number,
    number,
    number,
  ];
  return rows
    .filter((r) => r[type] === '转账')
    .map((r) => {
      if (!r[bizNo] || !r[outBizNo]) throw new GatewayUnavailableError(`bill line unreadable: ${r.join(',')}`);
      return { gatewayRef: r[bizNo], orderId: r[outBizNo], kind: 'payout' as const, amount: fen(r[outgo], r) };
    });
}
