import type { AuditEntry, Page } from '@quanzi/contracts';
import type { Executor } from '../../platform/db/connect.js';
import { findEntries, type AuditFilter, type AuditRow } from './repo.js';

export const toAuditEntry = (row: AuditRow): AuditEntry => ({
  id: row.id,
  seq: row.seq.toString(),
  actorType: row.actor_type,
  actorId: row.actor_id,
  actorName: row.actor_name,
  action: row.action,
  targetType: row.target_type,
  targetId: row.target_id,
  before: row.before ?? null,
  after: row.after ?? null,
  ip: row.ip,
  at: row.at.toISOString(),
  hash: row.hash,
});

export async function findAuditEntries(db: Executor, filter: AuditFilter, page: number, pageSize: number): Promise<Page<AuditEntry>> {
  const { rows, total } = await findEntries(db, filter, (page - 1) * pageSize, pageSize);
  return { items: rows.map(toAuditEntry), total, page, pageSize };
}
