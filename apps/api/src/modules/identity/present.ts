import type { BankCard, MemberProfile } from '@quanzi/contracts';
import { maskCard, maskIdNumber, maskName, maskPhone } from '../../platform/security/mask.js';
import type { PiiVault } from '../../platform/security/pii.js';
import type { BankCardRow, MemberRow } from './repo.js';

export const presentCard = (vault: PiiVault, card: BankCardRow): BankCard => ({
  id: card.id,
  bankCode: card.bank_code,
  bankName: card.bank_name,
  cardMasked: maskCard(vault.decrypt(card.card_enc)),
  reservedPhoneMasked: maskPhone(vault.decrypt(card.reserved_phone_enc)),
  boundAt: card.bound_at.toISOString(),
});

export const phoneMaskedOf = (vault: PiiVault, member: MemberRow): string =>
  member.phone_enc ? maskPhone(vault.decrypt(member.phone_enc)) : `***${member.phone_last4}`;

export function presentRealName(vault: PiiVault, member: MemberRow) {
  if (!member.real_name_verified_at || !member.real_name_enc || !member.id_number_enc) return null;
  return {
    nameMasked: maskName(vault.decrypt(member.real_name_enc)),
    idNumberMasked: maskIdNumber(vault.decrypt(member.id_number_enc)),
    verifiedAt: member.real_name_verified_at.toISOString(),
  };
}

export const presentProfile = (vault: PiiVault, member: MemberRow, cards: BankCardRow[]): MemberProfile => ({
  id: member.id,
  phoneMasked: phoneMaskedOf(vault, member),
  nickname: member.nickname,
  status: member.status,
  realName: presentRealName(vault, member),
  bankCards: cards.map((c) => presentCard(vault, c)),
  hasPaymentPassword: member.payment_password_hash !== null,
  agreementVersion: member.agreement_version,
  createdAt: member.created_at.toISOString(),
});
