import type { LiveComment, LiveQuestion, LiveSession, LiveSessionDetail, LiveStatus } from '@quanzi/contracts';
import { api } from '../../shared/api';
import { postRaw } from '../../shared/post-raw';

export type { LiveComment, LiveQuestion, LiveSession, LiveSessionDetail, LiveStatus } from '@quanzi/contracts';

export { WaitError } from '../../shared/post-raw';

const enc = encodeURIComponent;

/** A comment or question: slow mode's wait comes back in Retry-After, which the shared client drops. */
const postText = <T>(path: string, body: string) => postRaw<T>(path, JSON.stringify({ body }), 'application/json');

/** The live endpoints the list and the room use (all need a login). */
export const liveApi = {
  list: () => api<{ upcoming: LiveSession[]; past: LiveSession[] }>('GET', '/live'),
  session: (id: string) => api<LiveSessionDetail>('GET', `/live/${enc(id)}`),
  subscribe: (id: string, on: boolean) =>
    api<{ subscribed: boolean; subscriberCount: number }>(on ? 'POST' : 'DELETE', `/live/${enc(id)}/subscription`),
  comments: (id: string, before?: string | null) =>
    api<{ items: LiveComment[]; nextBefore: string | null }>('GET', `/live/${enc(id)}/comments${before ? `?before=${enc(before)}` : ''}`),
  questions: (id: string) => api<{ items: LiveQuestion[] }>('GET', `/live/${enc(id)}/questions`),
  comment: (id: string, body: string) => postText<LiveComment>(`/live/${enc(id)}/comments`, body),
  ask: (id: string, body: string) => postText<LiveQuestion>(`/live/${enc(id)}/questions`, body),
  upvote: (questionId: string) => api<LiveQuestion>('POST', `/live/questions/${enc(questionId)}/upvote`),
  markAnswered: (questionId: string) => api<LiveQuestion>('POST', `/live/questions/${enc(questionId)}/answered`),
  start: (id: string) => api<LiveSession>('POST', `/live/${enc(id)}/start`),
  end: (id: string) => api<LiveSession>('POST', `/live/${enc(id)}/end`),
};

/** The stream link we send members to: https only (the API insists too; checked again before it becomes an href). */
export function streamHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'https:' || !url.hostname || url.username || url.password) return null;
    return url.href;
  } catch {
    return null;
  }
}

export const statusColor: Record<LiveStatus, string> = {
  live: '#ff3141',
  scheduled: '#1677ff',
  ended: '#999999',
  cancelled: '#bbbbbb',
};
