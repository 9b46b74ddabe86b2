import { z } from 'zod';
import { Timestamp } from './common.js';
import { ProductCard } from './community.js';

/**
 * Forum (帖子): threads in a group or the square (groupId null), one level of replies, likes,
 * bookmarks, #话题# and product tags, 官方 announcements, and Q&A (a question is a thread of kind
 * 'question'; its answers are replies, one of which the asker accepts). Bodies are Markdown source
 * as typed; apps render them through web-kit's `parseMarkdown` (a safe subset, never HTML).
 */
export const THREAD_TITLE_MIN_CHARS = 2;
export const THREAD_TITLE_MAX_CHARS = 60;
export const FORUM_BODY_MAX_CHARS = 10_000;
export const THREAD_PRODUCT_TAGS_MAX = 5;
export const FORUM_MENTIONS_MAX = 20;

export const ThreadKind = z.enum(['post', 'question', 'live_recap']);
export type ThreadKind = z.infer<typeof ThreadKind>;

/** Who wrote it. Official posts have no member behind them: id null, official true, shown as 官方. */
export const ForumAuthor = z.object({
  id: z.string().nullable(),
  nickname: z.string(),
  badges: z.array(z.enum(['staff', 'expert'])),
  /** Title of an expert badge ("持牌理财师"), null otherwise. */
  badgeTitle: z.string().nullable(),
  official: z.boolean(),
});
export type ForumAuthor = z.infer<typeof ForumAuthor>;

/** 'held' reaches only its author (the app marks it 待审核); hidden or deleted content is never listed. */
export const ForumContentStatus = z.enum(['visible', 'held']);

const Body = z
  .string()
  .max(FORUM_BODY_MAX_CHARS)
  .refine((s) => s.trim().length > 0, { message: 'must not be empty' });
const Mentions = z
  .array(z.uuid())
  .max(FORUM_MENTIONS_MAX)
  .default([])
  .describe('Members to notify; each must appear in the text as @昵称 (as group chat does)');

export const ThreadSummary = z.object({
  id: z.string(),
  groupId: z.string().nullable(),
  kind: ThreadKind,
  official: z.boolean(),
  author: ForumAuthor,
  title: z.string(),
  /** The start of the body (Markdown source, at most 200 characters) for previews: render it with plainText(parseMarkdown(…)). */
  excerpt: z.string(),
  topics: z.array(z.string()),
  productIds: z.array(z.string()),
  status: ForumContentStatus,
  /** Shown to readers beside content that tries to take members off the platform. */
  warning: z.string().nullable(),
  replyCount: z.number().int(),
  likeCount: z.number().int(),
  /** Whether the caller liked it (false without login). */
  liked: z.boolean(),
  acceptedReplyId: z.string().nullable(),
  createdAt: Timestamp,
  lastActivityAt: Timestamp,
});
export type ThreadSummary = z.infer<typeof ThreadSummary>;

export const ForumReply = z.object({
  id: z.string(),
  threadId: z.string(),
  author: ForumAuthor,
  /** Written by the thread's author (楼主). */
  byThreadAuthor: z.boolean(),
  body: z.string(),
  status: ForumContentStatus,
  warning: z.string().nullable(),
  /** The reply this one quotes (replies are one level: a quote, not nesting); nickname and excerpt are null once it is gone. */
  quote: z.object({ id: z.string(), authorNickname: z.string().nullable(), excerpt: z.string().nullable() }).nullable(),
  likeCount: z.number().int(),
  liked: z.boolean(),
  /** The asker accepted this answer. */
  accepted: z.boolean(),
  createdAt: Timestamp,
});
export type ForumReply = z.infer<typeof ForumReply>;

/** Oldest first; pass `nextCursor` as `cursor` for the next page (null on the last). */
export const ReplyPage = z.object({ items: z.array(ForumReply), nextCursor: z.string().nullable() });
export type ReplyPage = z.infer<typeof ReplyPage>;

export const ThreadDetail = ThreadSummary.extend({
  body: z.string(),
  /** The tagged products with live figures (a product no longer shown to members is left out). */
  products: z.array(ProductCard),
  bookmarked: z.boolean(),
  /** Shown above the other answers whatever page it is on. */
  acceptedReply: ForumReply.nullable(),
  /** The first page of replies. */
  replies: ReplyPage,
});
export type ThreadDetail = z.infer<typeof ThreadDetail>;

export const ThreadPage = z.object({ items: z.array(ThreadSummary), nextCursor: z.string().nullable() });
export type ThreadPage = z.infer<typeof ThreadPage>;

const Cursor = z.string().max(200).optional();
const Limit = z.coerce.number().int().min(1).max(50).default(20);

export const ThreadListQuery = z.object({
  /** A group's threads; without it, the square (广场). */
  groupId: z.uuid().optional(),
  topic: z.string().trim().min(1).max(20).optional(),
  /** latest: by last activity; hot: likes and replies weighed against age. */
  sort: z.enum(['latest', 'hot']).default('latest'),
  kind: ThreadKind.optional(),
  cursor: Cursor,
  limit: Limit,
});
export type ThreadListQuery = z.infer<typeof ThreadListQuery>;

export const PageCursorQuery = z.object({ cursor: Cursor, limit: Limit });

export const CreateThreadRequest = z.strictObject({
  title: z.string().trim().min(THREAD_TITLE_MIN_CHARS).max(THREAD_TITLE_MAX_CHARS),
  body: Body,
  /** Post in a group the member belongs to; omitted for the square. */
  groupId: z.uuid().optional(),
  kind: z.enum(['post', 'question']).default('post'),
  productIds: z.array(z.uuid()).max(THREAD_PRODUCT_TAGS_MAX).default([]),
  mentions: Mentions,
});
export type CreateThreadRequest = z.infer<typeof CreateThreadRequest>;

export const CreateReplyRequest = z.strictObject({
  body: Body,
  /** Replying to a reply quotes it (same thread); replies never nest. */
  quoteReplyId: z.uuid().optional(),
  mentions: Mentions,
});
export type CreateReplyRequest = z.infer<typeof CreateReplyRequest>;

export const AcceptAnswerRequest = z.strictObject({ replyId: z.uuid() });
export const AcceptAnswerResponse = z.object({ acceptedReplyId: z.string() });

export const LikeState = z.object({ liked: z.boolean(), likeCount: z.number().int() });
export type LikeState = z.infer<typeof LikeState>;
export const BookmarkState = z.object({ bookmarked: z.boolean() });

export const HotTopics = z.object({ items: z.array(z.object({ topic: z.string(), threadCount: z.number().int() })) });
export type HotTopics = z.infer<typeof HotTopics>;

/** An official announcement in the square (官方), posted from the console and audited. */
export const AnnouncementRequest = z.strictObject({
  title: z.string().trim().min(THREAD_TITLE_MIN_CHARS).max(THREAD_TITLE_MAX_CHARS),
  body: Body,
  productIds: z.array(z.uuid()).max(THREAD_PRODUCT_TAGS_MAX).default([]),
});
export type AnnouncementRequest = z.infer<typeof AnnouncementRequest>;

/** A question nobody has replied to yet, for operators (oldest first). */
export const UnansweredQuestion = z.object({
  id: z.string(),
  groupId: z.string().nullable(),
  title: z.string(),
  excerpt: z.string(),
  author: ForumAuthor,
  topics: z.array(z.string()),
  replyCount: z.number().int(),
  createdAt: Timestamp,
});
export const UnansweredPage = z.object({ items: z.array(UnansweredQuestion), nextCursor: z.string().nullable() });
export type UnansweredPage = z.infer<typeof UnansweredPage>;
