import type { CampaignDefinition, EffectKind } from '@quanzi/contracts';
import type { Platform } from '../../platform/context.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { AuditModule } from '../audit/index.js';
import type { CommunityModule } from '../community/index.js';
import type { InvestingModule } from '../investing/index.js';
import type { LedgerModule } from '../ledger/index.js';
import type { LoyaltyModule } from '../loyalty/index.js';
import type { NotificationsModule } from '../notifications/index.js';
import type { RiskModule } from '../risk/index.js';
import type { SuitabilityModule } from '../suitability/index.js';
import { registerBuiltinEffects } from './builtin-effects.js';
import { campaignDetail, createCampaign, listCampaigns, listGrants, setCampaignStatus } from './campaigns.js';
import { couponPort, memberCoupons } from './coupons.js';
import type { GrowthDeps } from './deps.js';
import { EffectRegistry, type EffectHandler } from './effects.js';
import { handleEvent } from './engine.js';
import { previewCampaign } from './preview.js';
import { couponPrizeHandler, prizeCampaignProblem } from './prize-coupons.js';
import type { GrantStatus } from './repo.js';
import * as repo from './repo.js';
import { EVENT_TRIGGERS } from './triggers.js';

export { growthConsoleRoutes } from './routes.console.js';
export { growthMemberRoutes } from './routes.member.js';
export type { EffectContext, EffectHandler } from './effects.js';

const SUBSCRIBER = 'growth';

/**
 * Growth (增长): campaigns stored as data — a trigger (an outbox event), conditions, effects or
 * tiers by amount — with total/daily budgets that stop the campaign atomically, per-member limits,
 * pause/resume, a dry-run preview and a burn-down; every grant idempotent on (campaign, event)
 * and passed through `risk.assess`. Effects go through a registry other modules add to. Coupons
 * (加息券, 满减) are used at investing's checkout through the port `couponPort`.
 */
export function createGrowthModule(
  platform: Pick<Platform, 'db' | 'clock' | 'outbox' | 'logger'>,
  modules: {
    audit: AuditModule;
    ledger: LedgerModule;
    investing: InvestingModule;
    notifications: NotificationsModule;
    risk: Pick<RiskModule, 'assess'>;
    community: CommunityModule;
    suitability: SuitabilityModule;
    loyalty: Pick<LoyaltyModule, 'points' | 'levels'>;
  },
) {
  const deps: GrowthDeps = {
    db: platform.db,
    clock: platform.clock,
    outbox: platform.outbox,
    logger: platform.logger,
    audit: modules.audit,
    ledger: modules.ledger,
    investing: modules.investing,
    notifications: modules.notifications,
    risk: modules.risk,
    community: modules.community,
    suitability: modules.suitability,
    levels: modules.loyalty.levels,
    points: modules.loyalty.points,
  };
  const registry = new EffectRegistry();
  registerBuiltinEffects(deps, registry);
  modules.investing.attachCoupons(couponPort(deps));
  return {
    /** Outbox subscriptions for every trigger's event (worker role; tests drain the outbox). */
    subscribe() {
      for (const name of EVENT_TRIGGERS.keys()) {
        platform.outbox.subscribe(name, SUBSCRIBER, async (event) => {
          await handleEvent(deps, registry, event);
        });
      }
    },
    /** Other modules add what campaigns can give (the lottery: `lottery_chances`). */
    registerEffect<K extends EffectKind>(kind: K, handler: EffectHandler<K>) {
      registry.register(kind, handler);
    },
    /** The lottery's coupon prize handler: `lottery.prizeHandlers.register('coupon', growth.couponPrize)`; `couponRef` = a campaign id. */
    couponPrize: couponPrizeHandler(deps, registry),
    /** Why a coupon prize's `couponRef` cannot be granted, or null: `lottery.prizeHandlers.register('coupon', couponPrize, couponPrizeProblem)`. */
    couponPrizeProblem: (ref: string) => prizeCampaignProblem(deps, ref),
    /** For tests and the bench: one event through the engine, as the subscriber would. */
    handleEvent: (event: Parameters<typeof handleEvent>[2]) => handleEvent(deps, registry, event),
    createCampaign: (op: OperatorPrincipal, def: CampaignDefinition, ip: string | null) => createCampaign(deps, registry, op, def, ip),
    campaign: (id: string) => campaignDetail(deps, id),
    campaigns: (page: number, pageSize: number) => listCampaigns(deps, page, pageSize),
    pause: (op: OperatorPrincipal, id: string, ip: string | null) => setCampaignStatus(deps, op, id, 'paused', ip),
    resume: (op: OperatorPrincipal, id: string, ip: string | null) => setCampaignStatus(deps, op, id, 'active', ip),
    preview: (def: CampaignDefinition) => previewCampaign(deps, registry, def),
    grants: (id: string, status: GrantStatus | undefined, page: number, pageSize: number) => listGrants(deps, id, status, page, pageSize),
    coupons: (memberId: string, page: number, pageSize: number) => memberCoupons(deps, memberId, page, pageSize),
    badges: async (memberId: string) =>
      (await repo.badgesOf(deps.db, memberId)).map((b) => ({ code: b.code, name: b.name, grantedAt: b.granted_at.toISOString() })),
  };
}
export type GrowthModule = ReturnType<typeof createGrowthModule>;
