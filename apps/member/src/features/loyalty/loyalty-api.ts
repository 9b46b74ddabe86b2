import type { CheckinMonth, CheckinResult, MemberLevel, PointsSummary } from '@quanzi/contracts';
import { api } from '../../shared/api';

export type { CheckinMonth, CheckinResult, MemberLevel, PointsEntry, PointsSummary } from '@quanzi/contracts';

/** Points, level and check-in. A check-in carries the Idempotency-Key its page keeps per attempt. */
export const loyaltyApi = {
  points: (before: string | null, limit = 20) =>
    api<PointsSummary>('GET', `/me/points?limit=${limit}${before ? `&before=${encodeURIComponent(before)}` : ''}`),
  level: () => api<MemberLevel>('GET', '/me/level'),
  checkins: (month?: string) => api<CheckinMonth>('GET', `/me/checkins${month ? `?month=${month}` : ''}`),
  checkIn: (key: string, makeUpDay?: string) =>
    api<CheckinResult>('POST', '/checkins', makeUpDay ? { makeUpDay } : {}, { headers: { 'idempotency-key': key } }),
};
