import type { DutySlot } from '@quanzi/contracts';
import type { Executor } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { isUuid } from '../../platform/ids.js';
import { auditActor, type CommunityOpsDeps } from './deps.js';
import * as repo from './repo.js';
import { parseTimeOfDay, slotCovers } from './working-hours.js';

const hhmm = (t: string) => t.slice(0, 5);
const present = (r: repo.DutyRow): DutySlot => ({
  id: r.id,
  operatorId: r.operator_id,
  operatorName: r.operator_name,
  weekday: r.weekday,
  start: hhmm(r.starts_at),
  end: hhmm(r.ends_at),
  createdAt: r.created_at.toISOString(),
});

/** The operators whose roster slot covers `at` (Shanghai weekday and time), each once. */
export async function onDutyAt(db: Executor, at: Date) {
  const seen = new Map<string, string>();
  for (const r of await repo.roster(db)) {
    const slot = { weekday: r.weekday, start: parseTimeOfDay(hhmm(r.starts_at))!, end: parseTimeOfDay(hhmm(r.ends_at))! };
    if (slotCovers(slot, at) && !seen.has(r.operator_id)) seen.set(r.operator_id, r.operator_name);
  }
  return [...seen].map(([operatorId, operatorName]) => ({ operatorId, operatorName }));
}

export async function listRoster(deps: CommunityOpsDeps) {
  return { items: (await repo.roster(deps.db)).map(present), onDutyNow: await onDutyAt(deps.db, deps.clock.now()) };
}

export async function addDutySlot(
  deps: CommunityOpsDeps,
  op: OperatorPrincipal,
  input: { operatorId: string; weekday: number; start: string; end: string },
  ip: string | null,
): Promise<DutySlot> {
  const start = parseTimeOfDay(input.start);
  const end = parseTimeOfDay(input.end);
  if (start === null || end === null || start >= end) throw new AppError('WORKING_HOURS_INVALID');
  const operator = await deps.operators.get(input.operatorId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'NOT_FOUND') throw new AppError('OPERATOR_NOT_FOUND');
    throw err;
  });
  if (operator.disabled) throw new AppError('OPERATOR_NOT_FOUND');
  return transact(deps.db, async (trx) => {
    const row = await repo.insertDuty(trx, {
      operator_id: operator.id,
      operator_name: operator.displayName,
      weekday: input.weekday,
      starts_at: input.start,
      ends_at: input.end,
      created_by: op.operatorId,
      created_at: deps.clock.now(),
    });
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'community_ops.duty_added',
      target: { type: 'duty_slot', id: row.id },
      after: present(row),
      ip,
    });
    return present(row);
  });
}

export async function removeDutySlot(deps: CommunityOpsDeps, op: OperatorPrincipal, id: string, ip: string | null) {
  if (!isUuid(id)) throw new AppError('NOT_FOUND');
  await transact(deps.db, async (trx) => {
    const row = await repo.deleteDuty(trx, id);
    if (!row) throw new AppError('NOT_FOUND');
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'community_ops.duty_removed',
      target: { type: 'duty_slot', id },
      before: present(row),
      ip,
    });
  });
}
