import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';

/** A recurring job a module contributes. The handler receives the clock's "now", so tests call it directly. */
export interface CronJob {
  name: string;
  /** Five-field cron, evaluated in Asia/Shanghai. */
  cron: string;
  run(now: Date): Promise<unknown>;
}

export const JOB_TIMEZONE = 'Asia/Shanghai';

/**
 * pg-boss in its own schema. Schedules are stored in the database (so any worker instance fires
 * them, once); handlers run only where `work` is called, i.e. in the worker role.
 */
export class Scheduler {
  private readonly boss: PgBoss;
  private readonly jobs: CronJob[] = [];

  /** pg-boss runs on the application's pool, so shutdown closes one pool, in order, before PostgreSQL stops. */
  constructor(
    pool: pg.Pool,
    private readonly clock: Clock,
    private readonly logger: Pick<Logger, 'info' | 'debug' | 'error'>,
  ) {
    const db = { executeSql: (text: string, values: unknown[]) => pool.query(text, values) };
    this.boss = new PgBoss({ db, schema: 'pgboss' });
    this.boss.on('error', (err) => this.logger.error({ err }, 'job scheduler error'));
  }

  private readonly queues: Array<{ name: string; handle: (data: Record<string, unknown>) => Promise<unknown> }> = [];
  private started = false;

  /**
   * A work queue (not a schedule): at most one job queued and one running per `singletonKey`
   * (pg-boss's `stately` policy); a job whose worker died is retried after its expiry.
   */
  registerQueue(name: string, handle: (data: Record<string, unknown>) => Promise<unknown>): void {
    this.queues.push({ name, handle });
  }

  /** Enqueues a job on a registered queue; a no-op (false) before start or when one with the key is waiting. */
  async enqueue(name: string, data: Record<string, unknown>, singletonKey: string): Promise<boolean> {
    if (!this.started) return false;
    return (
      (await this.boss.send(name, data, { singletonKey, retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 900 })) !== null
    );
  }

  register(job: CronJob): void {
    this.jobs.push(job);
  }

  registered(): readonly CronJob[] {
    return this.jobs;
  }

  async start(): Promise<void> {
    await this.boss.start();
    for (const q of this.queues) {
      await this.boss.createQueue(q.name, { name: q.name, policy: 'stately' });
      await this.boss.work(q.name, async (jobs) => {
        for (const job of jobs) await q.handle((job.data ?? {}) as Record<string, unknown>);
      });
    }
    this.started = true;
    for (const job of this.jobs) {
      await this.boss.createQueue(job.name);
      await this.boss.schedule(job.name, job.cron, {}, { tz: JOB_TIMEZONE });
      await this.boss.work(job.name, async () => {
        const result = await job.run(this.clock.now());
        // Most minutes a job finds nothing to do: that is a debug line, not one more line per minute on the console.
        this.logger[didWork(result) ? 'info' : 'debug']({ job: job.name, result }, 'job finished');
      });
    }
  }

  schedules(): Promise<PgBoss.Schedule[]> {
    return this.boss.getSchedules();
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: true });
  }
}

/** Whether a job's result reports anything done: a non-zero count, a true flag or a non-empty list anywhere in it. */
export function didWork(result: unknown): boolean {
  if (typeof result === 'number' || typeof result === 'bigint') return result > 0;
  if (typeof result === 'boolean') return result;
  if (Array.isArray(result)) return result.length > 0;
  if (result && typeof result === 'object') return Object.values(result).some(didWork);
  return result !== undefined && result !== null;
}
