import type { Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { FILTER_STAMP } from './actors.js';
import type { ModerationDeps } from './deps.js';
import { recordAction } from './record-action.js';
import { redact } from './redact.js';
import * as repo from './repo.js';
import { citeFilterRule } from './rules.js';
import type { ScreenMatch } from './screen.js';
import type { TargetType } from './targets.js';

export interface FilterRecordInput {
  verdict: 'hold' | 'block';
  /**
   * A held target is stored (kept from readers until released) and has an id; blocked content never
   * is, but say what it would have been ({ type: 'message' }) so the log can.
   */
  target?: { type: TargetType; id?: string | null | undefined } | undefined;
  authorId: string | null;
  text: string;
  /** When omitted for a stored target, read from its TargetHandler. */
  groupId?: string | null | undefined;
  /** Defaults like TargetDescription: private inside a group, public otherwise. */
  visibility?: 'public' | 'private' | undefined;
  /** The match that decided the verdict (from `screen`). */
  match: Pick<ScreenMatch, 'word' | 'ruleCode'>;
}

/**
 * The word filter's actions land in the public log like anyone's (actor: the filter, rule: the
 * word's), notify the author with an appeal link, and a hold enters the console queue with the word
 * that matched. Inside the caller's transaction for a hold (the content and its hold commit
 * together); a block should be recorded in its own (no `trx`) since the caller then refuses the post.
 */
export async function recordFilter(deps: ModerationDeps, trx: Tx | undefined, input: FilterRecordInput): Promise<{ actionId: string }> {
  if (!trx) return transact(deps.db, (own) => recordFilter(deps, own, input));
  const targetType = input.target?.type ?? null;
  const targetId = input.target?.id ?? null;
  if (input.verdict === 'hold' && !(targetType && targetId)) throw new Error('a filter hold needs the stored content: target { type, id }');
  const rule = await citeFilterRule(deps, input.match.ruleCode);
  const described =
    targetType && targetId && input.groupId === undefined ? await deps.targets.handler(targetType)?.describe(trx, targetId) : undefined;
  const groupId = input.groupId ?? described?.groupId ?? null;
  const visibility = input.visibility ?? described?.visibility ?? (groupId ? 'private' : 'public');
  const now = deps.clock.now();
  const row = await recordAction(
    deps,
    trx,
    {
      action: input.verdict,
      target_type: targetType,
      target_id: targetId,
      group_id: groupId,
      rule_code: rule.code,
      rule_title: rule.title,
      charter_version: rule.version,
      reason: `命中敏感词“${input.match.word}”`,
      excerpt: redact(input.text),
      excerpt_public: visibility === 'public',
      ...FILTER_STAMP,
      subject_member_id: input.authorId,
      hours: null,
      appeal_of: null,
      created_at: now,
    },
    { notify: true, closeReports: false, word: input.match.word },
  );
  if (input.verdict === 'hold')
    await repo.insertHold(trx, {
      action_id: row.id,
      target_type: targetType!,
      target_id: targetId!,
      matched_word: input.match.word,
      created_at: now,
    });
  return { actionId: row.id };
}
