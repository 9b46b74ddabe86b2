import type { Tx } from '../../platform/db/connect.js';
import { AppError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { publishToGroup } from './broadcast.js';
import type { CommunityDeps } from './deps.js';
import { removeMember } from './groups.js';
import { publishChanged } from './message-actions.js';
import { indexMessage, messageLink } from './post-message.js';
import { presentMessages } from './present.js';
import * as repo from './repo.js';

export type TargetAction = 'hide' | 'delete' | 'restore' | 'release' | 'remove_from_group';

/**
 * What moderation may do to community content. Moderation owns the decision and the public log;
 * this carries it out on messages and memberships, keeping search and every open screen in step.
 */
export function messageTarget(deps: CommunityDeps) {
  return {
    async describe(trx: Tx, id: string) {
      const m = isUuid(id) ? await repo.findMessage(trx, id) : undefined;
      const group = m && (await repo.findGroup(trx, m.group_id));
      // Excerpts of private groups' messages never reach the public log.
      return (
        m &&
        group && {
          authorId: m.author_id,
          text: m.text,
          groupId: m.group_id,
          link: messageLink(m.group_id, m.id),
          visibility: group.visibility,
          held: m.status === 'held',
        }
      );
    },
    async apply(trx: Tx, id: string, action: TargetAction) {
      const m = isUuid(id) ? await repo.findMessage(trx, id, { lock: true }) : undefined;
      if (!m) throw new AppError('NOT_FOUND');
      const now = deps.clock.now();
      if (action === 'hide' || action === 'delete') {
        if (m.status === 'recalled' || m.status === 'deleted') throw new AppError('CONTENT_GONE');
        const row = (await repo.setMessageStatus(trx, m.id, action === 'hide' ? 'hidden' : 'deleted', now))!;
        await deps.search.remove(trx, 'message', m.id);
        await publishChanged(deps, trx, row);
      } else if (action === 'restore' || action === 'release') {
        if (m.status === 'recalled' || m.status === 'visible') return;
        const row = (await repo.setMessageStatus(trx, m.id, 'visible', now))!;
        if (row.text) await indexMessage(deps, trx, row);
        // A released message appears for the first time; a restored one changes in place.
        if (m.status === 'held')
          await publishToGroup(deps, trx, m.group_id, 'message.created', (await presentMessages(deps, [row], null, { db: trx }))[0]);
        else await publishChanged(deps, trx, row);
      } else throw new AppError('VALIDATION_FAILED', {}, [{ field: 'action', issue: `${action} does not apply to a message` }]);
    },
  };
}

/** A member as a target: removal from a group (mutes and warnings are moderation's own records). */
export function memberTarget(deps: CommunityDeps) {
  return {
    async describe(trx: Tx, id: string) {
      if (!isUuid(id)) return undefined;
      const names = await deps.identity.nicknames([id], trx);
      const nickname = names.get(id);
      return nickname === undefined ? undefined : { authorId: id, text: nickname, groupId: null, link: null };
    },
    async apply(trx: Tx, id: string, action: TargetAction, ctx: { groupId: string | null }) {
      if (action === 'remove_from_group') {
        if (!ctx.groupId) throw new AppError('VALIDATION_FAILED', {}, [{ field: 'groupId', issue: 'required' }]);
        const m = await repo.membership(trx, ctx.groupId, id);
        if (!m) throw new AppError('NOT_FOUND');
        if (m.role === 'owner') throw new AppError('GROUP_ROLE_REQUIRED');
        await removeMember(trx, ctx.groupId, id);
      } else if (action === 'restore' && ctx.groupId) {
        // An overturned removal: back in the group, as an ordinary member.
        const group = await repo.findGroup(trx, ctx.groupId);
        if (!group) return;
        const added = await repo.insertMembership(trx, {
          group_id: group.id,
          member_id: id,
          role: 'member',
          state: 'active',
          joined_at: deps.clock.now(),
          last_read_seq: group.last_seq,
        });
        if (added) await repo.addToMemberCount(trx, group.id, 1);
      }
    },
  };
}
