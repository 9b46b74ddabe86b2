import { AnnouncementRequest } from '@quanzi/contracts';
import { describe, expect, it } from 'vitest';
import { threadLink, toAnnouncementRequest } from './announcement-model';

describe('toAnnouncementRequest', () => {
  it('trims the title, keeps the Markdown as typed, dedupes products and fits the contract', () => {
    const p = '33333333-3333-4333-8333-333333333333';
    const req = toAnnouncementRequest({ title: ' 春节理财安排 ', body: '  - 第一条\n- **第二条**\n\n', productIds: [p, p] });
    expect(req).toEqual({ title: '春节理财安排', body: '  - 第一条\n- **第二条**', productIds: [p] });
    expect(AnnouncementRequest.safeParse(req).success).toBe(true);
  });
  it('links to the thread in the member app', () => {
    expect(threadLink('abc')).toBe('/threads/abc');
  });
});
