import { cardNumberValid, normalizeCardNumber, type BankCard } from '@quanzi/contracts';
import { afterCommit, transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { maskCard } from '../../platform/security/mask.js';
import { lookupBin } from './bank-bins.js';
import { MAX_BANK_CARDS, type ClientInfo, type IdentityDeps } from './deps.js';
import { presentCard } from './present.js';
import { activeCardsOf, cardIndexBound, insertCard, isUniqueViolation, memberById } from './repo.js';

export interface BindCardInput {
  cardNumber: string;
  reservedPhone: string;
  code: string;
}

/**
 * Binds a debit card by four elements: the verified name and ID on the account, the card number and
 * the phone reserved with the bank, the last proven by the SMS code sent to it.
 */
export async function bindBankCard(deps: IdentityDeps, memberId: string, input: BindCardInput, client: ClientInfo): Promise<BankCard> {
  const cardNumber = normalizeCardNumber(input.cardNumber);
  if (!cardNumberValid(cardNumber)) throw new AppError('INVALID_CARD_NUMBER');
  const bin = lookupBin(cardNumber);
  if (!bin) throw new AppError('UNSUPPORTED_BANK');
  const member = await memberById(deps.db, memberId);
  if (!member?.real_name_enc || !member.id_number_enc) throw new AppError('REAL_NAME_REQUIRED');
  const cardIndex = deps.vault.blindIndex('card', cardNumber);
  if (await cardIndexBound(deps.db, deps.vault.blindIndexes('card', cardNumber))) throw new AppError('CARD_ALREADY_BOUND');
  if ((await activeCardsOf(deps.db, memberId)).length >= MAX_BANK_CARDS) throw new AppError('CARD_LIMIT_REACHED', { max: MAX_BANK_CARDS });
  const verified = await deps.sms.verifyCode(input.reservedPhone, 'bind_card', input.code);
  const matches = await deps.cardVerifier.verify({
    name: deps.vault.decrypt(member.real_name_enc),
    idNumber: deps.vault.decrypt(member.id_number_enc),
    cardNumber,
    reservedPhone: input.reservedPhone,
  });
  if (!matches) throw new AppError('CARD_VERIFICATION_FAILED');
  const now = deps.clock.now();
  try {
    return await transact(deps.db, async (trx) => {
      await deps.sms.redeemCode(trx, verified);
      if ((await activeCardsOf(trx, memberId)).length >= MAX_BANK_CARDS) throw new AppError('CARD_LIMIT_REACHED', { max: MAX_BANK_CARDS });
      const card = await insertCard(trx, {
        member_id: memberId,
        card_enc: deps.vault.encrypt(cardNumber),
        card_index: cardIndex,
        pii_key_id: deps.vault.keyId,
        card_last4: cardNumber.slice(-4),
        bank_code: bin.bankCode,
        bank_name: bin.bankName,
        reserved_phone_enc: deps.vault.encrypt(input.reservedPhone),
        reserved_phone_last4: input.reservedPhone.slice(-4),
        bound_at: now,
      });
      await deps.audit.record(trx, {
        actor: { type: 'member', id: memberId, name: member.nickname },
        action: 'member.bank_card_bound',
        target: { type: 'bank_card', id: card.id },
        after: { bank: bin.bankName, card: maskCard(cardNumber) },
        ip: client.ip,
      });
      afterCommit(trx, () => deps.cache.invalidate(memberId));
      await deps.outbox.emit(trx, 'member.bank_card_bound', { memberId, cardId: card.id, bankCode: bin.bankCode, cardIndex });
      return presentCard(deps.vault, card);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CARD_ALREADY_BOUND');
    throw err;
  }
}
