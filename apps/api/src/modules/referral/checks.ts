import type { ReferralFacts } from '../identity/index.js';
import type { RefusalReason } from './repo.js';

const overlap = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));

/**
 * Why a referral is refused, or null (pure). Self-referral: the same member, or one's card reserved
 * under the other's phone; then the same ID number, a shared card, a shared device, the same phone
 * prefix (first nine digits: a block of numbers). All compared as blind indexes.
 */
export function refusalReason(inviter: ReferralFacts | undefined, invitee: ReferralFacts | undefined): RefusalReason | null {
  if (!inviter || !invitee) return null;
  if (inviter.memberId === invitee.memberId) return 'self_referral';
  if (
    (inviter.phone && invitee.reservedPhones.includes(inviter.phone)) ||
    (invitee.phone && inviter.reservedPhones.includes(invitee.phone))
  ) {
    return 'self_referral';
  }
  if (inviter.idNumber && inviter.idNumber === invitee.idNumber) return 'shared_id';
  if (overlap(inviter.cards, invitee.cards)) return 'shared_card';
  if (overlap(inviter.devices, invitee.devices)) return 'shared_device';
  if (inviter.phonePrefix && inviter.phonePrefix === invitee.phonePrefix) return 'shared_phone_prefix';
  return null;
}
