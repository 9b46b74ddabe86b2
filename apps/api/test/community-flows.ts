import { expect } from 'vitest';
import { call, type TestSystem } from './harness.js';
import { operatorLogin } from './flows.js';
import { verifiedMembers } from './wallet-flows.js';

export type Member = { token: string; memberId: string; phone: string };

/** Creates a group in the console as the community manager and returns it (with its invite code). */
export async function createGroup(sys: TestSystem, body: Record<string, unknown>) {
  const manager = await operatorLogin(sys.app, 'community');
  const res = await call(sys.app, { method: 'POST', url: '/api/v1/console/groups', token: manager, body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; inviteCode: string | null; name: string };
}

/**
 * Members who are past the newcomer stage: they visited the community yesterday and today
 * (trust level 1), as real members would before chatting freely.
 */
export async function regulars(sys: TestSystem, count: number): Promise<Member[]> {
  const members = await verifiedMembers(sys, count);
  for (const m of members) await sys.modules.community.recordActivity(sys.platform.db, m.memberId, 'visit');
  sys.clock.advance(86_400_000);
  for (const m of members) await sys.modules.community.recordActivity(sys.platform.db, m.memberId, 'visit');
  return members;
}

export async function join(sys: TestSystem, member: Member, groupId: string, inviteCode?: string) {
  return call(sys.app, {
    method: 'POST',
    url: `/api/v1/groups/${groupId}/join`,
    token: member.token,
    body: inviteCode ? { inviteCode } : {},
  });
}

export async function post(sys: TestSystem, member: Member, groupId: string, body: Record<string, unknown>) {
  return call(sys.app, { method: 'POST', url: `/api/v1/groups/${groupId}/messages`, token: member.token, body });
}

export async function history(sys: TestSystem, member: Member, groupId: string, query = '') {
  return call(sys.app, { url: `/api/v1/groups/${groupId}/messages${query}`, token: member.token });
}
