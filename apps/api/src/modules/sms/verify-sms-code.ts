import crypto from 'node:crypto';
import type { SmsPurpose } from '@quanzi/contracts';
import type { Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { codeHashes } from './code-hash.js';
import { SMS_POLICY } from './policy.js';
import { consumeCode, countFailedAttempt, latestOpenCode } from './repo.js';
import type { SmsCodeDeps } from './send-sms-code.js';

/** Proof that a code was right, to be redeemed exactly once inside the caller's transaction. */
export interface VerifiedCode {
  id: string;
}

/**
 * Checks a code in its own transaction, so a wrong guess is counted even though the caller's
 * request fails. Only the newest code for the phone and purpose counts; five wrong tries kill it.
 */
export async function verifySmsCode(
  deps: Omit<SmsCodeDeps, 'channel'>,
  phone: string,
  purpose: SmsPurpose,
  code: string,
): Promise<VerifiedCode> {
  const now = deps.clock.now();
  const phoneIndexes = deps.vault.blindIndexes('phone', phone);
  const outcome = await transact(deps.db, async (trx) => {
    const row = await latestOpenCode(trx, phoneIndexes, purpose);
    if (!row || row.consumed_at || row.expires_at <= now) return { error: 'SMS_CODE_EXPIRED' as const };
    if (row.attempts >= SMS_POLICY.maxAttempts) return { error: 'SMS_CODE_EXHAUSTED' as const };
    const expected = Buffer.from(row.code_hash);
    const matches = codeHashes(deps.vault, row.id, code).map((h) => {
      const actual = Buffer.from(h);
      return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
    });
    if (!matches.includes(true)) {
      await countFailedAttempt(trx, row.id);
      return { error: row.attempts + 1 >= SMS_POLICY.maxAttempts ? ('SMS_CODE_EXHAUSTED' as const) : ('SMS_CODE_INVALID' as const) };
    }
    return { id: row.id };
  });
  if (outcome.error) throw new AppError(outcome.error);
  return { id: outcome.id! };
}

/** Redeems a verified code in the transaction that acts on it; a second redemption fails. */
export async function redeemSmsCode(trx: Tx, verified: VerifiedCode, at: Date): Promise<void> {
  if (!(await consumeCode(trx, verified.id, at))) throw new AppError('SMS_CODE_EXPIRED');
}
