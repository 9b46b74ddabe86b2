import type {
  ModerationActRequest,
  ModerationQueue,
  ModerationTargetType,
  PublicCharter as PublicCharterSchema,
  StaffAction,
} from '@quanzi/contracts';

type Parsed<S extends { _output: unknown }> = S['_output'];
export type PublicCharter = Parsed<typeof PublicCharterSchema>;
export type CharterRule = PublicCharter['current']['rules'][number];
export type QueueItem = ModerationQueue['items'][number];
export type ReportsItem = Extract<QueueItem, { kind: 'reports' }>;
export type HeldItem = Extract<QueueItem, { kind: 'held' }>;

/** Mute lengths offered as shortcuts (hours); any 1–720 may be typed. */
export const MUTE_PRESETS = [1, 24, 72, 168, 720] as const;
export const MUTE_MAX_HOURS = 720;
export const REASON_MAX = 500;

/** What is being acted on, as the act modal needs it. */
export interface ActTarget {
  type: ModerationTargetType;
  id: string;
  /** The content's group, or for a member the group to remove them from / mute them in. */
  groupId: string | null;
  /** The text being judged (plain text), when there is one. */
  excerpt?: string | null;
  authorId?: string | null;
}

/**
 * The actions that make sense for a target. Content is hidden, deleted or (when held) released;
 * its author is warned, muted or removed from the content's group. A member target has no content
 * to hide; removing from a group needs a group. Restoring is offered from the log, not the queue.
 */
export function actionsFor(target: Pick<ActTarget, 'type' | 'groupId' | 'authorId'>, held = false): StaffAction[] {
  if (target.type === 'member') return target.groupId ? ['warn', 'mute', 'remove_from_group'] : ['warn', 'mute'];
  const content: StaffAction[] = held ? ['release', 'delete'] : ['hide', 'delete'];
  if (target.authorId === null) return content;
  return [...content, 'warn', 'mute', ...(target.groupId ? (['remove_from_group'] as const) : [])];
}

/** Destructive actions get a red confirm button. */
export const isDestructive = (action: StaffAction): boolean => action === 'delete' || action === 'remove_from_group';

export interface ActFormValues {
  action: StaffAction;
  ruleCode?: string;
  reason?: string;
  hours?: number | null;
}

/**
 * The request the act modal sends: the rule and trimmed reason always (the server refuses without
 * them), hours only for a mute, and the group only for a member target (content carries its own).
 */
export function toActRequest(values: ActFormValues, target: ActTarget): ModerationActRequest {
  return {
    action: values.action,
    target: { type: target.type, id: target.id },
    ruleCode: values.ruleCode?.trim() ?? '',
    reason: values.reason?.trim() ?? '',
    ...(values.action === 'mute' && values.hours ? { hours: values.hours } : {}),
    ...(target.type === 'member' && target.groupId ? { groupId: target.groupId } : {}),
  };
}

/** The queue, oldest first (the server sends it so; kept stable when filtered on the page). */
export const queueTime = (item: QueueItem): string => (item.kind === 'reports' ? item.firstReportedAt : item.heldAt);

export function oldestFirst(items: readonly QueueItem[]): QueueItem[] {
  return [...items].sort((a, b) => queueTime(a).localeCompare(queueTime(b)));
}

/** A stable key for a queue row: one per reported target, one per held action. */
export const queueKey = (item: QueueItem): string =>
  item.kind === 'reports' ? `reports:${item.targetType}:${item.targetId}` : `held:${item.actionId}`;

/** The rule most reports cite (the modal's default), ties going to the lower code. */
export function mostCitedRule(item: ReportsItem): string | undefined {
  const ranked = [...item.rules].sort((a, b) => b.count - a.count || ruleNumber(a.code) - ruleNumber(b.code));
  return ranked[0]?.code;
}

const ruleNumber = (code: string): number => Number(/^R(\d+)$/.exec(code)?.[1] ?? Number.MAX_SAFE_INTEGER);

/** How many of each kind are waiting, for the tab counts. */
export function countByKind(items: readonly QueueItem[]): { reports: number; held: number; reportTotal: number } {
  let reports = 0;
  let held = 0;
  let reportTotal = 0;
  for (const item of items) {
    if (item.kind === 'held') held++;
    else {
      reports++;
      reportTotal += item.reportCount;
    }
  }
  return { reports, held, reportTotal };
}

/** A rule's label for pickers and tables: "R2 禁止站外引流", or just the code when it is not in the current charter. */
export function ruleLabel(code: string, rules: readonly CharterRule[] | undefined): string {
  const rule = rules?.find((r) => r.code === code);
  return rule ? `${rule.code} ${rule.title}` : code;
}
