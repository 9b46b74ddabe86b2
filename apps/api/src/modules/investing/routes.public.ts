import { Disclosure } from '@quanzi/contracts';
import type { HttpApp } from '../../platform/http/types.js';
import type { InvestingModule } from './index.js';

/** `GET /api/v1/public/disclosure`: no login; computed from orders and holdings, with frozen monthly snapshots. */
export function investingPublicRoutes(app: HttpApp, investing: InvestingModule): void {
  app.get(
    '/public/disclosure',
    {
      config: { access: 'public' },
      schema: { tags: ['public'], summary: 'Operating data disclosure, computed from the books', response: { 200: Disclosure } },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return investing.disclosure();
    },
  );
}
