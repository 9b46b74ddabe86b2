import type { LiveComment, LiveQuestion, LiveSession, LiveSessionDetail, LiveStatus } from '@quanzi/contracts';
import { api, ApiError } from '../../shared/api';
import i18n from '../../shared/i18n';

export type { LiveComment, LiveQuestion, LiveSession, LiveSessionDetail, LiveStatus } from '@quanzi/contracts';

/** A refusal that says how long to wait (slow mode: 429 with Retry-After). */
export class WaitError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly retryAfter: number | null,
  ) {
    super(status, code, message);
  }
}

const enc = encodeURIComponent;

/** A comment or question: the shared client drops response headers, and slow mode's wait is in Retry-After. */
async function postText<T>(path: string, body: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'accept-language': i18n.language },
      body: JSON.stringify({ body }),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('common.networkError'));
  }
  const data = await res.json().catch(() => undefined);
  if (res.ok) return data as T;
  const error = data?.error ?? { code: 'INTERNAL', message: i18n.t('common.serverError') };
  const retry = Number(res.headers.get('retry-after'));
  throw new WaitError(res.status, error.code, error.message, Number.isFinite(retry) && retry > 0 ? retry : null);
}

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
