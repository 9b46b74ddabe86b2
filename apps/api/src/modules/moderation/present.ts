import type { Appeal, ConsoleAppeal, MyModerationEntry, PublicModlogEntry, SensitiveWord, StaffModlogEntry } from '@quanzi/contracts';
import { APPEALABLE_ACTIONS } from '@quanzi/contracts';
import { roleLabel } from './actors.js';
import type * as repo from './repo.js';

/** A freshly written row has no appeal and, from this query's point of view, no mute detail. */
export const asLogRow = (row: repo.ActionRow, mute?: { until: Date }): repo.LogRow => ({
  ...row,
  appeal_id: null,
  appeal_status: null,
  appeal_note: null,
  appeal_decided_at: null,
  mute_until: mute?.until ?? null,
  mute_lifted_at: null,
});

const decided = (status: repo.LogRow['appeal_status']) => (status === 'upheld' || status === 'overturned' ? status : null);

/** What anyone may see: role not name, no member or operator ids, no excerpt or group of private content. */
export function presentPublic(row: repo.LogRow): PublicModlogEntry {
  return {
    id: row.id,
    action: row.action,
    targetType: row.target_type,
    groupId: row.excerpt_public ? row.group_id : null,
    rule: { code: row.rule_code, title: row.rule_title, version: row.charter_version },
    reason: row.reason,
    excerpt: row.excerpt_public && row.excerpt ? row.excerpt : null,
    actor: { kind: row.actor_kind, role: row.actor_role, label: roleLabel(row.actor_role) },
    hours: row.hours,
    appealOf: row.appeal_of,
    appealOutcome: decided(row.appeal_status),
    createdAt: row.created_at.toISOString(),
  };
}

export function presentStaff(row: repo.LogRow): StaffModlogEntry {
  return {
    ...presentPublic(row),
    targetId: row.target_id,
    groupId: row.group_id,
    excerpt: row.excerpt,
    excerptPublic: row.excerpt_public,
    actorName: row.actor_name,
    actorOperatorId: row.actor_operator_id,
    actorMemberId: row.actor_member_id,
    subjectMemberId: row.subject_member_id,
    appealStatus: row.appeal_status,
  };
}

/** The member's own view: their excerpt even from a private group, the mute's end, the appeal. */
export function presentMine(row: repo.LogRow): MyModerationEntry {
  const muteEnd = row.mute_lifted_at ?? row.mute_until;
  return {
    ...presentPublic(row),
    excerpt: row.excerpt,
    until: muteEnd ? muteEnd.toISOString() : null,
    appealable: row.appeal_id === null && (APPEALABLE_ACTIONS as readonly string[]).includes(row.action) && !liftedEarly(row),
    appeal: row.appeal_id
      ? {
          id: row.appeal_id,
          status: row.appeal_status!,
          decisionNote: row.appeal_note,
          decidedAt: row.appeal_decided_at?.toISOString() ?? null,
        }
      : null,
  };
}

/** A mute lifted early leaves nothing to appeal (content state is checked when the appeal is made). */
const liftedEarly = (row: repo.LogRow) => row.action === 'mute' && row.mute_lifted_at !== null;

export function presentAppeal(a: repo.AppealRow, action: repo.LogRow): Appeal {
  return {
    id: a.id,
    actionId: a.action_id,
    status: a.status,
    reason: a.reason,
    decisionNote: a.decision_note,
    decidedAt: a.decided_at?.toISOString() ?? null,
    createdAt: a.created_at.toISOString(),
    action: { ...presentPublic(action), excerpt: action.excerpt },
  };
}

export function presentConsoleAppeal(a: repo.AppealRow, action: repo.LogRow): ConsoleAppeal {
  return { ...presentAppeal(a, action), memberId: a.member_id, decidedBy: a.decided_by, action: presentStaff(action) };
}

export function presentWord(w: repo.WordRow): SensitiveWord {
  return {
    id: w.id,
    word: w.word,
    category: w.category,
    verdict: w.verdict,
    ruleCode: w.rule_code,
    createdBy: w.created_by,
    createdAt: w.created_at.toISOString(),
  };
}
