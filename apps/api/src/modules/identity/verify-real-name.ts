import { ageOn, chineseNameValid, parseIdNumber, type MemberProfile } from '@quanzi/contracts';
import { shanghaiDay } from '../../platform/clock.js';
import { afterCommit, transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { maskIdNumber, maskName } from '../../platform/security/mask.js';
import type { ClientInfo, IdentityDeps } from './deps.js';
import { presentProfile } from './present.js';
import { activeCardsOf, idNumberIndexTaken, isUniqueViolation, memberByIdForUpdate, updateMember } from './repo.js';

export const ADULT_AGE = 18;

/** Real-name verification: a Chinese name and an 18-digit resident ID of an adult, one ID per account. */
export async function verifyRealName(
  deps: IdentityDeps,
  memberId: string,
  rawName: string,
  rawId: string,
  client: ClientInfo,
): Promise<MemberProfile> {
  const name = rawName.trim();
  if (!chineseNameValid(name)) throw new AppError('INVALID_NAME');
  const id = parseIdNumber(rawId);
  if (!id) throw new AppError('INVALID_ID_NUMBER');
  const now = deps.clock.now();
  if (ageOn(id.birthDate, shanghaiDay(now)) < ADULT_AGE) throw new AppError('UNDERAGE');
  const idIndex = deps.vault.blindIndex('id-number', id.normalized);
  try {
    return await transact(deps.db, async (trx) => {
      const member = (await memberByIdForUpdate(trx, memberId))!;
      if (member.real_name_verified_at) throw new AppError('ALREADY_VERIFIED');
      if (await idNumberIndexTaken(trx, deps.vault.blindIndexes('id-number', id.normalized))) throw new AppError('ID_NUMBER_TAKEN');
      const updated = await updateMember(trx, memberId, {
        real_name_enc: deps.vault.encrypt(name),
        id_number_enc: deps.vault.encrypt(id.normalized),
        id_number_index: idIndex,
        real_name_verified_at: now,
      });
      await deps.audit.record(trx, {
        actor: { type: 'member', id: memberId, name: member.nickname },
        action: 'member.real_name_verified',
        target: { type: 'member', id: memberId },
        before: { verified: false },
        after: { verified: true, name: maskName(name), idNumber: maskIdNumber(id.normalized) },
        ip: client.ip,
      });
      afterCommit(trx, () => deps.cache.invalidate(memberId));
      await deps.outbox.emit(trx, 'member.real_name_verified', { memberId, birthYear: Number(id.birthDate.slice(0, 4)), sex: id.sex });
      return presentProfile(deps.vault, updated, await activeCardsOf(trx, memberId));
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('ID_NUMBER_TAKEN');
    throw err;
  }
}
