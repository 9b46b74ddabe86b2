import { MESSAGE_MAX_CHARS, type Message } from '@quanzi/contracts';
import type { Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { loadGroup } from './access.js';
import { publishToGroup } from './broadcast.js';
import type { CommunityDeps } from './deps.js';
import { emitPosted, indexMessage } from './post-message.js';
import { presentMessages } from './present.js';
import * as repo from './repo.js';
import { OFFICIAL_ACCOUNT_ID } from './official-account.js';

/**
 * Posts as the official account in the caller's transaction (or its own): the group's next number,
 * the search index, `group:<id>` and `community.message_posted` exactly like a member's message.
 * The caller has screened the text (compliance, keyword rules); the word filter is not asked.
 */
export async function postOfficial(
  deps: CommunityDeps,
  trx: Tx | undefined,
  groupId: string,
  input: { text: string; replyToId?: string | null | undefined },
): Promise<Message> {
  const text = input.text.trim();
  if (!text) throw new AppError('MESSAGE_EMPTY');
  if ([...text].length > MESSAGE_MAX_CHARS) throw new AppError('MESSAGE_TOO_LONG', { max: MESSAGE_MAX_CHARS });
  const run = async (tx: Tx) => {
    await loadGroup(tx, groupId);
    const now = deps.clock.now();
    const seq = await repo.nextSeq(tx, groupId, now);
    const replyTo = input.replyToId && isUuid(input.replyToId) ? await repo.findMessage(tx, input.replyToId) : undefined;
    const row = await repo.insertMessage(tx, {
      group_id: groupId,
      seq,
      author_id: OFFICIAL_ACCOUNT_ID,
      kind: 'text',
      text,
      reply_to_id: replyTo && replyTo.group_id === groupId && replyTo.status === 'visible' ? replyTo.id : null,
      mentions: [],
      image_id: null,
      product_id: null,
      status: 'visible',
      warning: null,
      created_at: now,
    });
    await indexMessage(deps, tx, row);
    const [presented] = await presentMessages(deps, [row], null, { db: tx });
    await publishToGroup(deps, tx, groupId, 'message.created', presented);
    await emitPosted(deps, tx, row, row.reply_to_id ? replyTo : undefined, 'official');
    return presented!;
  };
  return trx ? run(trx) : transact(deps.db, run);
}
