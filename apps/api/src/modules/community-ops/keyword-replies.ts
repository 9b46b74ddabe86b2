import type { KeywordReply } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { isUuid } from '../../platform/ids.js';
import { assertCompliant } from './compliance.js';
import type { PostedMessage } from './alarms.js';
import { auditActor, type CommunityOpsDeps } from './deps.js';
import * as repo from './repo.js';
import { checkRegex, timedTest } from './safe-regex.js';

/**
 * A group's automatic replies: each one answers a trigger once and only one rule answers a
 * message; a group gets at most REPLIES_PER_MINUTE of them in any minute, so two bots (or a member
 * pasting the keyword) can never make the official account loop. The official account's own
 * messages never trigger a rule.
 */
export const REPLIES_PER_MINUTE = 3;
const MAX_RULES_PER_GROUP = 50;

const present = (r: repo.KeywordRuleRow): KeywordReply => ({
  id: r.id,
  groupId: r.group_id,
  matchKind: r.match_kind,
  pattern: r.pattern,
  reply: r.reply,
  enabled: r.enabled,
  hitCount: r.hit_count,
  createdAt: r.created_at.toISOString(),
});

const normalise = (text: string) => text.normalize('NFKC').trim().toLowerCase();

/** Whether a rule matches a message (a regex that runs out of time does not). */
export function ruleMatches(rule: Pick<repo.KeywordRuleRow, 'match_kind' | 'pattern'>, text: string): boolean {
  if (rule.match_kind === 'exact') return normalise(text) === normalise(rule.pattern);
  if (rule.match_kind === 'contains') return normalise(text).includes(normalise(rule.pattern));
  return timedTest(rule.pattern, text.normalize('NFKC')) === true;
}

async function assertGroup(deps: CommunityOpsDeps, groupId: string) {
  if (!(await deps.community.groupExists(groupId))) throw new AppError('NOT_FOUND');
}

export async function listKeywordReplies(deps: CommunityOpsDeps, groupId: string) {
  await assertGroup(deps, groupId);
  return { items: (await repo.keywordRules(deps.db, groupId)).map(present) };
}

export async function createKeywordReply(
  deps: CommunityOpsDeps,
  op: OperatorPrincipal,
  groupId: string,
  input: { matchKind: 'exact' | 'contains' | 'regex'; pattern: string; reply: string },
  ip: string | null,
): Promise<KeywordReply> {
  await assertGroup(deps, groupId);
  if (input.matchKind === 'regex') {
    const verdict = checkRegex(input.pattern);
    if (!verdict.ok && verdict.reason === 'invalid') throw new AppError('KEYWORD_PATTERN_INVALID', { reason: verdict.detail });
    if (!verdict.ok) throw new AppError('KEYWORD_PATTERN_UNSAFE');
  }
  assertCompliant({ reply: input.reply });
  return transact(deps.db, async (trx) => {
    await repo.lockGroupAutomation(trx, groupId);
    if ((await repo.keywordRules(trx, groupId)).length >= MAX_RULES_PER_GROUP)
      throw new AppError('KEYWORD_PATTERN_INVALID', { reason: `每个圈子最多 ${MAX_RULES_PER_GROUP} 条规则` });
    const row = await repo.insertKeywordRule(trx, {
      group_id: groupId,
      match_kind: input.matchKind,
      pattern: input.pattern,
      reply: input.reply,
      created_by: op.operatorId,
      created_at: deps.clock.now(),
    });
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'community_ops.keyword_reply_created',
      target: { type: 'group', id: groupId },
      after: present(row),
      ip,
    });
    return present(row);
  });
}

export async function setKeywordReplyEnabled(
  deps: CommunityOpsDeps,
  op: OperatorPrincipal,
  groupId: string,
  id: string,
  enabled: boolean,
  ip: string | null,
): Promise<KeywordReply> {
  if (!isUuid(id)) throw new AppError('NOT_FOUND');
  return transact(deps.db, async (trx) => {
    const row = await repo.setKeywordRuleEnabled(trx, groupId, id, enabled);
    if (!row) throw new AppError('NOT_FOUND');
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: enabled ? 'community_ops.keyword_reply_enabled' : 'community_ops.keyword_reply_disabled',
      target: { type: 'group', id: groupId },
      after: present(row),
      ip,
    });
    return present(row);
  });
}

export async function deleteKeywordReply(deps: CommunityOpsDeps, op: OperatorPrincipal, groupId: string, id: string, ip: string | null) {
  if (!isUuid(id)) throw new AppError('NOT_FOUND');
  await transact(deps.db, async (trx) => {
    const row = await repo.deleteKeywordRule(trx, groupId, id, deps.clock.now());
    if (!row) throw new AppError('NOT_FOUND');
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'community_ops.keyword_reply_deleted',
      target: { type: 'group', id: groupId },
      before: present(row),
      ip,
    });
  });
}

/**
 * The keyword side of a posted message: the first enabled rule that matches answers it as the
 * official account, quoting it — unless the author is the official account, the message was
 * answered already (a redelivered event), or the group had its minute's share of automatic replies.
 */
export async function autoReply(deps: CommunityOpsDeps, m: PostedMessage): Promise<'replied' | 'none' | 'rate_limited'> {
  if (m.authorRole === 'official' || m.authorId === deps.community.officialAccountId || !m.text) return 'none';
  const rule = (await repo.keywordRules(deps.db, m.groupId, true)).find((r) => ruleMatches(r, m.text));
  if (!rule) return 'none';
  return transact(deps.db, async (trx) => {
    await repo.lockGroupAutomation(trx, m.groupId);
    if (await repo.autoReplyExists(trx, m.messageId)) return 'none';
    const now = deps.clock.now();
    if ((await repo.autoRepliesSince(trx, m.groupId, new Date(now.getTime() - 60_000))) >= REPLIES_PER_MINUTE) return 'rate_limited';
    const posted = await deps.community.postOfficial(trx, m.groupId, { text: rule.reply, replyToId: m.messageId });
    await repo.recordAutoReply(trx, {
      group_id: m.groupId,
      rule_id: rule.id,
      trigger_message_id: m.messageId,
      reply_message_id: posted.id,
      replied_at: now,
    });
    return 'replied';
  });
}
