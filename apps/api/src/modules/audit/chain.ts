import crypto from 'node:crypto';
import { canonicalJson } from '../../platform/canonical-json.js';
import type { NewAuditRow } from './repo.js';

export const GENESIS_HASH = '0'.repeat(64);

/** The hash covers every field a reader relies on plus the previous hash. */
export function entryHash(row: Omit<NewAuditRow, 'hash'>): string {
  const body = canonicalJson({
    actor_type: row.actor_type,
    actor_id: row.actor_id,
    actor_name: row.actor_name,
    action: row.action,
    target_type: row.target_type,
    target_id: row.target_id,
    before: row.before,
    after: row.after,
    ip: row.ip,
    at: row.at.toISOString(),
  });
  return crypto.createHash('sha256').update(row.prev_hash).update(body).digest('hex');
}
