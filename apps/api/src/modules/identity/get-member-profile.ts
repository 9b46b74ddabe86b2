import type { MemberProfile } from '@quanzi/contracts';
import { AppError } from '../../platform/errors.js';
import type { IdentityDeps } from './deps.js';
import { presentProfile } from './present.js';
import { memberWithActiveCards } from './repo.js';

export async function getMemberProfile(
  deps: Pick<IdentityDeps, 'db' | 'vault' | 'cache' | 'clock'>,
  memberId: string,
): Promise<MemberProfile> {
  const now = deps.clock.now().getTime();
  const cached = deps.cache.profile(memberId, now);
  if (cached) return cached;
  const found = await memberWithActiveCards(deps.db, memberId);
  if (!found) throw new AppError('NOT_FOUND');
  const profile = presentProfile(deps.vault, found.member, found.cards);
  deps.cache.rememberProfile(profile, now);
  return profile;
}
