import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { ClientInfo, WalletDeps } from './deps.js';
import * as repo from './repo.js';

export const presentRun = (r: repo.ReconRunRow) => ({
  id: r.id,
  billDate: r.bill_date,
  billLines: r.bill_lines,
  matched: r.matched,
  mismatches: r.mismatches,
  ranAt: r.ran_at.toISOString(),
  ranBy: r.ran_by,
});

export const presentItem = (i: repo.ReconItemRow) => ({
  id: i.id,
  billDate: i.bill_date,
  problem: i.problem,
  orderId: i.order_id,
  gatewayRef: i.gateway_ref,
  ourAmount: i.our_amount === null ? null : String(i.our_amount),
  billAmount: i.bill_amount === null ? null : String(i.bill_amount),
  status: i.status,
  resolution: i.resolution,
  note: i.note,
  resolvedBy: i.resolved_by,
  resolvedAt: i.resolved_at?.toISOString() ?? null,
});

/** Finance closes a reconciliation difference with what was found and done; audited, never silent. */
export async function resolveReconItem(
  deps: WalletDeps,
  operator: OperatorPrincipal,
  itemId: string,
  input: { resolution: string; note: string },
  client: ClientInfo,
) {
  return transact(deps.db, async (trx) => {
    const resolved = await repo.resolveReconItem(trx, itemId, {
      resolution: input.resolution,
      note: input.note,
      resolved_by: operator.displayName,
      resolved_at: deps.clock.now(),
    });
    if (!resolved) throw new AppError('NOT_FOUND');
    await deps.audit.record(trx, {
      actor: { type: 'operator', id: operator.operatorId, name: operator.displayName },
      action: 'wallet.reconciliation.resolved',
      target: { type: 'recon_item', id: itemId },
      after: { problem: resolved.problem, orderId: resolved.order_id, resolution: input.resolution, note: input.note },
      ip: client.ip,
    });
    return presentItem(resolved);
  });
}
