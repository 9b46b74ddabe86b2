import { NEWCOMER_PRODUCT_CARDS_PER_DAY } from '@quanzi/contracts';
import { shanghaiDay } from '../../platform/clock.js';
import type { Executor } from '../../platform/db/connect.js';
import { AppError } from '../../platform/errors.js';
import type { CommunityDeps } from './deps.js';
import * as repo from './repo.js';

/**
 * Trust levels (after Discourse): what a member has done here, minus upheld violations.
 * L0 newcomer → L1 member (came back on a second day, or read 30 messages) → L2 regular → L3 leader.
 */
export const LEVELS = [
  { level: 1, daysVisited: 2, postsRead: 30, repliesReceived: 0, any: true },
  { level: 2, daysVisited: 10, postsRead: 200, repliesReceived: 10, any: false },
  { level: 3, daysVisited: 50, postsRead: 1000, repliesReceived: 100, any: false },
] as const;

export function levelOf(
  t: Pick<repo.TrustRow, 'days_visited' | 'posts_read' | 'replies_received'> | undefined,
  violations: number,
): number {
  if (!t) return 0;
  let earned = 0;
  for (const l of LEVELS) {
    const met = l.any
      ? t.days_visited >= l.daysVisited || t.posts_read >= l.postsRead
      : t.days_visited >= l.daysVisited && t.posts_read >= l.postsRead && t.replies_received >= l.repliesReceived;
    if (met) earned = l.level;
  }
  // Each upheld violation in the last 90 days costs a level.
  return Math.max(0, earned - violations);
}

const VIOLATION_WINDOW_MS = 90 * 86_400_000;
/** Newcomers may post this many messages per ten minutes. */
export const NEWCOMER_POSTS_PER_10_MIN = 5;
export const NEWCOMER_MAX_MENTIONS = 2;
/**
 * Newcomers may share NEWCOMER_PRODUCT_CARDS_PER_DAY product cards a Shanghai day, chat and threads
 * together: enough to ask "what do you think of this one?", too few to flood groups with pitches.
 */
export { NEWCOMER_PRODUCT_CARDS_PER_DAY };
const LINK = /(https?:\/\/|www\.|\b[a-z0-9-]+\.(com|cn|net|org|io|cc|top|xyz)\b)/i;

export async function trustLevels(
  deps: Pick<CommunityDeps, 'db' | 'clock' | 'moderation'>,
  ids: readonly string[],
  db: Executor = deps.db,
): Promise<Map<string, number>> {
  const rows = await repo.trustOf(db, ids);
  const since = new Date(deps.clock.now().getTime() - VIOLATION_WINDOW_MS);
  const out = new Map<string, number>();
  for (const id of new Set(ids)) {
    const row = rows.get(id);
    const violations = row ? await deps.moderation.upheldViolations(id, since, db) : 0;
    out.set(id, levelOf(row, violations));
  }
  return out;
}

/** A visit to the community today (counted once per Asia/Shanghai day). */
export async function recordVisit(deps: Pick<CommunityDeps, 'db' | 'clock'>, db: Executor, memberId: string) {
  const now = deps.clock.now();
  return repo.touchTrust(db, memberId, now, shanghaiDay(now));
}

/**
 * What a newcomer (L0) may not do yet: links, images, more than two mentions, more than five
 * messages in ten minutes, or more than two product cards a day. Checked inside the posting
 * transaction (a refused or rolled-back post takes no card from the day's allowance).
 */
export async function checkNewcomerLimits(
  deps: Pick<CommunityDeps, 'db' | 'clock' | 'moderation'>,
  trx: Executor,
  memberId: string,
  post: { text: string; image: boolean; mentions: number; products?: number | undefined },
): Promise<void> {
  const now = deps.clock.now();
  const trust = await recordVisit(deps, trx, memberId);
  const violations = await deps.moderation.upheldViolations(memberId, new Date(now.getTime() - VIOLATION_WINDOW_MS), trx);
  if (levelOf(trust, violations) > 0) return;
  if (LINK.test(post.text)) throw new AppError('TRUST_LIMIT', { what: '发链接' });
  if (post.image) throw new AppError('TRUST_LIMIT', { what: '发图片' });
  if (post.mentions > NEWCOMER_MAX_MENTIONS) throw new AppError('TRUST_LIMIT', { what: `@超过 ${NEWCOMER_MAX_MENTIONS} 人` });
  const recent = trust.recent_posts.filter((at) => now.getTime() - new Date(at).getTime() < 600_000);
  if (recent.length >= NEWCOMER_POSTS_PER_10_MIN) throw new AppError('TRUST_LIMIT', { what: '在 10 分钟内发超过 5 条' });
  if (post.products && !(await repo.takeProductCards(trx, memberId, shanghaiDay(now), post.products, NEWCOMER_PRODUCT_CARDS_PER_DAY)))
    throw new AppError('PRODUCT_CARD_LIMIT', { max: NEWCOMER_PRODUCT_CARDS_PER_DAY });
}
