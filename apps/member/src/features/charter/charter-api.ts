import type { CharterRule } from '@quanzi/contracts';
import { api } from '../../shared/api';

export interface CharterVersionView {
  version: number;
  rules: CharterRule[];
  summary: string;
  publishedBy: string;
  publishedAt: string;
}
export interface CharterChange {
  code: string;
  change: 'added' | 'removed' | 'changed';
  before: CharterRule | null;
  after: CharterRule | null;
}

/** Public: anyone may read the rules the community is held to, and how they changed. */
export const charterApi = {
  charter: () =>
    api<{ current: CharterVersionView; versions: Array<Omit<CharterVersionView, 'rules'>> }>('GET', '/public/charter', undefined, {
      redirectOn401: false,
    }),
  diff: (from: number, to: number) =>
    api<{ from: number; to: number; changes: CharterChange[] }>('GET', `/public/charter/diff?from=${from}&to=${to}`, undefined, {
      redirectOn401: false,
    }),
};
