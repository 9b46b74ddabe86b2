import type { Platform } from '../../platform/context.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';

/** Chinese full-text search over community content (skeleton: filled in by the search work). */
export function createSearchModule(platform: Pick<Platform, 'db' | 'clock'>) {
  void platform;
  return {};
}
export type SearchModule = ReturnType<typeof createSearchModule>;

/** `GET /api/v1/search`; `scopesFor` lists what the member may see ('public', 'group:<id>'). */
export function searchMemberRoutes(
  app: HttpApp,
  ctx: RouteContext,
  search: SearchModule,
  scopesFor: (memberId: string) => Promise<string[]>,
): void {
  void app;
  void ctx;
  void search;
  void scopesFor;
}
