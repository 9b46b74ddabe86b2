import type { DomainEvent } from '../../platform/events/outbox.js';
import { transact } from '../../platform/db/transact.js';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';
import type { RiskDeps } from './deps.js';
import { addLink, digest, observeAttribute, subnets } from './links.js';
import { recordFact } from './signals.js';

type Payload = Record<string, unknown>;
const text = (p: Payload, k: string) => (typeof p[k] === 'string' && p[k] ? (p[k] as string) : null);
const fen = (p: Payload, k: string) => {
  const v = text(p, k);
  return v && /^\d{1,18}$/.test(v) ? BigInt(v) : null;
};

/** Device and network of a member's request: hashed under the platform key, never kept raw. */
export async function observeClient(
  deps: RiskDeps,
  trx: Executor,
  memberId: string,
  client: { deviceId?: string | null; fingerprint?: string | null; ip?: string | null },
  at: Date,
) {
  const hashes: { device?: string; ip24?: string } = {};
  if (client.fingerprint) {
    await observeAttribute(trx, {
      memberId,
      kind: 'fingerprint',
      valueHash: deps.vault.blindIndex('risk_fingerprint', client.fingerprint),
      at,
    });
  }
  if (client.deviceId) {
    hashes.device = deps.vault.blindIndex('risk_device', client.deviceId);
    await observeAttribute(trx, { memberId, kind: 'device', valueHash: hashes.device, at });
  }
  const nets = client.ip ? subnets(client.ip) : null;
  if (nets) {
    hashes.ip24 = deps.vault.blindIndex('risk_ip24', nets.ip24);
    await observeAttribute(trx, { memberId, kind: 'ip24', valueHash: hashes.ip24, at });
    await observeAttribute(trx, { memberId, kind: 'region', valueHash: deps.vault.blindIndex('risk_region', nets.region), at });
  }
  return hashes;
}

/**
 * Outbox events → signals. Each handler is one transaction and idempotent (facts keyed by the
 * event id, attributes and links upserted), so at-least-once delivery books once.
 */
export function eventHandlers(deps: RiskDeps): Record<string, (event: DomainEvent) => Promise<void>> {
  // Business time is the clock's (events are handled within seconds; tests move a ManualClock).
  const at = (_e: DomainEvent) => deps.clock.now();
  const handlers: Record<string, (event: DomainEvent) => Promise<void>> = {
    'member.registered': (e) =>
      transact(deps.db, async (trx) => {
        const p = e.payload;
        const memberId = text(p, 'memberId')!;
        const h = await observeClient(deps, trx, memberId, { deviceId: text(p, 'deviceId'), ip: text(p, 'ip') }, at(e));
        if (h.device)
          await recordFact(trx, { ref: `${e.id}:device`, memberId, kind: 'registration_device', valueHash: h.device, at: at(e) });
        if (h.ip24) await recordFact(trx, { ref: `${e.id}:ip24`, memberId, kind: 'registration_ip24', valueHash: h.ip24, at: at(e) });
        const inviter = text(p, 'referrerId') ?? text(p, 'inviterId');
        if (inviter) await addLink(trx, { a: memberId, b: inviter, kind: 'referral', at: at(e) });
      }),
    'member.logged_in': (e) =>
      transact(deps.db, async (trx) => {
        const p = e.payload;
        await observeClient(deps, trx, text(p, 'memberId')!, { deviceId: text(p, 'deviceId'), ip: text(p, 'ip') }, at(e));
      }),
    'member.bank_card_bound': (e) =>
      transact(deps.db, async (trx) => {
        const memberId = text(e.payload, 'memberId')!;
        const cardIndex = text(e.payload, 'cardIndex');
        if (!cardIndex) return;
        const valueHash = digest(cardIndex);
        await observeAttribute(trx, { memberId, kind: 'card', valueHash, at: at(e) });
        await recordFact(trx, { ref: e.id, memberId, kind: 'card_bound', valueHash, at: at(e) });
      }),
    'member.real_name_verified': (e) =>
      transact(deps.db, async (trx) => {
        const memberId = text(e.payload, 'memberId')!;
        const index = await deps.idNumberIndexOf(memberId, trx);
        if (index) await observeAttribute(trx, { memberId, kind: 'id_number', valueHash: digest(index), at: at(e) });
      }),
    'member.closed': (e) =>
      transact(deps.db, async (trx) => {
        await sql`INSERT INTO risk_closures (member_id, closed_at) VALUES (${text(e.payload, 'memberId')}, ${at(e)}) ON CONFLICT DO NOTHING`.execute(
          trx,
        );
      }),
    'wallet.order_created': (e) =>
      transact(deps.db, async (trx) => {
        const type = text(e.payload, 'type');
        if (type !== 'top_up' && type !== 'withdrawal') return;
        await recordFact(trx, {
          ref: e.id,
          memberId: text(e.payload, 'memberId')!,
          kind: type,
          amount: fen(e.payload, 'amount'),
          at: at(e),
        });
      }),
    'investing.purchased': (e) =>
      transact(deps.db, async (trx) => {
        const p = e.payload;
        await recordFact(trx, {
          ref: e.id,
          memberId: text(p, 'memberId')!,
          kind: 'investment',
          amount: fen(p, 'amount'),
          productId: text(p, 'productId'),
          at: at(e),
        });
      }),
    'investing.experience_granted': (e) =>
      transact(deps.db, async (trx) => {
        await recordFact(trx, {
          ref: e.id,
          memberId: text(e.payload, 'memberId')!,
          kind: 'reward',
          amount: fen(e.payload, 'amount'),
          at: at(e),
        });
      }),
  };
  // An event without a member (a malformed or foreign payload) carries no signal: skipped, never retried for ever.
  return Object.fromEntries(
    Object.entries(handlers).map(([name, handle]) => [
      name,
      (event: DomainEvent) => (text(event.payload, 'memberId') ? handle(event) : Promise.resolve()),
    ]),
  );
}
