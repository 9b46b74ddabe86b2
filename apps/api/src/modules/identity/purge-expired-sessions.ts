import type { Executor } from '../../platform/db/connect.js';
import { deleteSessionsExpiredBefore } from './repo.js';

/** Sessions expired or revoked more than a day ago are deleted; the login history keeps the record. */
export const purgeExpiredSessions = (db: Executor, now: Date): Promise<number> =>
  deleteSessionsExpiredBefore(db, new Date(now.getTime() - 24 * 3600_000));
