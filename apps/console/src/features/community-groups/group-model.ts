import type {
  ConsoleGroup as ConsoleGroupSchema,
  CreateGroupRequest as CreateGroupRequestSchema,
  GroupMember as GroupMemberSchema,
  MessagePage as MessagePageSchema,
  UpdateGroupRequest as UpdateGroupRequestSchema,
} from '@quanzi/contracts';

type Parsed<S extends { _output: unknown }> = S['_output'];
type Input<S extends { _input: unknown }> = S['_input'];
export type ConsoleGroup = Parsed<typeof ConsoleGroupSchema>;
export type GroupMember = Parsed<typeof GroupMemberSchema>;
export type MessagePage = Parsed<typeof MessagePageSchema>;
export type GroupMessage = MessagePage['items'][number];
export type CreateGroupRequest = Input<typeof CreateGroupRequestSchema>;
export type GroupSettingsRequest = Input<typeof UpdateGroupRequestSchema>;
export type Visibility = ConsoleGroup['visibility'];
export type JoinPolicy = ConsoleGroup['joinPolicy'];

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const LIMITS = { nameMin: 2, nameMax: 30, description: 500, topic: 30, announcement: 500, slowModeMax: 3600 } as const;

/** Slow-mode choices in seconds (0 = off); a group's current value is offered too when it is not one of these. */
export const SLOW_MODE_PRESETS = [0, 5, 10, 30, 60, 300, 900, 3600] as const;

export function slowModeOptions(current?: number): number[] {
  const all = new Set<number>(SLOW_MODE_PRESETS);
  if (current !== undefined && current >= 0 && current <= LIMITS.slowModeMax) all.add(current);
  return [...all].sort((a, b) => a - b);
}

/** A slow-mode interval split for display: "30 秒", "5 分钟", "1 小时". */
export function slowModeParts(seconds: number): { unit: 'off' | 'seconds' | 'minutes' | 'hours'; count: number } {
  if (seconds <= 0) return { unit: 'off', count: 0 };
  if (seconds % 3600 === 0) return { unit: 'hours', count: seconds / 3600 };
  if (seconds % 60 === 0) return { unit: 'minutes', count: seconds / 60 };
  return { unit: 'seconds', count: seconds };
}

/** A private group cannot be open to anyone: it takes approval or an invite code (the server refuses otherwise). */
export const joinPoliciesFor = (visibility: Visibility | undefined): JoinPolicy[] =>
  visibility === 'private' ? ['approval', 'invite'] : ['open', 'approval', 'invite'];

export interface GroupFormValues {
  name?: string;
  description?: string;
  visibility?: Visibility;
  joinPolicy?: JoinPolicy;
  topic?: string;
  productId?: string | null;
  ownerMemberId?: string;
  slowModeSeconds?: number;
}

/** The create request: text trimmed, empty optional fields left out. */
export function toCreateGroupRequest(v: GroupFormValues): CreateGroupRequest {
  if (!v.visibility || !v.joinPolicy) throw new Error('visibility and join policy are required');
  const topic = v.topic?.trim();
  const owner = v.ownerMemberId?.trim();
  return {
    name: (v.name ?? '').trim(),
    description: (v.description ?? '').trim(),
    visibility: v.visibility,
    joinPolicy: v.joinPolicy,
    slowModeSeconds: v.slowModeSeconds ?? 0,
    ...(topic ? { topic } : {}),
    ...(v.productId ? { productId: v.productId } : {}),
    ...(owner ? { ownerMemberId: owner } : {}),
  };
}

export interface SettingsFormValues {
  description?: string;
  announcement?: string;
  slowModeSeconds?: number;
}

/**
 * What changed in the settings form, as the PATCH body; an emptied announcement is removed (null).
 * Returns null when nothing changed.
 */
export function toSettingsRequest(
  v: SettingsFormValues,
  group: Pick<ConsoleGroup, 'description' | 'announcement' | 'slowModeSeconds'>,
): GroupSettingsRequest | null {
  const out: GroupSettingsRequest = {};
  const description = (v.description ?? '').trim();
  if (description !== group.description) out.description = description;
  const announcement = (v.announcement ?? '').trim() || null;
  if (announcement !== (group.announcement ?? null)) out.announcement = announcement;
  if (v.slowModeSeconds !== undefined && v.slowModeSeconds !== group.slowModeSeconds) out.slowModeSeconds = v.slowModeSeconds;
  return Object.keys(out).length ? out : null;
}

/** Messages oldest first by their per-group sequence, without duplicates (pages can overlap after new posts). */
export function mergeMessages(older: readonly GroupMessage[], newer: readonly GroupMessage[]): GroupMessage[] {
  const bySeq = new Map<string, GroupMessage>();
  for (const m of [...older, ...newer]) bySeq.set(m.id, m);
  return [...bySeq.values()].sort((a, b) => {
    const x = BigInt(a.seq);
    const y = BigInt(b.seq);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
