import { z } from 'zod';
import { Timestamp } from './common.js';

/** What can be moderated: chat messages, threads, replies, live-room comments, and members themselves. */
export const MODERATION_TARGET_TYPES = ['message', 'thread', 'reply', 'live_comment', 'member'] as const;
export const ModerationTargetType = z.enum(MODERATION_TARGET_TYPES);
export type ModerationTargetType = z.infer<typeof ModerationTargetType>;

/** Every kind of moderation action; `hold` and `block` are the word filter's verdicts. */
export const MODERATION_ACTIONS = ['hide', 'delete', 'mute', 'remove_from_group', 'warn', 'hold', 'block', 'release', 'restore'] as const;
export const ModerationAction = z.enum(MODERATION_ACTIONS);
export type ModerationAction = z.infer<typeof ModerationAction>;

/** What staff (operators, group owners/admins/experts) may do by hand. */
export const STAFF_ACTIONS = ['hide', 'delete', 'mute', 'remove_from_group', 'warn', 'release', 'restore'] as const;
export const StaffAction = z.enum(STAFF_ACTIONS);
export type StaffAction = z.infer<typeof StaffAction>;

/** Actions a member may appeal (undoing ones — release, restore — are not). */
export const APPEALABLE_ACTIONS: readonly ModerationAction[] = ['hide', 'delete', 'mute', 'remove_from_group', 'warn', 'hold', 'block'];

/** Rows of the public log: the actions, plus the published outcome of each decided appeal. */
export const MODLOG_ACTIONS = [...MODERATION_ACTIONS, 'appeal_upheld', 'appeal_overturned'] as const;
export const ModlogAction = z.enum(MODLOG_ACTIONS);
export type ModlogAction = z.infer<typeof ModlogAction>;

export const ModerationActorKind = z.enum(['operator', 'group_admin', 'expert', 'filter', 'system']);
export type ModerationActorKind = z.infer<typeof ModerationActorKind>;

export const RuleCode = z.string().regex(/^R\d{1,3}$/);

/** The charter rule an action cites, as it read in the version in force at the time. */
export const CitedRule = z.object({ code: z.string(), title: z.string(), version: z.number().int() });

/** Who acted, by role only: `role` is stable ('community_manager', 'group_owner', 'word_filter'…), `label` is Chinese for display. */
export const ModlogActor = z.object({ kind: ModerationActorKind, role: z.string(), label: z.string() });

/**
 * One row of the public moderation log (`/modlog`). Never carries member ids or operator names; the
 * excerpt is redacted when written and null for content of private groups.
 */
export const PublicModlogEntry = z.object({
  id: z.string(),
  action: ModlogAction,
  /** Null only for content the filter blocked before it was stored, when the caller did not say what it was. */
  targetType: ModerationTargetType.nullable(),
  /** Only for content of public groups. */
  groupId: z.string().nullable(),
  rule: CitedRule,
  reason: z.string(),
  excerpt: z.string().nullable(),
  actor: ModlogActor,
  /** Mute length. */
  hours: z.number().int().nullable(),
  /** On an appeal outcome row: the action that was appealed. */
  appealOf: z.string().nullable(),
  /** On an action row: how its appeal ended, once decided. */
  appealOutcome: z.enum(['upheld', 'overturned']).nullable(),
  createdAt: Timestamp,
});
export type PublicModlogEntry = z.infer<typeof PublicModlogEntry>;

