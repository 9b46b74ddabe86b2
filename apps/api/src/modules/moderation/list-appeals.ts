import type { Appeal, AppealStatus, ConsoleAppeal } from '@quanzi/contracts';
import type { ModerationDeps } from './deps.js';
import { presentAppeal, presentConsoleAppeal } from './present.js';
import * as repo from './repo.js';

async function withActions(deps: Pick<ModerationDeps, 'db'>, appeals: repo.AppealRow[]) {
  const actions = await repo.logRowsByIds(
    deps.db,
    appeals.map((a) => a.action_id),
  );
  return appeals.map((a) => ({ appeal: a, action: actions.get(a.action_id)! }));
}

/** The member's own appeals, newest first, each with the action it is about. */
export async function myAppeals(deps: Pick<ModerationDeps, 'db'>, memberId: string): Promise<Appeal[]> {
  const rows = await repo.listAppeals(deps.db, { memberId }, 100);
  return (await withActions(deps, rows)).map(({ appeal, action }) => presentAppeal(appeal, action));
}

/** The console's appeals: pending ones oldest first (a queue), decided ones newest first. */
export async function consoleAppeals(
  deps: Pick<ModerationDeps, 'db'>,
  filter: { status?: AppealStatus | undefined; limit: number },
): Promise<ConsoleAppeal[]> {
  const rows = await repo.listAppeals(deps.db, { status: filter.status }, filter.limit);
  return (await withActions(deps, rows)).map(({ appeal, action }) => presentConsoleAppeal(appeal, action));
}

export async function consoleAppeal(deps: Pick<ModerationDeps, 'db'>, appeal: repo.AppealRow): Promise<ConsoleAppeal> {
  const action = (await repo.findLogRow(deps.db, appeal.action_id))!;
  return presentConsoleAppeal(appeal, action);
}
