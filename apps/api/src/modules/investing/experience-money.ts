import type { Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { parsePositiveFen } from '../../platform/money.js';
import { Accounts, credit, debit } from '../ledger/index.js';
import type { InvestingDeps } from './deps.js';
import { MEMO } from './policy.js';
import * as repo from './repo.js';

/**
 * 体验金: marketing money the member may invest in products marked for it, never withdraw. Granting
 * books it from marketing expense to the member's experience account; `grantKey` makes a campaign's
 * grant happen once however often it is retried.
 */
export async function grantExperience(
  deps: InvestingDeps,
  input: { memberId: string; amount: unknown; days: number; reason: string; grantKey: string },
  audit?: { operatorId: string; name: string; ip: string | null },
) {
  const amount = parsePositiveFen(input.amount);
  if (amount === null) throw new AppError('AMOUNT_INVALID');
  await deps.identity.profile(input.memberId); // NOT_FOUND for an unknown member
  return transact(deps.db, (trx) => grantExperienceIn(deps, trx, { ...input, amount }, audit));
}

/** The same grant on the caller's transaction (campaign effects): the member id comes from a domain event. */
export async function grantExperienceIn(
  deps: InvestingDeps,
  trx: Tx,
  input: { memberId: string; amount: bigint; days: number; reason: string; grantKey: string },
  audit?: { operatorId: string; name: string; ip: string | null },
) {
  const amount = input.amount;
  if (amount <= 0n) throw new AppError('AMOUNT_INVALID');
  const now = deps.clock.now();
  {
    const grant = await repo.insertGrant(trx, {
      member_id: input.memberId,
      amount,
      remaining: amount,
      reason: input.reason,
      grant_key: input.grantKey,
      expires_at: new Date(now.getTime() + input.days * 86_400_000),
      status: 'active',
      created_at: now,
    });
    if (!grant) return { granted: false as const };
    await deps.ledger.transfer(trx, {
      key: `experience:${input.grantKey}`,
      kind: 'invest.experience_grant',
      memo: `${MEMO.experienceGrant} · ${input.reason}`,
      reference: grant.id,
      postings: [debit(Accounts.marketingExpense, amount), credit(Accounts.memberExperience(input.memberId), amount)],
    });
    if (audit) {
      await deps.audit.record(trx, {
        actor: { type: 'operator', id: audit.operatorId, name: audit.name },
        action: 'investing.experience.granted',
        target: { type: 'member', id: input.memberId },
        after: { amount: String(amount), days: input.days, reason: input.reason },
        ip: audit.ip,
      });
    }
    await deps.outbox.emit(trx, 'investing.experience_granted', {
      memberId: input.memberId,
      amount: String(amount),
      expiresAt: grant.expires_at.toISOString(),
    });
    return { granted: true as const, id: grant.id, expiresAt: grant.expires_at.toISOString() };
  }
}

/** At expiry the principal goes back to marketing: unused grants and experience holdings alike. */
export async function expireExperience(deps: InvestingDeps, now: Date): Promise<{ grants: number; holdings: number }> {
  return transact(deps.db, async (trx) => {
    const grants = await repo.expiredGrants(trx, now, 500);
    const holdings = await repo.expiredExperienceHoldings(trx, now, 500);
    // Every expiry of the run in one ledger call.
    await deps.ledger.transferMany(trx, [
      ...grants
        .filter((g) => g.remaining > 0n)
        .map((g) => ({
          key: `experience-expired:${g.id}`,
          kind: 'invest.experience_expired',
          memo: MEMO.experienceExpired,
          reference: g.id,
          postings: [debit(Accounts.memberExperience(g.member_id), g.remaining), credit(Accounts.marketingExpense, g.remaining)],
        })),
      ...holdings.map((h) => ({
        key: `experience-holding-expired:${h.id}`,
        kind: 'invest.experience_expired',
        memo: MEMO.experienceExpired,
        reference: h.id,
        postings: [debit(Accounts.memberExperienceInvested(h.member_id), h.principal), credit(Accounts.marketingExpense, h.principal)],
      })),
    ]);
    for (const g of grants) await repo.markGrantExpired(trx, g.id);
    for (const h of holdings) await repo.updateHolding(trx, h.id, { status: 'expired', updated_at: now });
    return { grants: grants.length, holdings: holdings.length };
  });
}
