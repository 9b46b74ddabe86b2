import { z } from 'zod';
import { Timestamp } from './common.js';

/** What the community search indexes: group chat messages, threads and their replies, questions and answers. */
export const SEARCH_KINDS = ['message', 'thread', 'reply', 'question', 'answer'] as const;
export const SearchKind = z.enum(SEARCH_KINDS);
export type SearchKind = z.infer<typeof SearchKind>;

/** The longest search a member may type (characters, after trimming). */
export const SEARCH_QUERY_MAX = 50;

/**
 * A piece of highlighted text. Snippets travel as segments, never as HTML, so apps render the
 * highlight with their own elements and member text can never become markup. Snippets of forum
 * content (Markdown) come as displayed — no `**` or link syntax — with the styles the reader sees
 * there; the flags are present only when set.
 */
export const SearchSegment = z.object({
  text: z.string(),
  hit: z.boolean(),
  strong: z.literal(true).optional(),
  em: z.literal(true).optional(),
  code: z.literal(true).optional(),
});
export type SearchSegment = z.infer<typeof SearchSegment>;

export const SearchHit = z.object({
  kind: SearchKind,
  id: z.string(),
  /** 'public' (the square, Q&A) or 'group:<groupId>'. */
  scope: z.string(),
  /** Threads and questions have a title; messages, replies and answers do not. */
  title: z.string().nullable(),
  /** The title split into segments with the query's words marked; null when there is no title. */
  titleHighlight: z.array(SearchSegment).nullable(),
  /** About 60 characters of the body around the first match, the query's words marked. */
  snippet: z.array(SearchSegment),
  /** The app path that opens the hit ("/groups/…/messages/…"). */
  link: z.string(),
  authorId: z.string().nullable(),
  createdAt: Timestamp,
});
export type SearchHit = z.infer<typeof SearchHit>;

/** `GET /api/v1/search`. `q` is checked by the API (1–50 characters after trimming, else SEARCH_QUERY_INVALID). */
export const SearchQuery = z.object({
  q: z.string().default('').describe('1–50 characters after trimming; otherwise SEARCH_QUERY_INVALID'),
  kind: SearchKind.optional(),
  /** The previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/** Best match first; `nextCursor` is null on the last page (at most 200 hits in all). */
export const SearchPage = z.object({ items: z.array(SearchHit), nextCursor: z.string().nullable() });
export type SearchPage = z.infer<typeof SearchPage>;
