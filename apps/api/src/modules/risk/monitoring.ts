import { sql } from 'kysely';
import { shanghaiDay, shanghaiDayStart } from '../../platform/clock.js';
import type { Executor } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { auditActor, LARGE_TRANSACTION_FEN, MANY_CARDS, STRUCTURING_COUNT, type RiskDeps } from './deps.js';

const DAY = 86_400_000;
export type CaseStatus = 'open' | 'investigating' | 'reported' | 'closed';
const NEXT: Record<CaseStatus, CaseStatus[]> = {
  open: ['investigating', 'closed'],
  investigating: ['reported', 'closed'],
  reported: ['closed'],
  closed: [],
};

interface CaseRow {
  id: string;
  kind: string;
  member_id: string;
  status: CaseStatus;
  summary: string;
  evidence: unknown;
  opened_at: Date;
  updated_at: Date;
}
const presentCase = (r: CaseRow) => ({
  id: r.id,
  kind: r.kind,
  memberId: r.member_id,
  status: r.status,
  summary: r.summary,
  evidence: r.evidence as Record<string, unknown>,
  openedAt: r.opened_at,
  updatedAt: r.updated_at,
});

/** Transactions (top-ups, withdrawals, investments) of one Shanghai day at or above the large-transaction threshold. */
export async function largeTransactions(db: Executor, day: Date) {
  const from = shanghaiDayStart(day);
  const to = new Date(from.getTime() + DAY);
  const rows = await sql<{ member_id: string; kind: string; amount: bigint; at: Date; ref: string }>`
    SELECT member_id, kind, amount, at, ref FROM risk_facts
    WHERE kind IN ('top_up', 'withdrawal', 'investment') AND amount >= ${LARGE_TRANSACTION_FEN} AND at >= ${from} AND at < ${to}
    ORDER BY at LIMIT 1000
  `.execute(db);
  return {
    day: shanghaiDay(from),
    thresholdFen: String(LARGE_TRANSACTION_FEN),
    items: rows.rows.map((r) => ({ memberId: r.member_id, kind: r.kind, amount: String(r.amount), at: r.at, ref: r.ref })),
  };
}

/**
 * The daily monitoring run over the Shanghai day before `now`: structuring (several transactions
 * each just under the threshold) and many cards into one account open cases, once each.
 */
export async function monitorTransactions(deps: RiskDeps, now: Date): Promise<{ opened: number }> {
  const from = new Date(shanghaiDayStart(now).getTime() - DAY);
  const to = new Date(from.getTime() + DAY);
  const day = shanghaiDay(from);
  const floor = (LARGE_TRANSACTION_FEN * 9n) / 10n;
  return transact(deps.db, async (trx) => {
    const structuring = await sql<{ member_id: string; n: number; total: bigint; amounts: string[] }>`
      SELECT member_id, count(*)::int AS n, sum(amount) AS total, array_agg(amount::text ORDER BY at) AS amounts FROM risk_facts
      WHERE kind IN ('top_up', 'withdrawal', 'investment') AND amount >= ${floor} AND amount < ${LARGE_TRANSACTION_FEN}
        AND at >= ${from} AND at < ${to}
      GROUP BY member_id HAVING count(*) >= ${STRUCTURING_COUNT}
    `.execute(trx);
    const cards = await sql<{ member_id: string; n: number }>`
      SELECT member_id, count(DISTINCT value_hash)::int AS n FROM risk_facts
      WHERE kind = 'card_bound' AND at >= ${new Date(to.getTime() - 30 * DAY)} AND at < ${to}
      GROUP BY member_id HAVING count(DISTINCT value_hash) >= ${MANY_CARDS}
    `.execute(trx);
    let opened = 0;
    const open = async (key: string, kind: string, memberId: string, summary: string, evidence: Record<string, unknown>) => {
      const row = (
        await sql<{ id: string }>`
          INSERT INTO risk_cases (dedupe_key, kind, member_id, status, summary, evidence, opened_at, updated_at)
          VALUES (${key}, ${kind}, ${memberId}, 'open', ${summary}, ${JSON.stringify(evidence)}::jsonb, ${now}, ${now})
          ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`.execute(trx)
      ).rows[0];
      if (!row) return;
      opened++;
      await sql`INSERT INTO risk_case_events (case_id, status, note, at) VALUES (${row.id}, 'open', ${summary}, ${now})`.execute(trx);
      await deps.audit.record(trx, {
        actor: { type: 'system' },
        action: 'risk.case_opened',
        target: { type: 'risk_case', id: row.id },
        after: { kind, memberId, day },
      });
    };
    for (const s of structuring.rows) {
      await open(
        `structuring:${s.member_id}:${day}`,
        'structuring',
        s.member_id,
        `${day} 有 ${s.n} 笔交易均略低于大额标准（拆分交易嫌疑）`,
        {
          day,
          count: s.n,
          total: String(s.total),
          amounts: s.amounts,
          thresholdFen: String(LARGE_TRANSACTION_FEN),
        },
      );
    }
    for (const c of cards.rows) {
      await open(`many_cards:${c.member_id}:${day}`, 'many_cards', c.member_id, `30 天内绑定 ${c.n} 张不同银行卡（多卡汇入一户嫌疑）`, {
        day,
        cards: c.n,
      });
    }
    return { opened };
  });
}

