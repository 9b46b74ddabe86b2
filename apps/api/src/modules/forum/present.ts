import type { ForumAuthor, ForumReply, Product, ThreadSummary } from '@quanzi/contracts';
import { DEFAULT_NICKNAME } from './ports.js';
import type { ReplyRow, ThreadRow } from './repo.js';
import { excerpt } from './text.js';

/** Official posts are signed by the platform, not by the operator who typed them. */
export const OFFICIAL_AUTHOR: ForumAuthor = { id: null, nickname: '官方', badges: ['staff'], badgeTitle: null, official: true };

export type Cards = Map<string, ForumAuthor>;

export function authorOf(authorId: string | null, official: boolean, cards: Cards): ForumAuthor {
  if (authorId === null) return OFFICIAL_AUTHOR;
  const card = cards.get(authorId) ?? { id: authorId, nickname: DEFAULT_NICKNAME, badges: [], badgeTitle: null, official: false };
  return { ...card, official };
}

/** Only visible and held content reaches a presenter (readers never see hidden or deleted rows). */
const readerStatus = (status: ThreadRow['status']): 'visible' | 'held' => (status === 'held' ? 'held' : 'visible');

export function presentThreadSummary(row: ThreadRow, cards: Cards, liked: ReadonlySet<string>): ThreadSummary {
  return {
    id: row.id,
    groupId: row.group_id,
    kind: row.kind,
    official: row.official,
    author: authorOf(row.author_id, row.official, cards),
    title: row.title,
    excerpt: excerpt(row.body),
    topics: row.topics,
    productIds: row.product_ids,
    status: readerStatus(row.status),
    warning: row.warning,
    replyCount: row.reply_count,
    likeCount: row.like_count,
    liked: liked.has(row.id),
    acceptedReplyId: row.accepted_reply_id,
    createdAt: row.created_at.toISOString(),
    lastActivityAt: row.last_activity_at.toISOString(),
  };
}

export function presentReply(
  row: ReplyRow,
  thread: ThreadRow,
  cards: Cards,
  liked: ReadonlySet<string>,
  quotes: ReadonlyMap<string, ReplyRow>,
): ForumReply {
  const quoted = row.quote_reply_id ? quotes.get(row.quote_reply_id) : undefined;
  const quoteShown = quoted?.status === 'visible';
  return {
    id: row.id,
    threadId: row.thread_id,
    author: authorOf(row.author_id, false, cards),
    byThreadAuthor: row.author_id === thread.author_id,
    body: row.body,
    status: readerStatus(row.status),
    warning: row.warning,
    quote: row.quote_reply_id
      ? {
          id: row.quote_reply_id,
          authorNickname: quoteShown ? (cards.get(quoted.author_id)?.nickname ?? DEFAULT_NICKNAME) : null,
          excerpt: quoteShown ? excerpt(quoted.body, 80) : null,
        }
      : null,
    likeCount: row.like_count,
    liked: liked.has(row.id),
    accepted: thread.accepted_reply_id === row.id,
    createdAt: row.created_at.toISOString(),
  };
}

/** The product card shown under a thread: the same live figures a group's product card carries. */
export const presentProductCard = (p: Product) => ({
  id: p.id,
  name: p.name,
  type: p.type,
  riskLevel: p.riskLevel,
  benchmarkBps: p.benchmarkBps,
  remainingQuota: p.remainingQuota,
  minAmount: p.minAmount,
  purchasable: p.purchasable,
  riskWarning: p.disclosures.riskWarning,
});
