import { ErrorBody, MemberTasks, NewbieGuide, NewbieZone } from '@quanzi/contracts';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { NewbieModule } from './index.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** The newbie guide is public: a visitor can read it before registering (published entries only). */
export function newbiePublicRoutes(app: HttpApp, newbie: NewbieModule): void {
  app.get(
    '/public/newbie-guide',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: 'The published newbie guide: steps, articles and the newbie zone’s privileges, in order (drafts never)',
        response: { 200: NewbieGuide },
      },
    },
    async () => newbie.guide(),
  );
}

export function newbieMemberRoutes(app: HttpApp, { auth }: RouteContext, newbie: NewbieModule): void {
  const tags = ['member: newbie'];
  app.get(
    '/newbie/zone',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'The newbie zone: newbie-only products, privileges, and whether they are open to me (no prior investment)',
        response: { 200: NewbieZone, ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return newbie.zone(memberId);
    },
  );

  app.get(
    '/me/tasks',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'My growth tasks (成长任务): register → 实名 → 绑卡 → 首投 → 复投, with progress and the points each gave',
        response: { 200: MemberTasks, ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return newbie.tasks(memberId);
    },
  );
}
