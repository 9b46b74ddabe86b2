import type { Platform } from '../../platform/context.js';
import type { IdentityModule } from '../identity/index.js';
import type { PointsPort } from '../lottery/index.js';
import type { RiskModule } from '../risk/index.js';
import type { ReferralDeps } from './deps.js';
import { renderPoster } from './poster.js';
import { bindCode, onPurchased, onRegistered } from './record-referral.js';
import { codeFor, inviteLink, summary } from './summary.js';

export { referralMemberRoutes } from './routes.member.js';

const SUBSCRIBER = 'referral';

/**
 * Referral (邀请好友): each member's code, link and QR poster (PNG made on the server); the invitee's
 * code arrives with identity's `member.registered` (or is entered within 7 days); the inviter earns
 * points through loyalty when the invitee's first cash investment (`investing.purchased`) comes within
 * the window, tiered by converted invitees, after the risk decision. Self-referral and referrals
 * sharing a device, ID, card or phone prefix are refused with a reason the inviter sees.
 */
export function createReferralModule(
  platform: Pick<Platform, 'db' | 'clock' | 'outbox' | 'config'>,
  modules: {
    identity: Pick<IdentityModule, 'referralFacts' | 'nicknames'>;
    risk: Pick<RiskModule, 'assess'>;
    points: () => Pick<PointsPort, 'earn'>;
  },
) {
  const deps: ReferralDeps = {
    db: platform.db,
    clock: platform.clock,
    outbox: platform.outbox,
    origin: () => platform.config.publicOrigin,
    ...modules,
  };
  return {
    /** Outbox subscriptions (worker role; tests drain the outbox). Each is idempotent: one referral per invitee, one reward per referral. */
    subscribe() {
      platform.outbox.subscribe('member.registered', SUBSCRIBER, (event) => onRegistered(deps, event));
      platform.outbox.subscribe('investing.purchased', SUBSCRIBER, (event) => onPurchased(deps, event));
    },
    summary: (memberId: string) => summary(deps, memberId),
    bind: (memberId: string, code: string) => bindCode(deps, memberId, code),
    async poster(memberId: string): Promise<Buffer> {
      const code = await codeFor(deps, memberId);
      return renderPoster(code, inviteLink(deps, code));
    },
  };
}
export type ReferralModule = ReturnType<typeof createReferralModule>;
