import { MESSAGE_MAX_CHARS, type Message } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { assertActiveMember } from './access.js';
import { publishToGroup } from './broadcast.js';
import type { CommunityDeps } from './deps.js';
import { presentMessages, productCards } from './present.js';
import * as repo from './repo.js';
import { checkNewcomerLimits } from './trust.js';

export interface PostMessageInput {
  text: string;
  replyToId?: string | undefined;
  mentions?: readonly string[] | undefined;
  imageId?: string | undefined;
  productId?: string | undefined;
}

/** Shown to readers beside a message that tries to move members off the platform. */
export const OFF_PLATFORM_WARNING = '提醒：该内容疑似引导站外联系或私下交易，平台外的交易不受保障，请勿转账。';

const RECENT_POSTS_KEPT = 5;
export const messageLink = (groupId: string, messageId: string) => `/community/groups/${groupId}?m=${messageId}`;

/**
 * Posts a message: checks membership, mutes, newcomer limits, slow mode and the word filter; stores
 * it with the group's next number; indexes it for search; tells the group over the hub and the
 * mentioned members through their inbox — all in one transaction, after which it is delivered.
 */
export async function postMessage(deps: CommunityDeps, memberId: string, groupId: string, input: PostMessageInput): Promise<Message> {
  const text = input.text.trim();
  if (!text && !input.imageId && !input.productId) throw new AppError('MESSAGE_EMPTY');
  if ([...text].length > MESSAGE_MAX_CHARS) throw new AppError('MESSAGE_TOO_LONG', { max: MESSAGE_MAX_CHARS });
  // Outsiders learn nothing from the word filter: membership first.
  const { group: target } = await assertActiveMember(deps.db, memberId, groupId);
  const screened = text ? deps.moderation.screen(text) : { verdict: 'pass' as const, matches: [] };
  // Product figures come from another module's connection: read them before any lock is taken.
  const products = input.productId ? await productCards(deps, [input.productId]) : undefined;
  if (input.productId && !products?.has(input.productId)) throw new AppError('NOT_FOUND');
  if (screened.verdict === 'block') {
    const match = screened.matches[0]!;
    // The refusal itself is published in the moderation log (the filter acts in public too).
    // Its own transaction: the log row must survive the refusal.
    await deps.moderation.recordFilter(undefined, {
      verdict: 'block',
      target: { type: 'message' },
      authorId: memberId,
      text,
      groupId,
      visibility: target.visibility,
      match,
    });
    throw new AppError('CONTENT_BLOCKED', { word: match.word, rule: match.ruleCode });
  }

  const message = await transact(deps.db, async (trx) => {
    await assertActiveMember(trx, memberId, groupId);
    await deps.moderation.assertCanPost(trx, memberId, groupId);
    const mentionIds = [...new Set(input.mentions ?? [])].filter((id) => id !== memberId);
    // Every member may share a product card (newcomers a few a day); the card carries the product's
    // risk warning, and whether it suits the reader is checked when they buy, not here.
    await checkNewcomerLimits(deps, trx, memberId, {
      text,
      image: !!input.imageId,
      mentions: mentionIds.length,
      products: input.productId ? 1 : 0,
    });

    // The group's row lock (taken by nextSeq) serialises this member's posts too, so the slow-mode
    // check below sees their previous post even when two arrive at once.
    const now = deps.clock.now();
    const seq = await repo.nextSeq(trx, groupId, now);
    const group = (await repo.findGroup(trx, groupId))!;
    const fresh = (await repo.membership(trx, groupId, memberId))!;
    if (group.slow_mode_seconds > 0 && fresh.role === 'member' && fresh.last_posted_at) {
      const wait = Math.ceil((fresh.last_posted_at.getTime() + group.slow_mode_seconds * 1000 - now.getTime()) / 1000);
      if (wait > 0) throw new AppError('SLOW_MODE', { seconds: wait });
    }

    const replyTo = input.replyToId ? await loadReplyTarget(trx, groupId, input.replyToId) : undefined;
    if (input.imageId) {
      const image = isUuid(input.imageId) ? await repo.findImage(trx, input.imageId) : undefined;
      if (!image || image.group_id !== groupId || image.uploader_id !== memberId) throw new AppError('NOT_FOUND');
    }
    const mentioned = await repo.activeMembersAmong(trx, groupId, mentionIds);

    const status = screened.verdict === 'hold' ? 'held' : 'visible';
    const row = await repo.insertMessage(trx, {
      group_id: groupId,
      seq,
      author_id: memberId,
      kind: input.productId ? 'product' : input.imageId ? 'image' : 'text',
      text,
      reply_to_id: replyTo?.id ?? null,
      mentions: mentioned.map((m) => m.member_id),
      image_id: input.imageId ?? null,
      product_id: input.productId ?? null,
      status,
      warning: screened.verdict === 'flag' ? OFF_PLATFORM_WARNING : null,
      created_at: now,
    });
    await repo.updateMembership(trx, groupId, memberId, { last_posted_at: now });
    await repo.advanceReadMarker(trx, groupId, memberId, seq);
    await repo.recordPost(trx, memberId, now, RECENT_POSTS_KEPT);

    if (status === 'held') {
      await deps.moderation.recordFilter(trx, {
        verdict: 'hold',
        target: { type: 'message', id: row.id },
        authorId: memberId,
        text,
        groupId,
        visibility: group.visibility,
        match: screened.matches[0]!,
      });
      return row;
    }
    if (text) await indexMessage(deps, trx, row);
    const [presented] = await presentMessages(deps, [row], null, { db: trx, ...(products ? { products } : {}) });
    await publishToGroup(deps, trx, groupId, 'message.created', presented);
    await announce(deps, trx, group, row, replyTo, mentioned);
    await emitPosted(deps, trx, row, replyTo, fresh.role);
    return row;
  });
  return (await presentMessages(deps, [message], memberId, products ? { products } : {}))[0]!;
}

