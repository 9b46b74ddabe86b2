import type { SuitabilityQuestionnaire, SuitabilityStatus } from '@quanzi/contracts';
import { api } from '../../shared/api';

export type Answers = Record<string, string>;

/** The suitability endpoints the page uses; texts come back in the app's language. */
export const suitabilityApi = {
  questionnaire: () => api<SuitabilityQuestionnaire>('GET', '/suitability/questionnaire'),
  status: () => api<SuitabilityStatus>('GET', '/suitability'),
  submit: (questionnaire: SuitabilityQuestionnaire, answers: Answers) =>
    api<SuitabilityStatus>('POST', '/suitability/answers', {
      answers: questionnaire.questions.map((q) => ({ questionId: q.id, optionId: answers[q.id] ?? '' })),
    }),
};
