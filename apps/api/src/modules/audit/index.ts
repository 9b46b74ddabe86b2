import type { Platform } from '../../platform/context.js';
import type { Tx } from '../../platform/db/connect.js';
import { findAuditEntries } from './find-audit-entries.js';
import { recordAuditEntry, type AuditEntryInput } from './record-audit-entry.js';
import type { AuditFilter } from './repo.js';
import { verifyAuditChain } from './verify-audit-chain.js';

export type { AuditEntryInput } from './record-audit-entry.js';
export { auditConsoleRoutes } from './routes.console.js';

export function createAuditModule(platform: Platform) {
  return {
    /** Call inside the transaction that makes the change being recorded. */
    record: (trx: Tx, entry: AuditEntryInput) => recordAuditEntry(trx, platform.clock, entry),
    find: (filter: AuditFilter, page: number, pageSize: number) => findAuditEntries(platform.db, filter, page, pageSize),
    verify: () => verifyAuditChain(platform.db),
  };
}
export type AuditModule = ReturnType<typeof createAuditModule>;
