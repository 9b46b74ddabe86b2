import type { Platform } from '../../platform/context.js';
import type { IdempotencyStore } from '../../platform/http/idempotency.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { AuditModule } from '../audit/index.js';
import type { CommunityModule } from '../community/index.js';
import type { InvestingModule } from '../investing/index.js';
import type { ModerationModule } from '../moderation/index.js';
import type { NotificationsModule } from '../notifications/index.js';
import type { SearchModule } from '../search/index.js';

/** Threads (帖子) in groups and the square, replies, likes, bookmarks, and Q&A (skeleton). */
export function createForumModule(
  platform: Platform,
  modules: {
    audit: AuditModule;
    community: CommunityModule;
    search: SearchModule;
    moderation: ModerationModule;
    notifications: NotificationsModule;
    investing: InvestingModule;
  },
) {
  void platform;
  void modules;
  return {};
}
export type ForumModule = ReturnType<typeof createForumModule>;

export function forumMemberRoutes(app: HttpApp, ctx: RouteContext, forum: ForumModule, idem: IdempotencyStore): void {
  void [app, ctx, forum, idem];
}
export function forumConsoleRoutes(app: HttpApp, ctx: RouteContext, forum: ForumModule): void {
  void [app, ctx, forum];
}
