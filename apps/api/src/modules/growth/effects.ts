import type { CampaignEffect, EffectKind } from '@quanzi/contracts';
import type { Executor, Tx } from '../../platform/db/connect.js';
import type { EventFacts } from './triggers.js';

export interface EffectContext {
  trx: Tx;
  memberId: string;
  campaignId: string;
  campaignName: string;
  grantId: string;
  /** `campaign:<campaignId>:event:<eventId>:<index>`: the business key the effect is idempotent on. */
  key: string;
  /** The effect's position in the grant (coupons are keyed by it). */
  index: number;
  now: Date;
  facts: EventFacts;
}

export interface EffectHandler<K extends EffectKind = EffectKind> {
  /** Books the effect inside the grant's transaction; returns a short description for the grants log. */
  apply(ctx: EffectContext, effect: Extract<CampaignEffect, { kind: K }>): Promise<string>;
  /** Refuses an effect at campaign creation (unknown product, unknown wheel …) with a 4xx AppError. */
  check?(db: Executor, effect: Extract<CampaignEffect, { kind: K }>): Promise<void>;
}

/**
 * The effect registry: what a campaign can give. Growth registers its own kinds (points,
 * experience money, coupons, red packets, badges, notifications); other modules add theirs through
 * `growth.registerEffect(kind, handler)` (the lottery registers `lottery_chances`). A campaign
 * naming a kind nobody registered is refused when it is created.
 */
export class EffectRegistry {
  private readonly handlers = new Map<EffectKind, EffectHandler>();

  register<K extends EffectKind>(kind: K, handler: EffectHandler<K>): void {
    this.handlers.set(kind, handler as unknown as EffectHandler);
  }

  has(kind: EffectKind): boolean {
    return this.handlers.has(kind);
  }

  get(kind: EffectKind): EffectHandler | undefined {
    return this.handlers.get(kind);
  }
}
