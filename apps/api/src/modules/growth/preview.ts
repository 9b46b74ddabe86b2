import type { CampaignDefinition, CampaignPreview } from '@quanzi/contracts';
import type { z } from 'zod';
import { shanghaiDay } from '../../platform/clock.js';
import type { GrowthDeps } from './deps.js';
import type { EffectRegistry } from './effects.js';
import { checkEffects } from './campaigns.js';
import { matches } from './engine.js';
import * as repo from './repo.js';
import { costOf, validateDefinition } from './rules.js';
import { TRIGGER_EVENTS, factsOf } from './triggers.js';

const MAX_EVENTS = 20_000;

/**
 * Dry run (试算): the definition against the trigger's events of the last seven days, in order,
 * with the budgets and per-member limit simulated — "would have granted N rewards costing ¥X".
 * Nothing is written. Risk is not simulated (its decisions depend on the moment of the grant).
 */
export async function previewCampaign(
  deps: GrowthDeps,
  registry: EffectRegistry,
  def: CampaignDefinition,
): Promise<z.infer<typeof CampaignPreview>> {
  validateDefinition(def);
  await checkEffects(deps, registry, def);
  const to = deps.clock.now();
  const from = new Date(to.getTime() - 7 * 86_400_000);
  const events = await repo.eventsBetween(deps.db, TRIGGER_EVENTS[def.trigger], from, to, MAX_EVENTS);
  const rule = { conditions: def.conditions, effects: def.effects ?? [], tiers: def.tiers ?? [] };
  const budget = def.budget!;
  const totalMoney = budget.totalMoney === undefined ? null : BigInt(budget.totalMoney);
  const dailyMoney = budget.dailyMoney === undefined ? null : BigInt(budget.dailyMoney);
  let spent = 0n;
  let granted = 0;
  let matched = 0;
  let byBudget = 0;
  let byMember = 0;
  const perMember = new Map<string, number>();
  const perDay = new Map<string, { money: bigint; count: number }>();
  const byTier = new Map<number | null, { count: number; cost: bigint }>();
  const seenFirst = new Set<string>();
  for (const e of events) {
    const facts = factsOf({ id: e.id, name: e.name, payload: e.payload, occurredAt: e.occurred_at });
    if (!facts) continue;
    if (def.trigger === 'first_investment') {
      if (seenFirst.has(facts.memberId)) continue;
      seenFirst.add(facts.memberId);
      if (await repo.hadEarlierEvent(deps.db, facts.memberId, facts.eventName, facts.eventId, facts.occurredAt)) continue;
    }
    const chosen = await matches(deps, rule, facts);
    if (!chosen) continue;
    matched++;
    const cost = costOf(chosen.effects);
    const count = perMember.get(facts.memberId) ?? 0;
    if (def.perMemberLimit !== undefined && count >= def.perMemberLimit) {
      byMember++;
      continue;
    }
    const dayKey = shanghaiDay(facts.occurredAt);
    const day = perDay.get(dayKey) ?? { money: 0n, count: 0 };
    const overDay =
      (dailyMoney !== null && day.money + cost > dailyMoney) || (budget.dailyCount !== undefined && day.count >= budget.dailyCount);
    const overTotal =
      (totalMoney !== null && spent + cost > totalMoney) || (budget.totalCount !== undefined && granted >= budget.totalCount);
    if (overDay || overTotal) {
      byBudget++;
      continue;
    }
    perMember.set(facts.memberId, count + 1);
    perDay.set(dayKey, { money: day.money + cost, count: day.count + 1 });
    spent += cost;
    granted++;
    const tier = byTier.get(chosen.tier) ?? { count: 0, cost: 0n };
    byTier.set(chosen.tier, { count: tier.count + 1, cost: tier.cost + cost });
  }
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    events: events.length,
    matched,
    wouldGrant: granted,
    wouldCost: String(spent),
    stoppedByBudget: byBudget,
    stoppedByMemberLimit: byMember,
    byTier: [...byTier.entries()].map(([tier, v]) => ({ tier, count: v.count, cost: String(v.cost) })),
  };
}
