import type { Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import type { DomainEvent } from '../../platform/events/outbox.js';
import { AppError } from '../../platform/errors.js';
import { refusalReason } from './checks.js';
import type { ReferralDeps } from './deps.js';
import { BIND_DAYS, TIERS, tierFor, WINDOW_DAYS } from './policy.js';
import * as repo from './repo.js';

const DAY = 86_400_000;

/** Records who invited `inviteeId` (once per invitee); refused at once when the facts already show abuse. */
async function recordIn(trx: Tx, deps: ReferralDeps, inviteeId: string, code: string, registeredAt: Date, sourceEvent: string | null) {
  const owner = await repo.ownerOf(trx, code);
  if (!owner) return null;
  const facts = await deps.identity.referralFacts([owner.member_id, inviteeId], trx);
  const reason = refusalReason(facts.get(owner.member_id), facts.get(inviteeId));
  const now = deps.clock.now();
  return repo.insertReferral(trx, {
    inviter_id: owner.member_id,
    invitee_id: inviteeId,
    code,
    status: reason ? 'refused' : 'pending',
    reason,
    reward_points: null,
    tier: null,
    registered_at: registeredAt,
    decided_at: reason ? now : null,
    source_event: sourceEvent,
    created_at: now,
  });
}

/** `member.registered` with a code (identity passes it through; an unknown code is ignored). */
export async function onRegistered(deps: ReferralDeps, event: DomainEvent) {
  const p = event.payload as { memberId?: string; referralCode?: string | null };
  if (!p.memberId || !p.referralCode) return;
  await transact(deps.db, (trx) => recordIn(trx, deps, p.memberId!, p.referralCode!, event.occurredAt, event.id));
}

/** 填写邀请码 after registering (within BIND_DAYS, once). */
export async function bindCode(deps: ReferralDeps, memberId: string, code: string) {
  return transact(deps.db, async (trx) => {
    if (await repo.referralOfInvitee(trx, memberId)) throw new AppError('REFERRAL_ALREADY_BOUND');
    const facts = (await deps.identity.referralFacts([memberId], trx)).get(memberId);
    if (!facts) throw new AppError('NOT_FOUND');
    if (deps.clock.now().getTime() - facts.registeredAt.getTime() > BIND_DAYS * DAY) throw new AppError('REFERRAL_BIND_EXPIRED');
    const row = await recordIn(trx, deps, memberId, code, facts.registeredAt, null);
    if (!row) throw new AppError('REFERRAL_CODE_INVALID');
    return { status: row.status };
  });
}

/**
 * `investing.purchased` (cash): the invitee's first investment. Within the window, with the facts
 * clean (checked again: by now the invitee has an ID and a card) and the risk decision `allow`, the
 * inviter earns the points of their tier (the n-th converted invitee), keyed by the referral.
 */
export async function onPurchased(deps: ReferralDeps, event: DomainEvent) {
  const p = event.payload as { memberId?: string; fundedBy?: string };
  if (!p.memberId || p.fundedBy !== 'cash') return;
  await transact(deps.db, async (trx) => {
    const pending = await repo.referralOfInvitee(trx, p.memberId!);
    if (!pending || pending.status !== 'pending') return;
    await repo.lockInviter(trx, pending.inviter_id);
    const referral = await repo.referralOfInviteeForUpdate(trx, p.memberId!);
    if (!referral || referral.status !== 'pending') return;
    const now = deps.clock.now();
    if (now.getTime() - referral.registered_at.getTime() > WINDOW_DAYS * DAY) {
      await repo.decide(trx, referral.id, { status: 'expired', decided_at: now, source_event: event.id });
      return;
    }
    const facts = await deps.identity.referralFacts([referral.inviter_id, referral.invitee_id], trx);
    const reason = refusalReason(facts.get(referral.inviter_id), facts.get(referral.invitee_id));
    if (reason) {
      await repo.decide(trx, referral.id, { status: 'refused', reason, decided_at: now, source_event: event.id });
      return;
    }
    const { tier, points } = tierFor((await repo.countRewarded(trx, referral.inviter_id)) + 1);
    const risk = await deps.risk.assess(trx, {
      use: 'referral_reward',
      ref: `referral:${referral.id}`,
      memberId: referral.inviter_id,
      context: { inviteeId: referral.invitee_id, tier, points },
    });
    if (risk.decision !== 'allow') {
      const why = risk.decision === 'deny' ? 'risk_denied' : 'risk_review';
      await repo.decide(trx, referral.id, { status: 'refused', reason: why, decided_at: now, source_event: event.id });
      return;
    }
    await deps.points().earn(trx, {
      memberId: referral.inviter_id,
      points,
      source: 'referral',
      ref: `referral:${referral.id}`,
      reason: `邀请好友首投奖励（第 ${tier} 档）`,
    });
    await repo.decide(trx, referral.id, { status: 'rewarded', reward_points: points, tier, decided_at: now, source_event: event.id });
    await deps.outbox.emit(trx, 'referral.converted', {
      referralId: referral.id,
      inviterId: referral.inviter_id,
      inviteeId: referral.invitee_id,
      points,
      tier,
    });
  });
}

export { TIERS };
