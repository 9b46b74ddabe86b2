import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { ClientInfo, IdentityDeps } from './deps.js';
import { UUID } from '../../platform/ids.js';
import { cardById, memberById } from './repo.js';

export interface RevealInput {
  field: 'phone' | 'idNumber' | 'cardNumber';
  cardId?: string | undefined;
  reason: string;
}

/**
 * Shows one unmasked value to an operator holding `pii.reveal`. The audit entry is committed before
 * the value leaves the server: no record, no reveal.
 */
export async function revealMemberPii(
  deps: IdentityDeps,
  operator: OperatorPrincipal,
  memberId: string,
  input: RevealInput,
  client: ClientInfo,
) {
  if (input.reason.trim().length < 2) throw new AppError('REASON_REQUIRED');
  const member = await memberById(deps.db, memberId);
  if (!member) throw new AppError('NOT_FOUND');
  let sealed: string | null = null;
  if (input.field === 'phone') sealed = member.phone_enc;
  if (input.field === 'idNumber') sealed = member.id_number_enc;
  if (input.field === 'cardNumber') {
    if (!input.cardId) throw new AppError('VALIDATION_FAILED');
    if (!UUID.test(input.cardId)) throw new AppError('NOT_FOUND');
    sealed = (await cardById(deps.db, memberId, input.cardId))?.card_enc ?? null;
  }
  if (!sealed) throw new AppError('NOT_FOUND');
  await transact(deps.db, (trx) =>
    deps.audit.record(trx, {
      actor: { type: 'operator', id: operator.operatorId, name: operator.displayName },
      action: 'pii.revealed',
      target: { type: 'member', id: memberId },
      after: { field: input.field, cardId: input.cardId ?? null, reason: input.reason.trim() },
      ip: client.ip,
    }),
  );
  return { field: input.field, value: deps.vault.decrypt(sealed) };
}
