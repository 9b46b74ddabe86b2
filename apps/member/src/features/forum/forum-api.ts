import type {
  BookmarkState,
  CreateReplyRequest,
  CreateThreadRequest,
  ForumReply,
  HotTopics,
  LikeState,
  Page,
  Product,
  ReplyPage,
  ThreadDetail,
  ThreadKind,
  ThreadPage,
} from '@quanzi/contracts';
import { api } from '../../shared/api';

export type { ForumAuthor, ForumReply, ReplyPage, ThreadDetail, ThreadKind, ThreadPage, ThreadSummary } from '@quanzi/contracts';

export type ThreadSort = 'latest' | 'hot';

const enc = encodeURIComponent;
/** `?a=1&b=2` from the defined values only. */
export const query = (params: Record<string, string | number | undefined | null>): string => {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${enc(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
};

export interface ThreadFilter {
  groupId?: string | undefined;
  topic?: string | undefined;
  sort: ThreadSort;
  kind?: ThreadKind | undefined;
}

/** The body of `POST /threads` as sent (server defaults not yet applied). */
export type NewThread = (typeof CreateThreadRequest)['_input'];
export type NewReply = (typeof CreateReplyRequest)['_input'];

/**
 * The forum endpoints the pages use. Reading the square needs no login (a 401 never redirects
 * there); everything that writes does. Posts carry an Idempotency-Key per attempt, so a retried
 * post is stored once.
 */
export const forumApi = {
  threads: (f: ThreadFilter, cursor: string | null) =>
    api<ThreadPage>('GET', `/threads${query({ groupId: f.groupId, topic: f.topic, sort: f.sort, kind: f.kind, cursor, limit: 20 })}`),
  thread: (id: string) => api<ThreadDetail>('GET', `/threads/${enc(id)}`),
  replies: (id: string, cursor: string | null) => api<ReplyPage>('GET', `/threads/${enc(id)}/replies${query({ cursor, limit: 20 })}`),
  create: (body: NewThread, key: string) => api<ThreadDetail>('POST', '/threads', body, { headers: { 'idempotency-key': key } }),
  reply: (id: string, body: NewReply, key: string) =>
    api<ForumReply>('POST', `/threads/${enc(id)}/replies`, body, { headers: { 'idempotency-key': key } }),
  like: (type: 'thread' | 'reply', id: string, on: boolean) =>
    api<LikeState>(on ? 'POST' : 'DELETE', `/${type === 'thread' ? 'threads' : 'replies'}/${enc(id)}/like`),
  bookmark: (id: string, on: boolean) => api<(typeof BookmarkState)['_output']>(on ? 'POST' : 'DELETE', `/threads/${enc(id)}/bookmark`),
  bookmarks: (cursor: string | null) => api<ThreadPage>('GET', `/me/bookmarks${query({ cursor, limit: 20 })}`),
  deleteThread: (id: string) => api<void>('DELETE', `/threads/${enc(id)}`),
  deleteReply: (id: string) => api<void>('DELETE', `/replies/${enc(id)}`),
  accept: (threadId: string, replyId: string) => api<{ acceptedReplyId: string }>('POST', `/threads/${enc(threadId)}/accept`, { replyId }),
  hotTopics: () => api<HotTopics>('GET', '/topics/hot', undefined, { redirectOn401: false }),
  products: (page: number) => api<Page<Product>>('GET', `/products${query({ page, pageSize: 50 })}`),
};

/** Where a thread lives in the app; a reply is an anchor on its thread's page. */
export const threadPath = (id: string) => `/community/threads/${enc(id)}`;
export const replyPath = (threadId: string, replyId: string) => `${threadPath(threadId)}#reply-${replyId}`;
