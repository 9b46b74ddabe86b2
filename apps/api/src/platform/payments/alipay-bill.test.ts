import { zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { billCsvFiles, parseAccountBill, parseTradeBill } from './alipay-bill.js';
import { GatewayUnavailableError } from './gateway.js';

const TRADE_HEADER =
  '支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注';

const tradeBill = (rows: string[]) =>
  [
    '#支付宝业务明细查询',
    '#账号：[20880000000000010156]',
    '#起始日期：[2026年11月24日 00:00:00]   终止日期：[2026年11月25日 00:00:00]',
    '#-----------------------------------------业务明细列表----------------------------------------',
    TRADE_HEADER,
    ...rows,
    '#-----------------------------------------业务明细列表结束------------------------------------',
    '#交易合计：1笔，商家实收共：100.10元，商家实收退款共：0.10元',
    '#导出时间：[2026年11月25日 09:30:00]',
  ].join('\r\n');

const row = (cells: Record<number, string>) => Array.from({ length: 25 }, (_, i) => cells[i] ?? '').join(',');

describe("Alipay's bill files", () => {
  it('reads payments and refunds from the GBK 业务明细 CSV inside the zip, tabs and quotes included', () => {
    const csv = tradeBill([
      row({ 0: '2026112422000000000000000001\t', 1: 'order-1\t', 2: '交易', 3: '"圈子,充值"', 11: '100.10', 12: '100.10' }),
      row({ 0: '2026112422000000000000000001\t', 1: 'order-1\t', 2: '退款', 11: '-0.10', 12: '-0.10', 21: 'refund-1\t' }),
      row({ 0: '2026112422000000000000000002\t', 1: 'order-2\t', 2: '其他', 11: '1.00' }),
    ]);
    const zip = zipSync({
      '20880000000000010156_20261124_业务明细.csv': new Uint8Array(iconv.encode(csv, 'gbk')),
      '汇总.csv': new Uint8Array(1),
    });
    const [text] = billCsvFiles(zip);
    expect(billCsvFiles(zip)).toHaveLength(1);
    expect(parseTradeBill(text!)).toEqual([
      { gatewayRef: '2026112422000000000000000001', orderId: 'order-1', kind: 'payment', amount: 10010n },
      { gatewayRef: '2026112422000000000000000001', orderId: 'order-1', kind: 'refund', refundId: 'refund-1', amount: 10n },
    ]);
  });

  it('reads transfers from the 账务明细 CSV', () => {
    const csv = [
      '#支付宝账务明细查询',
      '账务流水号,业务流水号,商户订单号,商品名称,发生时间,对方账号,收入金额（+元）,支出金额（-元）,账户余额（元）,交易渠道,业务类型,备注',
      'A1\t,01-1\t,payout-1\t,转账,2026-11-24 10:00:01,x,,-20.00,,支付宝,转账,',
      'A2\t,22-1\t,order-1\t,充值,2026-11-24 10:00:00,x,+1.00,,,支付宝,在线支付,',
    ].join('\r\n');
    expect(parseAccountBill(csv)).toEqual([{ gatewayRef: '01-1', orderId: 'payout-1', kind: 'payout', amount: 2000n }]);
  });

  it('fails loudly on a bill it cannot read rather than reconciling half of it', () => {
    expect(() => billCsvFiles(new Uint8Array([1, 2, 3]))).toThrow(GatewayUnavailableError);
    expect(() => parseTradeBill('#only comments\r\n')).toThrow(GatewayUnavailableError);
    expect(() => parseTradeBill(tradeBill([row({ 0: 'T1', 1: 'o1', 2: '交易', 11: '1e3' })]))).toThrow(/unreadable/);
    expect(() => parseTradeBill(tradeBill([row({ 0: '', 1: 'o1', 2: '交易', 11: '1.00' })]))).toThrow(/unreadable/);
    expect(() => parseTradeBill('支付宝交易号,商户订单号\r\nT1,o1')).toThrow(/no column 业务类型/);
  });
});
