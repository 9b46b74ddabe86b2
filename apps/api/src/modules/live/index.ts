import type { Platform } from '../../platform/context.js';
import type { CronJob } from '../../platform/jobs/scheduler.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { RealtimePrincipal } from '../../platform/realtime/principal.js';
import type { AuditModule } from '../audit/index.js';
import type { CommunityModule } from '../community/index.js';
import type { ForumModule } from '../forum/index.js';
import type { ModerationModule } from '../moderation/index.js';
import type { NotificationsModule } from '../notifications/index.js';

/** Live sessions (直播): schedule, reminders, the live room and its question queue (skeleton). */
export function createLiveModule(
  platform: Platform,
  modules: {
    audit: AuditModule;
    community: CommunityModule;
    forum: ForumModule;
    moderation: ModerationModule;
    notifications: NotificationsModule;
  },
) {
  void platform;
  void modules;
  return {
    /** Who may hear `live:<id>`. */
    canSubscribe: async (principal: RealtimePrincipal, id: string): Promise<boolean> => {
      void principal;
      void id;
      return false;
    },
    cronJobs: [] as CronJob[],
  };
}
export type LiveModule = ReturnType<typeof createLiveModule>;

export function liveMemberRoutes(app: HttpApp, ctx: RouteContext, live: LiveModule): void {
  void [app, ctx, live];
}
export function liveConsoleRoutes(app: HttpApp, ctx: RouteContext, live: LiveModule): void {
  void [app, ctx, live];
}