export async function listCases(db: Executor, query: { status?: CaseStatus | undefined; limit: number; before?: string | undefined }) {
  const rows = await sql<CaseRow>`
    SELECT * FROM risk_cases WHERE true
    ${query.status ? sql`AND status = ${query.status}` : sql``}
    ${query.before ? sql`AND opened_at < ${new Date(query.before)}` : sql``}
    ORDER BY opened_at DESC LIMIT ${query.limit}
  `.execute(db);
  return {
    items: rows.rows.map(presentCase),
    nextBefore: rows.rows.length === query.limit ? rows.rows.at(-1)!.opened_at.toISOString() : null,
  };
}

export async function getCase(db: Executor, id: string) {
  const row = (await sql<CaseRow>`SELECT * FROM risk_cases WHERE id = ${id}`.execute(db)).rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  const events = await sql<{ status: string; note: string; operator_id: string | null; at: Date }>`
    SELECT status, note, operator_id, at FROM risk_case_events WHERE case_id = ${id} ORDER BY id`.execute(db);
  return {
    ...presentCase(row),
    history: events.rows.map((e) => ({ status: e.status, note: e.note, operatorId: e.operator_id, at: e.at })),
  };
}

/** The compliance workflow: open → investigating → reported (to the PBoC) → closed; each step audited with a note. */
export async function transitionCase(
  deps: RiskDeps,
  op: OperatorPrincipal,
  id: string,
  input: { status: CaseStatus; note: string },
  ip: string,
) {
  await transact(deps.db, async (trx) => {
    const row = (await sql<CaseRow>`SELECT * FROM risk_cases WHERE id = ${id} FOR UPDATE`.execute(trx)).rows[0];
    if (!row) throw new AppError('NOT_FOUND');
    if (!NEXT[row.status].includes(input.status)) throw new AppError('RISK_CASE_STATE_CONFLICT', { from: row.status, to: input.status });
    const now = deps.clock.now();
    await sql`UPDATE risk_cases SET status = ${input.status}, updated_at = ${now} WHERE id = ${id}`.execute(trx);
    await sql`INSERT INTO risk_case_events (case_id, status, note, operator_id, at) VALUES (${id}, ${input.status}, ${input.note}, ${op.operatorId}, ${now})`.execute(
      trx,
    );
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'risk.case_transitioned',
      target: { type: 'risk_case', id },
      before: { status: row.status },
      after: { status: input.status, note: input.note },
      ip,
    });
  });
  return getCase(deps.db, id);
}
