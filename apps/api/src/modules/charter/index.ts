import type { CharterRule } from '@quanzi/contracts';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { AuditModule } from '../audit/index.js';
import { diffRules, FIRST_CHARTER, FIRST_SUMMARY, presentVersion, publishCharter, type CharterDeps } from './charter.js';
import * as repo from './repo.js';

export { charterConsoleRoutes, charterPublicRoutes } from './routes.js';

/**
 * The community charter (社区公约): versioned and public, every version kept unchanged. Moderation
 * (a later module) cites a rule of the version in force through `rule(code)`.
 */
export function createCharterModule(platform: Pick<Platform, 'db' | 'clock'>, modules: { audit: AuditModule }) {
  const deps: CharterDeps = { db: platform.db, clock: platform.clock, audit: modules.audit };
  async function current() {
    const latest = await repo.latestVersion(deps.db);
    if (!latest) throw new AppError('NOT_FOUND');
    return latest;
  }
  return {
    async publicCharter() {
      const [latest, versions] = await Promise.all([current(), repo.listVersions(deps.db)]);
      return {
        current: presentVersion(latest),
        versions: versions.map((v) => ({
          version: v.version,
          summary: v.summary,
          publishedBy: v.published_by,
          publishedAt: v.published_at.toISOString(),
        })),
      };
    },
    async version(version: number) {
      const row = await repo.findVersion(deps.db, version);
      if (!row) throw new AppError('NOT_FOUND');
      return presentVersion(row);
    },
    async diff(from: number, to: number) {
      const [a, b] = await Promise.all([repo.findVersion(deps.db, from), repo.findVersion(deps.db, to)]);
      if (!a || !b) throw new AppError('NOT_FOUND');
      return { from, to, changes: diffRules(a.rules, b.rules) };
    },
    publish: (op: OperatorPrincipal, input: { rules: CharterRule[]; summary: string }, ip: string | null) =>
      publishCharter(deps, { name: op.displayName, operator: op, ip }, input),
    /** A rule of the version in force, for moderation to cite; undefined when no such rule exists. */
    async rule(code: string) {
      const latest = await current();
      const rule = latest.rules.find((r) => r.code === code);
      return rule && { ...rule, version: latest.version };
    },
    /** Every deployment starts with a charter: the first version is published once, by the system. */
    async ensureFirstVersion() {
      if (!(await repo.latestVersion(deps.db)))
        await publishCharter(deps, { name: '平台' }, { rules: FIRST_CHARTER, summary: FIRST_SUMMARY }).catch(() => undefined);
    },
  };
}
export type CharterModule = ReturnType<typeof createCharterModule>;
