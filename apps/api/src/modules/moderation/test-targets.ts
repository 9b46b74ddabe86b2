import crypto from 'node:crypto';
import type { ModerationModule } from './index.js';
import type { GroupRole, TargetEffect, TargetHandler } from './targets.js';

interface Item {
  authorId: string | null;
  text: string;
  groupId: string | null;
  visibility?: 'public' | 'private';
  state: 'visible' | 'hidden' | 'deleted' | 'held' | 'withdrawn';
}

/**
 * For the *.db.test.ts files only: moderation's targets and group roles in memory, standing in for
 * community/forum so moderation is tested on its own. Replaces whatever those modules registered.
 */
export function installMemoryTargets(moderation: ModerationModule) {
  const items = new Map<string, Item>();
  const roles = new Map<string, GroupRole>();
  const effects: Array<[string, TargetEffect]> = [];
  const key = (groupId: string, memberId: string) => `${groupId}:${memberId}`;

  const message: TargetHandler = {
    async describe(_trx, id) {
      const item = items.get(id);
      if (!item || item.state === 'withdrawn') return undefined;
      return { authorId: item.authorId, text: item.text, groupId: item.groupId, link: `/test/messages/${id}`, visibility: item.visibility };
    },
    async apply(_trx, id, effect) {
      effects.push([id, effect]);
      const item = items.get(id)!;
      item.state = effect === 'hide' ? 'hidden' : effect === 'delete' ? 'deleted' : 'visible';
    },
  };
  const member: TargetHandler = {
    async describe(_trx, id) {
      return { authorId: id, text: '', groupId: null, link: `/test/members/${id}` };
    },
    async apply(_trx, id, effect, ctx) {
      effects.push([id, effect]);
      if (effect === 'remove_from_group') roles.delete(key(ctx.groupId!, id));
      if (effect === 'restore') roles.set(key(ctx.groupId!, id), 'member');
    },
  };
  moderation.registerTarget('message', message);
  moderation.registerTarget('member', member);
  moderation.registerGroupRoleLookup(async (groupId, memberId) => roles.get(key(groupId, memberId)) ?? null);

  return {
    items,
    effects,
    /** A message by `authorId`; in a group unless groupId is null. */
    post(authorId: string, text: string, options: { groupId?: string | null; visibility?: 'public' | 'private'; held?: boolean } = {}) {
      const id = crypto.randomUUID();
      items.set(id, {
        authorId,
        text,
        groupId: options.groupId ?? null,
        ...(options.visibility ? { visibility: options.visibility } : {}),
        state: options.held ? 'held' : 'visible',
      });
      return id;
    },
    setRole(groupId: string, memberId: string, role: GroupRole) {
      roles.set(key(groupId, memberId), role);
    },
    role: (groupId: string, memberId: string) => roles.get(key(groupId, memberId)) ?? null,
    state: (id: string) => items.get(id)?.state,
  };
}
