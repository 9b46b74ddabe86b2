import { shanghaiDayStart } from '../../platform/clock.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { UUID } from '../../platform/ids.js';
import type { BillLine } from '../../platform/payments/gateway.js';
import { Accounts, credit, debit } from '../ledger/index.js';
import { gatewayOf, type WalletDeps } from './deps.js';
import { MEMO } from './policy.js';
import * as repo from './repo.js';

const DAY_MS = 24 * 3600_000;

/** What the gateway should have recorded for an order: a credited top-up at what was credited. */
const expectedAmount = (o: repo.OrderRow): bigint =>
  o.type === 'top_up' && o.status === 'succeeded' ? (o.reported_amount ?? o.amount) : o.amount;

/**
 * Matches the gateway's daily bill against our completed orders for one Asia/Shanghai day.
 * Matched top-ups are settled: their money moves from "in transit" to the custodian account.
 * Every difference becomes an item for finance — in the bill but not completed here, completed
 * here but not in the bill, or a different amount — recorded once per day however often it runs.
 */
export async function reconcileDay(
  deps: WalletDeps,
  day: string,
  by: { operator: OperatorPrincipal; ip: string | null } | 'system',
  channel = 'alipay',
) {
  const ranBy = by === 'system' ? 'system' : by.operator.displayName;
  const all = await gatewayOf(deps, channel).downloadBill(day);
  const lines = all.filter((l) => l.kind !== 'refund');
  const refundLines = all.filter((l) => l.kind === 'refund');
  const from = shanghaiDayStart(new Date(`${day}T12:00:00+08:00`));
  const to = new Date(from.getTime() + DAY_MS);
  return transact(deps.db, async (trx) => {
    const ours = await repo.completedBetween(trx, channel, from, to);
    const byId = new Map(ours.map((o) => [o.id, o]));
    const billIds = new Set(lines.map((l) => l.orderId));
    // A bill line may name an order we completed on another day or never completed.
    const others = new Map(
      (
        await repo.findOrdersByIds(
          trx,
          [...billIds].filter((id) => !byId.has(id) && UUID.test(id)),
        )
      ).map((o) => [o.id, o]),
    );
    let matched = 0;
    let mismatches = 0;
    const problem = async (row: Parameters<typeof repo.insertReconItem>[1]) => {
      mismatches++;
      await repo.insertReconItem(trx, row);
    };
    const run = await repo.insertReconRun(trx, {
      channel,
      bill_date: day,
      bill_lines: all.length,
      matched: 0,
      mismatches: 0,
      ran_at: deps.clock.now(),
      ran_by: ranBy,
    });

    for (const line of lines) {
      const order = byId.get(line.orderId) ?? others.get(line.orderId);
      const base = { channel, run_id: run.id, bill_date: day, gateway_ref: line.gatewayRef, bill_amount: line.amount };
      if (!order || !byId.has(order.id) || !kindMatches(order, line)) {
        await problem({ ...base, problem: 'missing_in_orders', order_id: order?.id ?? null, our_amount: order ? order.amount : null });
      } else if (order.status === 'held' || expectedAmount(order) !== line.amount) {
        await problem({ ...base, problem: 'amount_mismatch', order_id: order.id, our_amount: expectedAmount(order) });
      } else {
        matched++;
        await settle(deps, trx, order, line.amount);
      }
    }
    for (const order of ours) {
      if (!billIds.has(order.id)) {
        await problem({
          channel,
          run_id: run.id,
          bill_date: day,
          problem: 'missing_in_bill',
          order_id: order.id,
          gateway_ref: order.gateway_ref ?? `order:${order.id}`,
          our_amount: expectedAmount(order),
          bill_amount: null,
        });
      }
    }
    // Refunds: each bill line against our refund of that id; the money leaves "in transit" for good.
    const ourRefunds = await repo.refundsCompletedBetween(trx, channel, from, to);
    const refundById = new Map(ourRefunds.map((r) => [r.id, r]));
    const billed = new Set<string>();
    const named = await repo.findRefundsByIds(
      trx,
      refundLines.map((l) => l.refundId ?? '').filter((id) => UUID.test(id) && !refundById.has(id)),
    );
    const otherRefunds = new Map(named.map((r) => [r.id, r]));
    for (const line of refundLines) {
      const refund = refundById.get(line.refundId ?? '') ?? otherRefunds.get(line.refundId ?? '');
      billed.add(line.refundId ?? '');
      const base = {
        channel,
        run_id: run.id,
        bill_date: day,
        gateway_ref: `refund:${line.refundId ?? line.gatewayRef}`,
        bill_amount: line.amount,
      };
      if (!refund || !refundById.has(refund.id) || refund.order_id !== line.orderId) {
        await problem({
          ...base,
          problem: 'missing_in_orders',
          order_id: refund?.order_id ?? null,
          our_amount: refund ? refund.amount : null,
        });
      } else if (refund.amount !== line.amount) {
        await problem({ ...base, problem: 'amount_mismatch', order_id: refund.order_id, our_amount: refund.amount });
      } else {
        matched++;
        if (!refund.settled_at) {
          await deps.ledger.transfer(trx, {
            key: `refund:${refund.id}:settled`,
            kind: 'refund.settled',
            memo: MEMO.refundSettled,
            reference: refund.order_id,
            postings: [debit(Accounts.paymentsInTransit, refund.amount), credit(Accounts.custodianCash, refund.amount)],
          });
          await repo.advanceRefund(trx, refund.id, { settled_at: deps.clock.now(), updated_at: deps.clock.now() }, ['succeeded']);
        }
      }
    }
    for (const refund of ourRefunds) {
      if (!billed.has(refund.id)) {
        await problem({
          channel,
          run_id: run.id,
          bill_date: day,
          problem: 'missing_in_bill',
          order_id: refund.order_id,
          gateway_ref: `refund:${refund.id}`,
          our_amount: refund.amount,
          bill_amount: null,
        });
      }
    }
    await repo.finishReconRun(trx, run.id, matched, mismatches);
    if (by !== 'system') {
      await deps.audit.record(trx, {
        actor: { type: 'operator', id: by.operator.operatorId, name: by.operator.displayName },
        action: 'wallet.reconciliation.run',
        target: { type: 'recon_run', id: run.id },
        after: { channel, billDate: day, billLines: all.length, matched, mismatches },
        ip: by.ip,
      });
    }
    return { id: run.id, billDate: day, billLines: all.length, matched, mismatches };
  });
}

const kindMatches = (order: repo.OrderRow, line: BillLine) => (order.type === 'top_up') === (line.kind === 'payment');

/** The gateway confirmed the money: top-up funds leave "in transit" for the custodian account, once. */
async function settle(deps: WalletDeps, trx: Tx, order: repo.OrderRow, amount: bigint): Promise<void> {
  if (order.settled_at) return;
  if (order.type === 'top_up') {
    await deps.ledger.transfer(trx, {
      key: `topup:${order.id}:settled`,
      kind: 'top_up.settled',
      memo: MEMO.topUpSettled,
      reference: order.id,
      postings: [debit(Accounts.custodianCash, amount), credit(Accounts.paymentsInTransit, amount)],
    });
  }
  await repo.advanceOrder(trx, order.id, [order.status], { settled_at: deps.clock.now(), updated_at: deps.clock.now() });
}
