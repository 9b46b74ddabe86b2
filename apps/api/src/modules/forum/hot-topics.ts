import type { HotTopics } from '@quanzi/contracts';
import type { ForumDeps } from './deps.js';
import * as repo from './repo.js';

const WINDOW_MS = 7 * 24 * 3600_000;

/** The square's most used #话题# of the last seven days (group topics stay private to their groups). */
export async function hotTopics(deps: ForumDeps, limit = 10): Promise<HotTopics> {
  const rows = await repo.hotTopics(deps.db, new Date(deps.clock.now().getTime() - WINDOW_MS), limit);
  return { items: rows.map((r) => ({ topic: r.topic, threadCount: r.thread_count })) };
}
