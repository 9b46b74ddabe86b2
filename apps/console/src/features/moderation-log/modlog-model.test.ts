import { StaffModlogQuery } from '@quanzi/contracts';
import { describe, expect, it } from 'vitest';
import { modlogQuery } from './modlog-model';

describe('modlogQuery', () => {
  it('leaves out empty filters and fits the contract', () => {
    const qs = modlogQuery({ action: 'hide', rule: 'R2', memberId: '  ' });
    expect(qs).toBe('limit=30&action=hide&rule=R2');
    expect(StaffModlogQuery.safeParse(Object.fromEntries(new URLSearchParams(qs))).success).toBe(true);
  });
  it('carries the cursor of the next page', () => {
    expect(modlogQuery({}, '12345', 10)).toBe('limit=10&cursor=12345');
  });
});
