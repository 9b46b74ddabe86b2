import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { Db, Executor } from '../db/connect.js';
import { hashToken, newToken } from '../security/tokens.js';
import type { RealtimePrincipal } from './principal.js';

type TicketTables = {
  realtime_tickets: { token_hash: string; principal: unknown; expires_at: Date; used_at: Date | null };
};
const t = (db: Executor) => db.withTables<TicketTables>();

export const TICKET_TTL_SECONDS = 30;

export class RealtimeTickets {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async issue(principal: RealtimePrincipal): Promise<{ ticket: string; expiresInSeconds: number }> {
    const ticket = newToken();
    await t(this.db)
      .insertInto('realtime_tickets')
      .values({
        token_hash: hashToken(ticket),
        principal: JSON.stringify(principal),
        expires_at: new Date(this.clock.now().getTime() + TICKET_TTL_SECONDS * 1000),
        used_at: null,
      })
      .execute();
    return { ticket, expiresInSeconds: TICKET_TTL_SECONDS };
  }

  /** Redeems a ticket once: a second use, or a use after 30 seconds, finds nothing. */
  async redeem(ticket: string): Promise<RealtimePrincipal | null> {
    const now = this.clock.now();
    const row = await t(this.db)
      .updateTable('realtime_tickets')
      .set({ used_at: now })
      .where('token_hash', '=', hashToken(ticket))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('principal')
      .executeTakeFirst();
    return (row?.principal as RealtimePrincipal | undefined) ?? null;
  }

  async purge(now: Date): Promise<number> {
    const result = await t(this.db)
      .deleteFrom('realtime_tickets')
      .where('expires_at', '<', sql<Date>`${now}::timestamptz - interval '1 hour'`)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
