import type { Executor } from '../../platform/db/connect.js';
import { deleteCodesExpiredBefore } from './repo.js';

/** Expired codes are useless but still count toward today's limit until the day is over. */
export const purgeExpiredCodes = (db: Executor, now: Date): Promise<number> =>
  deleteCodesExpiredBefore(db, new Date(now.getTime() - 24 * 3600_000));
