import { ErrorBody, SuitabilityAnswersRequest, SuitabilityQuestionnaire, SuitabilityStatus } from '@quanzi/contracts';
import { localeOf } from '../../platform/http/error-handler.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { SuitabilityModule } from './index.js';

const tags = ['member: suitability'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody };

export function suitabilityMemberRoutes(app: HttpApp, { auth }: RouteContext, suitability: SuitabilityModule): void {
  app.get(
    '/suitability/questionnaire',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'The risk tolerance questionnaire, in your language (Accept-Language)',
        response: { 200: SuitabilityQuestionnaire, ...errors },
      },
    },
    async (request) => {
      await auth.member(request);
      return suitability.questionnaire(localeOf(request));
    },
  );

  app.get(
    '/suitability',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Your risk tolerance level C1–C5 (valid one year) and assessments left today',
        response: { 200: SuitabilityStatus, ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return suitability.current(memberId, localeOf(request));
    },
  );

  app.post(
    '/suitability/answers',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Submit the questionnaire (every question once); at most 3 a day; returns your new level',
        body: SuitabilityAnswersRequest,
        response: { 201: SuitabilityStatus, ...errors },
      },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      const status = await suitability.submit(memberId, request.body.answers, localeOf(request));
      return reply.code(201).send(status);
    },
  );
}
