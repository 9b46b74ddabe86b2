import type { MemberDetail, MemberListItem, Page } from '@quanzi/contracts';
import { maskCard, maskIp, maskPhone } from '../../platform/security/mask.js';
import { AppError } from '../../platform/errors.js';
import type { IdentityDeps } from './deps.js';
import { phoneMaskedOf, presentRealName } from './present.js';
import { allCardsOf, listMembers, memberById, type MemberRow } from './repo.js';
import { UUID } from '../../platform/ids.js';

const listItem = (deps: Pick<IdentityDeps, 'vault'>, m: MemberRow, cardCount: number): MemberListItem => ({
  id: m.id,
  phoneMasked: phoneMaskedOf(deps.vault, m),
  nickname: m.nickname,
  status: m.status,
  realNameVerified: m.real_name_verified_at !== null,
  bankCardCount: cardCount,
  channel: m.channel,
  createdAt: m.created_at.toISOString(),
});

/** `q` is an exact phone (found through its blind index) or a member id; anything else matches nothing. */
export async function searchMembers(
  deps: Pick<IdentityDeps, 'db' | 'vault'>,
  q: string | undefined,
  page: number,
  pageSize: number,
): Promise<Page<MemberListItem>> {
  const query = q?.trim();
  const filter = !query ? {} : UUID.test(query) ? { id: query } : { phoneIndexes: deps.vault.blindIndexes('phone', query) };
  const { rows, total } = await listMembers(deps.db, filter, (page - 1) * pageSize, pageSize);
  return { items: rows.map((r) => listItem(deps, r, Number(r.card_count ?? 0))), total, page, pageSize };
}

export async function getMemberDetail(deps: Pick<IdentityDeps, 'db' | 'vault'>, memberId: string): Promise<MemberDetail> {
  if (!UUID.test(memberId)) throw new AppError('NOT_FOUND');
  const [member, cards] = await Promise.all([memberById(deps.db, memberId), allCardsOf(deps.db, memberId)]);
  if (!member) throw new AppError('NOT_FOUND');
  const active = cards.filter((c) => !c.unbound_at);
  return {
    ...listItem(deps, member, active.length),
    realName: presentRealName(deps.vault, member),
    bankCards: cards.map((c) => ({
      id: c.id,
      bankName: c.bank_name,
      cardMasked: maskCard(deps.vault.decrypt(c.card_enc)),
      reservedPhoneMasked: maskPhone(deps.vault.decrypt(c.reserved_phone_enc)),
      boundAt: c.bound_at.toISOString(),
      unboundAt: c.unbound_at?.toISOString() ?? null,
    })),
    hasPaymentPassword: member.payment_password_hash !== null,
    agreementVersion: member.agreement_version,
    registeredIpMasked: maskIp(member.registered_ip),
    registeredDevice: member.registered_device,
    utm: { source: member.utm_source, medium: member.utm_medium, campaign: member.utm_campaign },
    lockedUntil: member.locked_until?.toISOString() ?? null,
    closedAt: member.closed_at?.toISOString() ?? null,
  };
}
