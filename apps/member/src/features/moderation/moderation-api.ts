import type { Appeal, CharterRule, ModerationTargetType, ModlogAction, MyModerationEntry, PublicModlogEntry } from '@quanzi/contracts';
import { MODERATION_TARGET_TYPES } from '@quanzi/contracts';
import { api } from '../../shared/api';

export type { Appeal, CharterRule, ModerationTargetType, ModlogAction, MyModerationEntry, PublicModlogEntry } from '@quanzi/contracts';

const enc = encodeURIComponent;
const query = (params: Record<string, string | number | undefined | null>): string => {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${enc(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
};
const publicCall = { redirectOn401: false } as const;

export const isTargetType = (v: string | null): v is ModerationTargetType =>
  v !== null && (MODERATION_TARGET_TYPES as readonly string[]).includes(v);

/** The report, appeal and public log endpoints. The log and the charter are public: no login, no redirect. */
export const moderationApi = {
  rules: async (): Promise<CharterRule[]> =>
    (await api<{ current: { version: number; rules: CharterRule[] } }>('GET', '/public/charter', undefined, publicCall)).current.rules,
  report: (body: { targetType: ModerationTargetType; targetId: string; ruleCode: string; note?: string }) =>
    api<{ id: string; status: string; createdAt: string }>('POST', '/reports', body),
  appeal: (body: { actionId: string; reason: string }) => api<Appeal>('POST', '/appeals', body),
  myAppeals: () => api<{ items: Appeal[] }>('GET', '/me/appeals'),
  myModeration: (cursor: string | null) =>
    api<{ items: MyModerationEntry[]; nextCursor: string | null }>('GET', `/me/moderation${query({ cursor, limit: 20 })}`),
  modlog: (filter: { action?: ModlogAction | undefined; rule?: string | undefined }, cursor: string | null) =>
    api<{ items: PublicModlogEntry[]; nextCursor: string | null }>(
      'GET',
      `/public/modlog${query({ action: filter.action, rule: filter.rule, cursor, limit: 20 })}`,
      undefined,
      publicCall,
    ),
  modlogEntry: (id: string) => api<PublicModlogEntry>('GET', `/public/modlog/${enc(id)}`, undefined, publicCall),
  /** A thread's title for the report page's preview (square threads need no login). */
  threadTitle: async (id: string): Promise<{ author: string; text: string }> => {
    const th = await api<{ title: string; author: { nickname: string } }>('GET', `/threads/${enc(id)}`, undefined, publicCall);
    return { author: th.author.nickname, text: th.title };
  },
};
