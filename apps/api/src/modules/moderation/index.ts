import type { Platform } from '../../platform/context.js';
import type { IdempotencyStore } from '../../platform/http/idempotency.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { AuditModule } from '../audit/index.js';
import type { CharterModule } from '../charter/index.js';
import type { NotificationsModule } from '../notifications/index.js';

/** Moderation: the word filter, reports, the one `act` use case, the public modlog and appeals (skeleton). */
export function createModerationModule(
  platform: Platform,
  modules: { audit: AuditModule; notifications: NotificationsModule; charter: CharterModule },
) {
  void platform;
  void modules;
  return {};
}
export type ModerationModule = ReturnType<typeof createModerationModule>;

export function moderationMemberRoutes(app: HttpApp, ctx: RouteContext, moderation: ModerationModule, idem: IdempotencyStore): void {
  void [app, ctx, moderation, idem];
}
export function moderationConsoleRoutes(app: HttpApp, ctx: RouteContext, moderation: ModerationModule, idem: IdempotencyStore): void {
  void [app, ctx, moderation, idem];
}
export function moderationPublicRoutes(app: HttpApp, moderation: ModerationModule): void {
  void [app, moderation];
}
