import type { MemberProfile } from '@quanzi/contracts';
import { AppError } from '../../platform/errors.js';
import type { WalletDeps } from './deps.js';
import * as repo from './repo.js';

type Card = MemberProfile['bankCards'][number];

/** Money moves only for members with a verified real name and a bound card of their own. */
export async function requireFundingReady(
  deps: WalletDeps,
  memberId: string,
): Promise<MemberProfile & { realName: NonNullable<MemberProfile['realName']> }> {
  const profile = await deps.identity.profile(memberId);
  if (!profile.realName || profile.bankCards.length === 0) throw new AppError('IDENTITY_REQUIRED');
  return profile as MemberProfile & { realName: NonNullable<MemberProfile['realName']> };
}

/** The member's own card: the one asked for, or their first. Someone else's card id is simply not found. */
export function ownCard(profile: MemberProfile, cardId: string | undefined): Card {
  const card = cardId ? profile.bankCards.find((c) => c.id === cardId) : profile.bankCards[0];
  if (!card) throw new AppError('NOT_FOUND');
  return card;
}

/**
 * 同卡进出: withdrawals go back to a card the member topped up from. A member who never topped up
 * (e.g. only earned from experience money) may use any of their own cards.
 */
export async function withdrawableCardIds(deps: WalletDeps, profile: MemberProfile): Promise<Set<string>> {
  const own = new Set(profile.bankCards.map((c) => c.id));
  const used = (await repo.cardsToppedUpFrom(deps.db, profile.id)).filter((id) => own.has(id));
  return new Set(used.length ? used : own);
}

export const last4 = (masked: string): string => masked.replace(/\D/g, '').slice(-4);