/**
 * `community.message_posted`: what community operations (the unanswered-question alarm, keyword
 * replies) hear of every visible message, after commit.
 */
export async function emitPosted(
  deps: Pick<CommunityDeps, 'outbox'>,
  trx: Parameters<CommunityDeps['outbox']['emit']>[0],
  row: repo.MessageRow,
  replyTo: repo.MessageRow | undefined,
  role: 'owner' | 'admin' | 'member' | 'official',
) {
  await deps.outbox.emit(trx, 'community.message_posted', {
    groupId: row.group_id,
    messageId: row.id,
    authorId: row.author_id,
    authorRole: role,
    text: row.text,
    replyToId: row.reply_to_id,
    replyToAuthorId: replyTo?.author_id ?? null,
    mentions: row.mentions,
    createdAt: row.created_at.toISOString(),
  });
}

async function loadReplyTarget(trx: Parameters<typeof repo.findMessage>[0], groupId: string, id: string) {
  const target = isUuid(id) ? await repo.findMessage(trx, id) : undefined;
  if (!target || target.group_id !== groupId) throw new AppError('NOT_FOUND');
  if (target.status !== 'visible') throw new AppError('CONTENT_GONE');
  return target;
}

export async function indexMessage(
  deps: Pick<CommunityDeps, 'search'>,
  trx: Parameters<CommunityDeps['search']['index']>[0],
  row: repo.MessageRow,
) {
  await deps.search.index(trx, {
    kind: 'message',
    id: row.id,
    scope: `group:${row.group_id}`,
    title: null,
    body: row.text,
    authorId: row.author_id,
    link: messageLink(row.group_id, row.id),
    createdAt: row.created_at,
  });
}

/**
 * Domain events for the inbox: who was mentioned or replied to (members who muted the group or
 * blocked the author are left out). The notifications module turns them into notifications.
 */
async function announce(
  deps: CommunityDeps,
  trx: Parameters<typeof repo.findMessage>[0] & Parameters<CommunityDeps['outbox']['emit']>[0],
  group: repo.GroupRow,
  row: repo.MessageRow,
  replyTo: repo.MessageRow | undefined,
  mentioned: repo.MembershipRow[],
) {
  const blockers = await repo.whoBlocked(trx, row.author_id, [
    ...mentioned.map((m) => m.member_id),
    ...(replyTo ? [replyTo.author_id] : []),
  ]);
  const names = await deps.identity.nicknames([row.author_id], trx);
  const common = {
    groupId: group.id,
    groupName: group.name,
    messageId: row.id,
    authorName: names.get(row.author_id) ?? '圈友',
    excerpt: row.text.slice(0, 80),
    link: messageLink(group.id, row.id),
  };
  const mentionIds = mentioned.filter((m) => !m.muted && !blockers.has(m.member_id)).map((m) => m.member_id);
  if (mentionIds.length) await deps.outbox.emit(trx, 'community.mentioned', { ...common, memberIds: mentionIds });
  if (replyTo && replyTo.author_id !== row.author_id) {
    await repo.addTrustCounters(trx, replyTo.author_id, { repliesReceived: 1 });
    const m = await repo.membership(trx, group.id, replyTo.author_id);
    if (m?.state === 'active' && !m.muted && !blockers.has(replyTo.author_id) && !mentionIds.includes(replyTo.author_id))
      await deps.outbox.emit(trx, 'community.replied', { ...common, memberIds: [replyTo.author_id] });
  }
}
