import type { CampaignDefinition, CampaignEffect } from '@quanzi/contracts';
import { z } from 'zod';
import { Campaign, CampaignDetail, CampaignGrant } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { auditActor, type GrowthDeps } from './deps.js';
import type { EffectRegistry } from './effects.js';
import * as repo from './repo.js';
import { validateDefinition } from './rules.js';

type CampaignOut = z.infer<typeof Campaign>;

const fen = (v: bigint | null) => (v === null ? null : String(v));

export function presentCampaign(c: repo.CampaignRow, now: Date): CampaignOut {
  return {
    id: c.id,
    name: c.name,
    trigger: c.trigger as CampaignOut['trigger'],
    conditions: c.conditions,
    effects: c.effects,
    tiers: c.tiers,
    budget: { totalMoney: fen(c.budget_money), totalCount: c.budget_count, dailyMoney: fen(c.daily_money), dailyCount: c.daily_count },
    perMemberLimit: c.per_member_limit,
    startsAt: c.starts_at.toISOString(),
    endsAt: c.ends_at.toISOString(),
    status: c.status,
    running: c.status === 'active' && c.starts_at <= now && now < c.ends_at,
    spentMoney: String(c.spent_money),
    grantedCount: c.granted_count,
    createdAt: c.created_at.toISOString(),
  };
}

/** Every effect's kind must be registered, and each registered check (products exist, compliant text …) pass. */
export async function checkEffects(deps: GrowthDeps, registry: EffectRegistry, def: CampaignDefinition) {
  const effects: CampaignEffect[] = [...(def.effects ?? []), ...(def.tiers ?? []).flatMap((t) => t.effects)];
  for (const e of effects) {
    const handler = registry.get(e.kind);
    if (!handler) throw new AppError('CAMPAIGN_INVALID', { reason: `奖励类型 ${e.kind} 暂不可用` });
    await handler.check?.(deps.db, e);
  }
  const productIds = def.conditions.flatMap((c) => (c.kind === 'product' ? (c.productIds ?? []) : []));
  if (productIds.length) {
    const found = new Set((await deps.investing.promotionFacts(productIds)).map((p) => p.id));
    const missing = productIds.filter((id) => !found.has(id));
    if (missing.length) throw new AppError('CAMPAIGN_INVALID', { reason: `未知产品 ${missing.join(', ')}` });
  }
}

export async function createCampaign(
  deps: GrowthDeps,
  registry: EffectRegistry,
  op: OperatorPrincipal,
  def: CampaignDefinition,
  ip: string | null,
) {
  validateDefinition(def);
  await checkEffects(deps, registry, def);
  const now = deps.clock.now();
  const budget = def.budget!;
  return transact(deps.db, async (trx) => {
    const row = await repo.insertCampaign(trx, {
      name: def.name,
      trigger: def.trigger,
      conditions: def.conditions,
      effects: def.effects ?? [],
      tiers: def.tiers ?? [],
      budget_money: budget.totalMoney === undefined ? null : BigInt(budget.totalMoney),
      budget_count: budget.totalCount ?? null,
      daily_money: budget.dailyMoney === undefined ? null : BigInt(budget.dailyMoney),
      daily_count: budget.dailyCount ?? null,
      per_member_limit: def.perMemberLimit ?? null,
      starts_at: new Date(def.startsAt),
      ends_at: new Date(def.endsAt),
      status: 'active',
      created_by: op.operatorId,
      created_at: now,
    });
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'growth.campaign.created',
      target: { type: 'campaign', id: row.id },
      after: { name: row.name, trigger: row.trigger, budgetMoney: fen(row.budget_money), budgetCount: row.budget_count },
      ip,
    });
    return presentCampaign(row, now);
  });
}

export async function setCampaignStatus(deps: GrowthDeps, op: OperatorPrincipal, id: string, to: 'active' | 'paused', ip: string | null) {
  const now = deps.clock.now();
  return transact(deps.db, async (trx) => {
    const current = await repo.findCampaign(trx, id);
    if (!current) throw new AppError('NOT_FOUND');
    const row = await repo.setStatus(trx, id, to === 'paused' ? 'active' : 'paused', to);
    if (!row) throw new AppError('CAMPAIGN_STATE_CONFLICT');
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: to === 'paused' ? 'growth.campaign.paused' : 'growth.campaign.resumed',
      target: { type: 'campaign', id },
      before: { status: current.status },
      after: { status: row.status },
      ip,
    });
    return presentCampaign(row, now);
  });
}

export async function campaignDetail(deps: GrowthDeps, id: string): Promise<z.infer<typeof CampaignDetail>> {
  const row = await repo.findCampaign(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const [counts, days] = await Promise.all([repo.grantCounts(deps.db, id), repo.campaignDays(deps.db, id)]);
  let spent = 0n;
  let count = 0;
  const burnDown = days
    .filter((d) => d.count > 0)
    .map((d) => {
      spent += d.spent_money;
      count += d.count;
      return {
        day: d.day,
        spentMoney: String(d.spent_money),
        count: d.count,
        remainingMoney: row.budget_money === null ? null : String(row.budget_money - spent),
        remainingCount: row.budget_count === null ? null : row.budget_count - count,
      };
    });
  return {
    ...presentCampaign(row, deps.clock.now()),
    grants: {
      granted: counts.get('granted') ?? 0,
      review: counts.get('review') ?? 0,
      denied: counts.get('denied') ?? 0,
      memberLimit: counts.get('member_limit') ?? 0,
      budgetExhausted: counts.get('budget_exhausted') ?? 0,
    },
    burnDown,
  };
}

export async function listCampaigns(deps: GrowthDeps, page: number, pageSize: number) {
  const { items, total } = await repo.listCampaigns(deps.db, (page - 1) * pageSize, pageSize);
  const now = deps.clock.now();
  return { items: items.map((c) => presentCampaign(c, now)), total, page, pageSize };
}

export async function listGrants(deps: GrowthDeps, id: string, status: repo.GrantStatus | undefined, page: number, pageSize: number) {
  if (!(await repo.findCampaign(deps.db, id))) throw new AppError('NOT_FOUND');
  const { items, total } = await repo.listGrants(deps.db, id, status, (page - 1) * pageSize, pageSize);
  return {
    items: items.map((g): z.infer<typeof CampaignGrant> => ({
      id: g.id,
      campaignId: g.campaign_id,
      eventId: g.event_id,
      memberId: g.member_id,
      status: g.status,
      tier: g.tier,
      cost: String(g.cost),
      risk: g.risk_decision ? { decision: g.risk_decision, score: g.risk_score ?? 0, ruleSet: g.risk_rule_set ?? '' } : null,
      effects: g.effects,
      createdAt: g.created_at.toISOString(),
    })),
    total,
    page,
    pageSize,
  };
}
