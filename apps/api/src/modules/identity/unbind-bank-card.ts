import { afterCommit, transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { ClientInfo, IdentityDeps } from './deps.js';
import { unbindCard } from './repo.js';

export async function unbindBankCard(deps: IdentityDeps, memberId: string, cardId: string, client: ClientInfo): Promise<void> {
  const now = deps.clock.now();
  await transact(deps.db, async (trx) => {
    // Filtered by member: another member's card id is simply not found (no IDOR).
    const card = await unbindCard(trx, memberId, cardId, now);
    if (!card) throw new AppError('NOT_FOUND');
    await deps.audit.record(trx, {
      actor: { type: 'member', id: memberId },
      action: 'member.bank_card_unbound',
      target: { type: 'bank_card', id: card.id },
      before: { bank: card.bank_name, last4: card.card_last4 },
      ip: client.ip,
    });
    afterCommit(trx, () => deps.cache.invalidate(memberId));
    await deps.outbox.emit(trx, 'member.bank_card_unbound', { memberId, cardId: card.id });
  });
}
