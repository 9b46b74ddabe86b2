import { describe, expect, it } from 'vitest';
import { operatorLogin, useDemoSystem } from '../../../../test/flows.js';
import { eventually, http, newKey, verifiedMembers } from '../../../../test/wallet-flows.js';
import { toOutNo } from './index.js';

/**
 * A WeChat Pay top-up refunded from the console (issue 13 item 4 "through either provider"): the
 * wallet's refund through the adapter (`/v3/refund/domestic/refunds`, PROCESSING), the encrypted
 * REFUND.SUCCESS notification through POST /api/v1/payments/callbacks/wechat, the ledger.
 */
const env = useDemoSystem({ listen: true, config: { globalRateLimit: 1_000_000 } });
const sys = () => env.sys;
const wallet = async (token: string) => (await http(sys(), { path: '/api/v1/wallet', token })).json();
const refund = (token: string, orderId: string, body: Record<string, unknown>, key: string | null = newKey()) =>
  http(sys(), { method: 'POST', path: `/api/v1/console/wallet/orders/${orderId}/refunds`, token, body, key });
/** The sandbox merchant Quanzi registered itself as (the wallet credential store's app id). */
const mchid = async () => 'quanzi-wechatpay';

describe('refunds of a WeChat Pay top-up', () => {
  it('refunds part, then the rest, never more than paid; pending until WeChat Pay notifies; books balanced', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const res = await http(sys(), {
      method: 'POST',
      path: '/api/v1/wallet/top-ups',
      token: m!.token,
      body: { amount: '10000', channel: 'wechat' },
      key: newKey(),
    });
    expect(res.status, res.text).toBe(201);
    const orderId = res.json().orderId as string;
    expect(res.json().order.channel).toBe('wechat');
    expect(res.json().payUrl).toContain('/sandbox/wechatpay/cashier/');
    await fetch(`${new URL(res.json().payUrl).origin}${new URL(res.json().payUrl).pathname}/pay`, { method: 'POST' });
    await sys().modules.wechatPaySandbox.deliverDue();
    await eventually(async () => expect((await wallet(m!.token)).available).toBe('10000'));

    const finance = await operatorLogin(sys().app, 'finance');
    const first = await refund(finance, orderId, { amount: '3000', reason: '冷静期内撤销投资' });
    expect(first.status, first.text).toBe(201);
    expect(first.json()).toMatchObject({ orderId, amount: '3000', channel: 'wechat' });
    const refundId = first.json().id as string;
    expect(await wallet(m!.token)).toMatchObject({ available: '7000' });

    const over = await refund(finance, orderId, { amount: '7001', reason: '多退' });
    expect(over.status).toBe(422);
    expect(over.json().error.code).toBe('REFUND_EXCEEDS_PAID');

    // WeChat Pay settles the refund and notifies; the wallet completes it.
    await sys().modules.wechatPaySandbox.settleRefundNow(await mchid(), toOutNo(refundId));
    await sys().modules.wechatPaySandbox.deliverDue();
    await eventually(async () => {
      const list = (await http(sys(), { path: `/api/v1/console/wallet/orders/${orderId}/refunds`, token: finance })).json();
      expect(list.map((r: { amount: string; status: string }) => [r.amount, r.status])).toEqual([['3000', 'succeeded']]);
    });
    const rest = await refund(finance, orderId, { amount: '7000', reason: '订单失败，全额退回' });
    expect(rest.status, rest.text).toBe(201);
    await sys().modules.wechatPaySandbox.settleRefundNow(await mchid(), toOutNo(rest.json().id as string));
    await sys().modules.wechatPaySandbox.deliverDue();
    await eventually(async () => expect(await wallet(m!.token)).toMatchObject({ available: '0', frozen: '0' }));
    expect((await refund(finance, orderId, { amount: '1', reason: 'x' })).json().error.code).toBe('REFUND_EXCEEDS_PAID');
    expect(await sys().modules.ledger.verify()).toMatchObject({ ok: true });
    expect((await sys().modules.ledger.trialBalance('zh-CN')).total).toBe('0');
  });
});
