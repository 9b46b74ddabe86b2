import type { Logger } from 'pino';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/db/connect.js';
import { afterCommit } from '../../platform/db/transact.js';
import type { InvalidationBus } from '../../platform/invalidation-bus.js';
import { DEFAULT_WORDS } from './default-words.js';
import * as repo from './repo.js';
import type { WordEntry } from './screen.js';

const TOPIC = 'moderation.words';
/** Bounds how long a lost invalidation broadcast can leave an instance on the old list. */
const TTL_MS = 30_000;

/**
 * The active word list, held in memory so screening is synchronous: every message, post and
 * comment is screened, the list changes a few times a month. Loaded at construction; a committed
 * change reloads it on every instance through the invalidation bus; a copy older than the TTL is
 * reloaded in the background while the current one keeps serving.
 */
export class WordList {
  private snapshot: readonly WordEntry[] = DEFAULT_WORDS;
  private loadedAt = Number.NEGATIVE_INFINITY;
  private started = 0;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly bus: InvalidationBus,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {
    bus.on(TOPIC, () => void this.refresh());
    this.pending = this.refresh();
  }

  current(): readonly WordEntry[] {
    if (!this.pending && this.clock.now().getTime() - this.loadedAt > TTL_MS) this.pending = this.refresh();
    return this.snapshot;
  }

  /** Resolves once the database's list is in memory (startup may await it); rejects if it cannot be read. */
  async ready(): Promise<void> {
    if (this.loadedAt === Number.NEGATIVE_INFINITY) await (this.pending ?? this.refresh());
    if (this.loadedAt === Number.NEGATIVE_INFINITY) await this.refresh();
    if (this.loadedAt === Number.NEGATIVE_INFINITY) throw new Error('the sensitive-word list could not be loaded');
  }

  /**
   * Reloads from the database. Only the most recently started load is kept, so a load that began
   * before a change committed cannot overwrite the one that began after. Never rejects: on failure
   * the current copy keeps serving and the next screen after the TTL tries again.
   */
  async refresh(): Promise<void> {
    const mine = ++this.started;
    try {
      const rows = await repo.activeWords(this.db);
      if (mine !== this.started) return;
      this.snapshot = rows.map((r) => ({ word: r.word, category: r.category, verdict: r.verdict, ruleCode: r.rule_code }));
      this.loadedAt = this.clock.now().getTime();
    } catch (err) {
      this.logger.warn({ err }, 'could not load the sensitive-word list; screening with the previous copy');
    } finally {
      if (mine === this.started) this.pending = undefined;
    }
  }

  /** Call inside the transaction that changed the list: every instance reloads once it commits. */
  invalidateAfterCommit(trx: Tx): void {
    afterCommit(trx, () => this.bus.publish(TOPIC, 'all'));
  }
}
