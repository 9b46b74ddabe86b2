import type { ModerationTargetType, ModlogAction } from '@quanzi/contracts';

export interface ModlogFilters {
  action?: ModlogAction;
  rule?: string;
  targetType?: ModerationTargetType;
  memberId?: string;
}

/** The query string of `GET /moderation/log` for the filters (empty ones left out) and a page cursor. */
export function modlogQuery(filters: ModlogFilters, cursor?: string, limit = 30): string {
  const q = new URLSearchParams({ limit: String(limit) });
  if (filters.action) q.set('action', filters.action);
  if (filters.rule) q.set('rule', filters.rule);
  if (filters.targetType) q.set('targetType', filters.targetType);
  const member = filters.memberId?.trim();
  if (member) q.set('memberId', member);
  if (cursor) q.set('cursor', cursor);
  return q.toString();
}

/** Tag colours: removals red, restrictions warm, undoing green, appeal outcomes neutral/blue. */
export const ACTION_COLORS: Record<ModlogAction, string> = {
  hide: 'orange',
  delete: 'red',
  mute: 'volcano',
  remove_from_group: 'magenta',
  warn: 'gold',
  hold: 'orange',
  block: 'red',
  release: 'green',
  restore: 'green',
  appeal_upheld: 'default',
  appeal_overturned: 'blue',
};
