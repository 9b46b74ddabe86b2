import { describe, expect, it } from 'vitest';
import { warnDyingGroups, type WarnDeps } from './warn-dying.js';

describe('the dying-group warning', () => {
  it('goes to the owner and admins of each dying group, once per week, and not to healthy groups', async () => {
    const sends: Array<{ memberId: string; dedupeKey: string; title: string }> = [];
    const deps: WarnDeps = {
      health: async () => ({
        items: [
          {
            groupId: 'g-dying',
            groupName: '稳健理财交流圈',
            dying: true,
            signals: ['连续 3 周发言减少', '首次响应变慢'],
            weekly: [3, 8, 15, 24],
          },
          { groupId: 'g-ok', groupName: '新手村', dying: false, signals: [], weekly: [30, 30, 30, 30] },
        ],
      }),
      staffOf: async (id) => (id === 'g-dying' ? ['owner', 'admin'] : ['other-owner']),
      send: async (input) => void sends.push(input),
    };
    expect(await warnDyingGroups(deps, new Date('2026-11-23T01:00:00Z'))).toEqual({ groups: 1, sent: 2 });
    expect(sends.map((s) => s.memberId)).toEqual(['owner', 'admin']);
    expect(sends[0]!.title).toContain('稳健理财交流圈');
    expect(sends[0]!.dedupeKey).toBe('analytics:dying:g-dying:2026-11-23');
  });
});
