import type { ModerationQueue } from '@quanzi/contracts';
import type { ModerationDeps } from './deps.js';
import * as repo from './repo.js';
import type { TargetType } from './targets.js';

type Item = ModerationQueue['items'][number];

/**
 * The console's queue: open reports grouped by target (with how many and under which rules) and
 * content the filter held (with the word that matched), oldest first — what waited longest is
 * handled first. The content is read from the module that owns it, so staff see it as it is now.
 */
export async function listQueue(deps: Pick<ModerationDeps, 'db' | 'targets'>, limit: number): Promise<ModerationQueue> {
  const [groups, holds] = await Promise.all([repo.openReportGroups(deps.db, limit), repo.openHolds(deps.db, limit)]);
  const preview = async (type: TargetType, id: string) => {
    const found = await deps.targets.handler(type)?.describe(deps.db, id);
    return found ? { authorId: found.authorId, text: found.text, link: found.link } : null;
  };
  const reportItems = groups.map(async (g): Promise<{ at: Date; item: Item }> => {
    const rules = new Map<string, number>();
    for (const r of g.reports) rules.set(r.ruleCode, (rules.get(r.ruleCode) ?? 0) + 1);
    return {
      at: g.first_at,
      item: {
        kind: 'reports',
        targetType: g.target_type,
        targetId: g.target_id,
        groupId: g.group_id,
        reportCount: g.reports.length,
        rules: [...rules].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count),
        firstReportedAt: g.first_at.toISOString(),
        reports: g.reports.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() })),
        content: await preview(g.target_type, g.target_id),
      },
    };
  });
  const heldItems = holds.map(async (h): Promise<{ at: Date; item: Item }> => ({
    at: h.created_at,
    item: {
      kind: 'held',
      actionId: h.action_id,
      targetType: h.target_type,
      targetId: h.target_id,
      groupId: h.group_id,
      matchedWord: h.matched_word,
      ruleCode: h.rule_code,
      heldAt: h.created_at.toISOString(),
      content: await preview(h.target_type, h.target_id),
    },
  }));
  const all = await Promise.all([...reportItems, ...heldItems]);
  return {
    items: all
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .slice(0, limit)
      .map((x) => x.item),
  };
}
