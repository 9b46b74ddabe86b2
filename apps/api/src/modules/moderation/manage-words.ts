import type { SensitiveWordRequest } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { ModerationDeps } from './deps.js';
import * as repo from './repo.js';
import { citeRule } from './rules.js';
import { normaliseWord } from './screen.js';

const auditActor = (op: OperatorPrincipal) => ({ type: 'operator' as const, id: op.operatorId, name: op.displayName });
const wordView = (w: repo.WordRow) => ({ word: w.word, category: w.category, verdict: w.verdict, ruleCode: w.rule_code });

/**
 * Puts a word on the filter's list under a charter rule (RULE_UNKNOWN otherwise). A word already
 * listed is replaced — its old row is kept, disabled, as history. Audited; every instance reloads
 * its cached list once this commits.
 */
export async function addWord(deps: ModerationDeps, op: OperatorPrincipal, input: SensitiveWordRequest, ip: string | null) {
  const rule = await citeRule(deps, input.ruleCode);
  const word = normaliseWord(input.word);
  if (!word) throw new AppError('VALIDATION_FAILED', {}, [{ field: 'word', issue: 'empty after normalisation' }]);
  const row = await transact(deps.db, async (trx) => {
    await repo.lockWord(trx, word);
    const now = deps.clock.now();
    const replaced = await repo.disableWord(trx, { word }, op.displayName, now);
    const row = await repo.insertWord(trx, {
      word,
      category: input.category,
      verdict: input.verdict,
      rule_code: rule.code,
      created_by: op.displayName,
      created_at: now,
    });
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'moderation.word_added',
      target: { type: 'sensitive_word', id: row.id },
      before: replaced ? wordView(replaced) : null,
      after: wordView(row),
      ip,
    });
    deps.words.invalidateAfterCommit(trx);
    return row;
  });
  // This instance screens with the new list before the operator sees the answer.
  await deps.words.refresh();
  return row;
}

/** Takes a word off the list (the row stays, disabled). Audited; caches reload after commit. */
export async function removeWord(deps: ModerationDeps, op: OperatorPrincipal, id: string, ip: string | null): Promise<void> {
  await transact(deps.db, async (trx) => {
    const row = await repo.disableWord(trx, { id }, op.displayName, deps.clock.now());
    if (!row) throw new AppError('NOT_FOUND');
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'moderation.word_removed',
      target: { type: 'sensitive_word', id: row.id },
      before: wordView(row),
      ip,
    });
    deps.words.invalidateAfterCommit(trx);
  });
  await deps.words.refresh();
}
