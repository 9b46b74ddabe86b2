import type { Platform } from '../../platform/context.js';
import type { IdempotencyStore } from '../../platform/http/idempotency.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { RealtimePrincipal } from '../../platform/realtime/principal.js';
import type { AuditModule } from '../audit/index.js';
import type { IdentityModule } from '../identity/index.js';
import type { InvestingModule } from '../investing/index.js';
import type { ModerationModule } from '../moderation/index.js';
import type { NotificationsModule } from '../notifications/index.js';
import type { SearchModule } from '../search/index.js';

/** Groups (圈子), their members and real-time chat (skeleton). */
export function createCommunityModule(
  platform: Platform,
  modules: {
    audit: AuditModule;
    identity: IdentityModule;
    investing: InvestingModule;
    search: SearchModule;
    moderation: ModerationModule;
    notifications: NotificationsModule;
  },
) {
  void platform;
  void modules;
  return {
    visibleScopes: async (memberId: string): Promise<string[]> => {
      void memberId;
      return ['public'];
    },
    canSubscribe: async (principal: RealtimePrincipal, id: string): Promise<boolean> => {
      void principal;
      void id;
      return false;
    },
  };
}
export type CommunityModule = ReturnType<typeof createCommunityModule>;

export function communityMemberRoutes(app: HttpApp, ctx: RouteContext, community: CommunityModule, idem: IdempotencyStore): void {
  void [app, ctx, community, idem];
}
export function communityConsoleRoutes(app: HttpApp, ctx: RouteContext, community: CommunityModule): void {
  void [app, ctx, community];
}