/** Keyset paging, newest first: `cursor` is the previous page's `nextCursor`. */
export const ModlogQuery = z.strictObject({
  cursor: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional(),
  action: ModlogAction.optional(),
  rule: RuleCode.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ModlogQuery = z.infer<typeof ModlogQuery>;

export const PublicModlogPage = z.object({ items: z.array(PublicModlogEntry), nextCursor: z.string().nullable() });
export type PublicModlogPage = z.infer<typeof PublicModlogPage>;

export const AppealStatus = z.enum(['pending', 'upheld', 'overturned']);
export type AppealStatus = z.infer<typeof AppealStatus>;

/** The console's view of a log row: everything, including who acted and against whom. */
export const StaffModlogEntry = PublicModlogEntry.extend({
  targetId: z.string().nullable(),
  groupId: z.string().nullable(),
  excerpt: z.string(),
  excerptPublic: z.boolean(),
  actorName: z.string().nullable(),
  actorOperatorId: z.string().nullable(),
  actorMemberId: z.string().nullable(),
  subjectMemberId: z.string().nullable(),
  appealStatus: AppealStatus.nullable(),
});
export type StaffModlogEntry = z.infer<typeof StaffModlogEntry>;

export const StaffModlogQuery = ModlogQuery.extend({
  memberId: z.uuid().optional(),
  targetType: ModerationTargetType.optional(),
  targetId: z.uuid().optional(),
});
export type StaffModlogQuery = z.infer<typeof StaffModlogQuery>;

export const StaffModlogPage = z.object({ items: z.array(StaffModlogEntry), nextCursor: z.string().nullable() });

/**
 * One moderation action, from the console or a group's owner/admin/expert. `ruleCode` and `reason`
 * are checked by the use case (RULE_REQUIRED, RULE_UNKNOWN) rather than the schema, so a missing rule
 * gets its own error code. `hours` only for mute; `groupId` for member targets (removal, group mute).
 */
export const ModerationActRequest = z.strictObject({
  action: StaffAction,
  target: z.strictObject({ type: ModerationTargetType, id: z.uuid() }),
  ruleCode: z.string().trim().max(8).optional(),
  reason: z.string().trim().max(500).optional(),
  hours: z.number().int().min(1).max(720).optional(),
  groupId: z.uuid().optional(),
});
export type ModerationActRequest = z.infer<typeof ModerationActRequest>;

export const ReportRequest = z.strictObject({
  targetType: ModerationTargetType,
  targetId: z.uuid(),
  /** Required (RULE_REQUIRED when missing): a report names the rule it thinks was broken. */
  ruleCode: z.string().trim().max(8).optional(),
  note: z.string().trim().max(500).optional(),
});
export type ReportRequest = z.infer<typeof ReportRequest>;

export const ReportReceipt = z.object({ id: z.string(), status: z.enum(['open', 'actioned', 'dismissed']), createdAt: Timestamp });

export const AppealRequest = z.strictObject({ actionId: z.uuid(), reason: z.string().trim().min(1).max(1000) });
export type AppealRequest = z.infer<typeof AppealRequest>;

/** A member's appeal, with the action it is about (as the public log shows it, excerpt included). */
export const Appeal = z.object({
  id: z.string(),
  actionId: z.string(),
  status: AppealStatus,
  reason: z.string(),
  decisionNote: z.string().nullable(),
  decidedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  action: PublicModlogEntry.extend({ excerpt: z.string() }),
});
export type Appeal = z.infer<typeof Appeal>;

export const ConsoleAppeal = Appeal.extend({
  memberId: z.string(),
  decidedBy: z.string().nullable(),
  action: StaffModlogEntry,
});
export type ConsoleAppeal = z.infer<typeof ConsoleAppeal>;

export const AppealsQuery = z.strictObject({
  status: AppealStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const AppealDecisionRequest = z.strictObject({
  outcome: z.enum(['upheld', 'overturned']),
  /** Published with the outcome and sent to the member. */
  note: z.string().trim().min(1).max(500),
});
export type AppealDecisionRequest = z.infer<typeof AppealDecisionRequest>;

/** An action against the member themself, with their own (unredacted-context) excerpt and appeal state. */
export const MyModerationEntry = PublicModlogEntry.extend({
  excerpt: z.string(),
  /** For a mute: when it ends (or ended). */
  until: Timestamp.nullable(),
  appealable: z.boolean(),
  appeal: z
    .object({ id: z.string(), status: AppealStatus, decisionNote: z.string().nullable(), decidedAt: Timestamp.nullable() })
    .nullable(),
});
export type MyModerationEntry = z.infer<typeof MyModerationEntry>;

export const MyModerationPage = z.object({ items: z.array(MyModerationEntry), nextCursor: z.string().nullable() });

/** What the queue shows of a target: its current text, fetched from the module that owns it. */
export const TargetPreview = z.object({ authorId: z.string().nullable(), text: z.string(), link: z.string().nullable() });

export const QueueReportsItem = z.object({
  kind: z.literal('reports'),
  targetType: ModerationTargetType,
  targetId: z.string(),
  groupId: z.string().nullable(),
  reportCount: z.number().int(),
  rules: z.array(z.object({ code: z.string(), count: z.number().int() })),
  firstReportedAt: Timestamp,
  reports: z.array(
    z.object({ id: z.string(), reporterId: z.string(), ruleCode: z.string(), note: z.string().nullable(), createdAt: Timestamp }),
  ),
  /** Null when the target no longer exists (withdrawn or deleted by its owner). */
  content: TargetPreview.nullable(),
});

export const QueueHeldItem = z.object({
  kind: z.literal('held'),
  actionId: z.string(),
  targetType: ModerationTargetType,
  targetId: z.string(),
  groupId: z.string().nullable(),
  matchedWord: z.string(),
  ruleCode: z.string(),
  heldAt: Timestamp,
  content: TargetPreview.nullable(),
});

/** Open reports (grouped by target) and held content, oldest first. */
export const ModerationQueue = z.object({ items: z.array(z.discriminatedUnion('kind', [QueueReportsItem, QueueHeldItem])) });
export type ModerationQueue = z.infer<typeof ModerationQueue>;

export const QueueQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const DismissReportsRequest = z.strictObject({ note: z.string().trim().max(500).optional() });
export const DismissReportsResponse = z.object({ dismissed: z.number().int() });

export const SensitiveWordCategory = z.enum(['contact', 'promise', 'other']);
export type SensitiveWordCategory = z.infer<typeof SensitiveWordCategory>;
/** flag: shown with a warning to readers; hold: kept back until reviewed; block: refused. */
export const SensitiveWordVerdict = z.enum(['flag', 'hold', 'block']);
export type SensitiveWordVerdict = z.infer<typeof SensitiveWordVerdict>;

export const SensitiveWord = z.object({
  id: z.string(),
  word: z.string(),
  category: SensitiveWordCategory,
  verdict: SensitiveWordVerdict,
  ruleCode: z.string(),
  createdBy: z.string(),
  createdAt: Timestamp,
});
export type SensitiveWord = z.infer<typeof SensitiveWord>;

/** Adding a word that is already on the list replaces its category, verdict and rule. */
export const SensitiveWordRequest = z.strictObject({
  word: z.string().trim().min(1).max(30),
  category: SensitiveWordCategory,
  verdict: SensitiveWordVerdict,
  ruleCode: RuleCode,
});
export type SensitiveWordRequest = z.infer<typeof SensitiveWordRequest>;

export const SensitiveWords = z.object({ items: z.array(SensitiveWord) });
