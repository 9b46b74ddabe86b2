import { describe, expect, it } from 'vitest';
import { useDemoSystem } from '../../../test/flows.js';
import { createGroup, join } from '../../../test/community-flows.js';
import { codeOf, newMember, postReply, postThread, request } from './test-kit.js';

const env = useDemoSystem();
const sys = () => env.sys;
const member = () => newMember(sys(), env.admin);
const ids = (res: { json(): { items: Array<{ id: string }> } }) => res.json().items.map((t) => t.id);

describe('group threads', () => {
  it('reach only those who can read the group: lists, detail, replies and search', async () => {
    const [insider, outsider] = [await member(), await member()];
    const group = await createGroup(sys(), { name: '私享理财圈', visibility: 'private', joinPolicy: 'invite' });
    expect((await join(sys(), { ...insider, phone: '' }, group.id, group.inviteCode!)).statusCode).toBe(200);

    const refused = await request(sys(), outsider.token, 'POST', '/threads', { groupId: group.id, title: '闯入', body: '我不在圈子里' });
    expect(refused.statusCode).toBe(404);
    const thread = await postThread(sys(), insider, { groupId: group.id, title: '圈内讨论', body: '只给圈友看的内幕分析' });
    expect(thread.groupId).toBe(group.id);
    await postReply(sys(), insider, thread.id, { body: '补充一点内幕分析' });

    expect(ids(await request(sys(), insider.token, 'GET', `/threads?groupId=${group.id}`))).toEqual([thread.id]);
    expect(ids(await request(sys(), insider.token, 'GET', '/threads?limit=50'))).not.toContain(thread.id);
    expect((await request(sys(), outsider.token, 'GET', `/threads?groupId=${group.id}`)).statusCode).toBe(404);
    // Signed out, a private group's threads do not exist either (a public group's ask for a login).
    expect((await request(sys(), undefined, 'GET', `/threads?groupId=${group.id}`)).statusCode).toBe(404);
    expect(codeOf(await request(sys(), undefined, 'GET', `/threads/${thread.id}`))).toBe('NOT_FOUND');
    const open = await createGroup(sys(), { name: '公开理财圈', visibility: 'public', joinPolicy: 'open' });
    expect((await request(sys(), undefined, 'GET', `/threads?groupId=${open.id}`)).statusCode).toBe(401);
    expect(codeOf(await request(sys(), outsider.token, 'GET', `/threads/${thread.id}`))).toBe('NOT_FOUND');
    expect(codeOf(await request(sys(), outsider.token, 'GET', `/threads/${thread.id}/replies`))).toBe('NOT_FOUND');
    expect(codeOf(await request(sys(), outsider.token, 'POST', `/threads/${thread.id}/like`))).toBe('NOT_FOUND');

    const hits = async (token: string) => ids(await request(sys(), token, 'GET', `/search?q=${encodeURIComponent('内幕分析')}`));
    expect(await hits(insider.token)).toContain(thread.id);
    expect(await hits(outsider.token)).toEqual([]);
  });
});

describe('@mentions', () => {
  it('notify the members named in the text, once, and nobody whose name is not there', async () => {
    const [author, named, unnamed] = [await member(), await member(), await member()];
    const nickname = (await request(sys(), named.token, 'GET', '/me')).json().nickname as string;
    const thread = await postThread(sys(), author, {
      title: '请教一下',
      body: `@${nickname} 你怎么看？`,
      mentions: [named.memberId, unnamed.memberId, author.memberId],
    });
    const inbox = async (token: string) => {
      await sys().platform.outbox.drainAll();
      return (await request(sys(), token, 'GET', '/me/inbox')).json().items as Array<{ kind: string; link: string }>;
    };
    expect(await inbox(named.token)).toEqual([expect.objectContaining({ kind: 'mention', link: `/community/threads/${thread.id}` })]);
    expect(await inbox(unnamed.token)).toEqual([]);
    expect(await inbox(author.token)).toEqual([]);
  });
});
