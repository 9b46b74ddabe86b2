import type { LevelRule, MemberPointsConsole, PointsAdjustmentRequest } from '@quanzi/contracts';
import { api, postIdempotent } from '../../shared/api';

export type { LevelRule, MemberPointsConsole, PointsEntry } from '@quanzi/contracts';

export const loyaltyApi = {
  memberPoints: (memberId: string, before?: string | null) =>
    api<MemberPointsConsole>('GET', `/loyalty/members/${memberId}/points?limit=20${before ? `&before=${before}` : ''}`),
  adjust: (body: PointsAdjustmentRequest, key: string) =>
    postIdempotent<{ entryId: string; points: number; balanceAfter: number }>('/loyalty/points-adjustments', body, key),
  rules: () => api<{ rules: LevelRule[] }>('GET', '/loyalty/level-rules'),
  saveRules: (rules: LevelRule[]) => api<{ rules: LevelRule[] }>('PUT', '/loyalty/level-rules', { rules }),
};
