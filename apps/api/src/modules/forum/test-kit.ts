import { expect } from 'vitest';
import { freshPhone, registerMember } from '../../../test/flows.js';
import { call, type TestSystem } from '../../../test/harness.js';

/** Shared by the forum's database tests: members and the HTTP calls they make. */
export type Member = { token: string; memberId: string };

export const newMember = (sys: TestSystem, admin: string): Promise<Member> => registerMember(sys.app, admin, freshPhone());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export const request = (sys: TestSystem, token: string | undefined, method: Method, url: string, body?: unknown) =>
  call(sys.app, { method, url: `/api/v1${url}`, ...(token ? { token } : {}), ...(body === undefined ? {} : { body }) });

/** Posts a thread and returns its detail, failing the test unless it was created. */
export async function postThread(sys: TestSystem, member: Member, body: Record<string, unknown>) {
  const res = await request(sys, member.token, 'POST', '/threads', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function postReply(sys: TestSystem, member: Member, threadId: string, body: Record<string, unknown>) {
  const res = await request(sys, member.token, 'POST', `/threads/${threadId}/replies`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** The error code of a failed call. */
export const codeOf = (res: { json(): unknown }) => (res.json() as { error?: { code?: string } }).error?.code;
