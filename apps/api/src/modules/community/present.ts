import type { AuthorCard, Message } from '@quanzi/contracts';
import type { Executor } from '../../platform/db/connect.js';
import type { CommunityDeps } from './deps.js';
import * as repo from './repo.js';
import { trustLevels } from './trust.js';
import { OFFICIAL_ACCOUNT_ID, OFFICIAL_NICKNAME } from './official-account.js';

const EXCERPT = 60;

/** Name cards for many members at once: nickname, verified badges, trust level. */
export async function authorCards(deps: CommunityDeps, ids: readonly string[], db: Executor = deps.db): Promise<Map<string, AuthorCard>> {
  const unique = [...new Set(ids)];
  // One after another: inside a transaction `db` is a single connection.
  const names = await deps.identity.nicknames(unique, db);
  const experts = await repo.expertsAmong(db, unique);
  const levels = await trustLevels(deps, unique, db);
  return new Map<string, AuthorCard>(
    unique.map((id): [string, AuthorCard] => {
      const expert = experts.get(id);
      if (id === OFFICIAL_ACCOUNT_ID)
        return [id, { id, nickname: OFFICIAL_NICKNAME, badges: ['staff'], badgeTitle: null, trustLevel: 3 } satisfies AuthorCard];
      return [
        id,
        {
          id,
          nickname: names.get(id) ?? '已注销用户',
          badges: expert ? ['expert' as const] : [],
          badgeTitle: expert?.title ?? null,
          trustLevel: levels.get(id) ?? 0,
        },
      ];
    }),
  );
}

const shows = (m: repo.MessageRow) => m.status === 'visible' || m.status === 'held';

export type ProductCardView = NonNullable<Message['product']>;

/** Product figures are read when shown, so a card always has the current benchmark and remaining quota. */
export async function productCards(deps: CommunityDeps, ids: readonly string[], db?: Executor) {
  const out = new Map<string, NonNullable<Message['product']>>();
  for (const id of new Set(ids)) {
    const p = await deps.investing.product(id, db).catch(() => undefined);
    if (p)
      out.set(id, {
        id: p.id,
        name: p.name,
        type: p.type,
        riskLevel: p.riskLevel,
        benchmarkBps: p.benchmarkBps,
        remainingQuota: p.remainingQuota,
        minAmount: p.minAmount,
        purchasable: p.purchasable,
        riskWarning: p.disclosures.riskWarning,
      });
  }
  return out;
}

/**
 * Messages as the viewer sees them: withdrawn, hidden or deleted ones keep their place but lose their
 * content. Inside a transaction that holds locks, pass it as `db` and the product cards already read
 * (`products`): every query then runs on the transaction's connection, never waiting for another.
 */
export async function presentMessages(
  deps: CommunityDeps,
  rows: readonly repo.MessageRow[],
  viewerId: string | null,
  options: { db?: Executor; products?: Map<string, ProductCardView> } = {},
): Promise<Message[]> {
  if (!rows.length) return [];
  const db = options.db ?? deps.db;
  const quotedIds = rows.map((m) => m.reply_to_id).filter((id): id is string => !!id);
  const quoted = new Map((await repo.messagesByIds(db, quotedIds)).map((m) => [m.id, m]));
  const shown = rows.filter(shows);
  const cards = await authorCards(deps, [...rows.map((m) => m.author_id), ...[...quoted.values()].map((m) => m.author_id)], db);
  const reactions = await repo.reactionsOf(
    db,
    shown.map((m) => m.id),
    viewerId,
  );
  const products =
    options.products ??
    (await productCards(
      deps,
      shown.map((m) => m.product_id).filter((id): id is string => !!id),
      db,
    ));
  const images = await repo.imagesByIds(
    db,
    shown.map((m) => m.image_id).filter((id): id is string => !!id),
  );
  const imageById = new Map(images.map((i) => [i.id, i]));
  return rows.map((m) => {
    const visible = shows(m);
    const q = m.reply_to_id ? quoted.get(m.reply_to_id) : undefined;
    const image = visible && m.image_id ? imageById.get(m.image_id) : undefined;
    return {
      id: m.id,
      groupId: m.group_id,
      seq: String(m.seq),
      kind: m.kind,
      author: cards.get(m.author_id)!,
      text: visible ? m.text : '',
      status: m.status,
      warning: visible ? m.warning : null,
      mentions: visible ? m.mentions : [],
      replyTo:
        visible && q
          ? { id: q.id, authorNickname: cards.get(q.author_id)?.nickname ?? '', excerpt: shows(q) ? q.text.slice(0, EXCERPT) : '' }
          : null,
      imageUrl: image ? `/api/v1/groups/${m.group_id}/images/${image.id}` : null,
      image: image ? { width: image.width, height: image.height } : null,
      product: visible && m.product_id ? (products.get(m.product_id) ?? null) : null,
      reactions: reactions
        .filter((r) => r.message_id === m.id)
        .map((r) => ({ emoji: r.emoji as Message['reactions'][number]['emoji'], count: r.count, mine: r.mine })),
      createdAt: m.created_at.toISOString(),
    };
  });
}
