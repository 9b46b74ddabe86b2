import { sql } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';
import { afterCommit, transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { IdentityDeps } from './deps.js';

/**
 * Words that would let a member pass as staff. Compared after removing spaces and punctuation and
 * folding case, so "官 方" or "Admin" are caught too.
 */
export const RESERVED_NAME_WORDS = [
  '官方',
  '客服',
  '管理员',
  '管理',
  '运营',
  '平台',
  '系统',
  '圈子',
  '专家',
  'admin',
  'official',
  'quanzi',
];

const fold = (text: string) => text.toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');

/** The reserved word a nickname contains, or null. */
export function reservedWordIn(nickname: string): string | null {
  const folded = fold(nickname);
  return RESERVED_NAME_WORDS.find((w) => folded.includes(w)) ?? null;
}

/** Display names for many members at once (community screens show dozens per page). */
export async function nicknamesOf(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const { rows } = await sql<{ id: string; nickname: string }>`
    SELECT id, nickname FROM members WHERE id = ANY(${unique}::uuid[])`.execute(db);
  return new Map(rows.map((r) => [r.id, r.nickname]));
}

/** Changes the member's nickname; reserved words and control characters are refused. */
export async function setNickname(deps: Pick<IdentityDeps, 'db' | 'cache' | 'audit'>, memberId: string, nickname: string) {
  const clean = nickname.normalize('NFKC').trim();
  if (/[\p{C}]/u.test(clean) || clean.length < 2 || clean.length > 16)
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'nickname', issue: '2–16 printable characters' }]);
  const word = reservedWordIn(clean);
  if (word) throw new AppError('RESERVED_NAME', { word });
  return transact(deps.db, async (trx) => {
    const { rows } = await sql<{ nickname: string }>`
      UPDATE members SET nickname = ${clean} WHERE id = ${memberId} AND status = 'active' RETURNING nickname`.execute(trx);
    if (!rows[0]) throw new AppError('NOT_FOUND');
    await deps.audit.record(trx, {
      actor: { type: 'member', id: memberId, name: clean },
      action: 'member.nickname_changed',
      target: { type: 'member', id: memberId },
      after: { nickname: clean },
      ip: null,
    });
    afterCommit(trx, () => deps.cache.invalidate(memberId));
    return { nickname: clean };
  });
}
