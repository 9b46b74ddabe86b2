import crypto from 'node:crypto';
import type { ReferralSummary } from '@quanzi/contracts';
import type { ReferralDeps } from './deps.js';
import { CODE_ALPHABET, TIERS, WINDOW_DAYS } from './policy.js';
import * as repo from './repo.js';

const DAY = 86_400_000;

function randomCode(): string {
  const bytes = crypto.randomBytes(8);
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

/** The member's code, made on first use (a collision with another member's code tries again). */
export async function codeFor(deps: ReferralDeps, memberId: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await repo.codeOf(deps.db, memberId);
    if (existing) return existing.code;
    const inserted = await repo.insertCode(deps.db, { member_id: memberId, code: randomCode(), created_at: deps.clock.now() });
    if (inserted) return inserted.code;
  }
  throw new Error('could not allocate a referral code');
}

export const inviteLink = (deps: ReferralDeps, code: string) => `${deps.origin()}/register?ref=${code}`;

/** 我的邀请: code, link, counts, rewards and the refused referrals with their reasons. */
export async function summary(deps: ReferralDeps, memberId: string): Promise<ReferralSummary> {
  const code = await codeFor(deps, memberId);
  const rows = await repo.referralsOf(deps.db, memberId);
  const names = await deps.identity.nicknames([...new Set(rows.map((r) => r.invitee_id))]);
  const now = deps.clock.now().getTime();
  // A pending referral past the window is shown as expired (it is marked so when its purchase comes).
  const status = (r: repo.ReferralRow) =>
    r.status === 'pending' && now - r.registered_at.getTime() > WINDOW_DAYS * DAY ? 'expired' : r.status;
  const counts = { invited: rows.length, pending: 0, rewarded: 0, refused: 0, expired: 0 };
  for (const r of rows) counts[status(r)]++;
  const name = (id: string) => names.get(id) ?? '圈友';
  const mine = await repo.referralOfInvitee(deps.db, memberId);
  return {
    code,
    link: inviteLink(deps, code),
    posterUrl: '/api/v1/me/referral/poster.png',
    windowDays: WINDOW_DAYS,
    counts,
    pointsEarned: rows.reduce((s, r) => s + (r.reward_points ?? 0), 0),
    tiers: TIERS.map((t) => ({ from: t.from, points: t.points })),
    rewards: rows
      .filter((r) => r.status === 'rewarded')
      .map((r) => ({
        invitee: name(r.invitee_id),
        points: r.reward_points ?? 0,
        tier: r.tier ?? 1,
        at: (r.decided_at ?? r.created_at).toISOString(),
      })),
    refused: rows
      .filter((r) => r.status === 'refused' && r.reason)
      .map((r) => ({ invitee: name(r.invitee_id), reason: r.reason!, at: (r.decided_at ?? r.created_at).toISOString() })),
    invitedBy: mine ? { status: status(mine) } : null,
  };
}
