import { z } from 'zod';
import type { OffsetClock } from '../platform/clock.js';
import type { CronJob } from '../platform/jobs/scheduler.js';
import type { HttpApp } from '../platform/http/types.js';

/**
 * Only with QUANZI_TEST_CLOCK=1 (end-to-end tests; the server warns loudly at start): move the
 * clock forward and run a scheduled job now, so a browser test can watch tomorrow happen.
 * Never mounted otherwise.
 */
export function installTestHooks(app: HttpApp, clock: OffsetClock, jobs: CronJob[]): void {
  app.post(
    '/api/test/clock',
    {
      schema: {
        hide: true,
        body: z.strictObject({
          advanceMs: z
            .number()
            .int()
            .min(0)
            .max(400 * 86_400_000),
        }),
      },
    },
    async (request) => {
      clock.advance(request.body.advanceMs);
      return { now: clock.now().toISOString() };
    },
  );
  app.post('/api/test/jobs/:name', { schema: { hide: true, params: z.object({ name: z.string().max(64) }) } }, async (request, reply) => {
    const job = jobs.find((j) => j.name === request.params.name);
    if (!job) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'no such job' } });
    return {
      job: job.name,
      result: JSON.parse(JSON.stringify(await job.run(clock.now()), (_k, v) => (typeof v === 'bigint' ? String(v) : v))),
    };
  });
}
