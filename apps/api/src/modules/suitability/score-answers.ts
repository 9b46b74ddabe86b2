import type { SuitabilityAnswerIssue } from '@quanzi/contracts';
import { AppError } from '../../platform/errors.js';
import { LOSS_OVERRIDE, QUESTIONS, levelForScore, type Level } from './questionnaire.js';
import type { Answer } from './repo.js';

export interface Scored {
  /** The answers in questionnaire order. */
  answers: Answer[];
  score: number;
  level: Level;
}

/**
 * Checks that every question is answered exactly once with one of its options, then scores the
 * answers. Anything else is SUITABILITY_ANSWERS_INVALID listing each question at fault.
 */
export function scoreAnswers(answers: readonly Answer[]): Scored {
  const issues: SuitabilityAnswerIssue[] = [];
  const chosen = new Map<string, string>();
  const report = (questionId: string, issue: SuitabilityAnswerIssue['issue']) => {
    if (!issues.some((i) => i.questionId === questionId && i.issue === issue)) issues.push({ questionId, issue });
  };
  for (const { questionId, optionId } of answers) {
    const question = QUESTIONS.find((q) => q.id === questionId);
    if (!question) report(questionId, 'unknown_question');
    else if (chosen.has(questionId)) report(questionId, 'duplicate');
    else {
      chosen.set(questionId, optionId);
      if (!question.options.some((o) => o.id === optionId)) report(questionId, 'unknown_option');
    }
  }
  for (const question of QUESTIONS) if (!chosen.has(question.id)) report(question.id, 'missing');
  if (issues.length) throw new AppError('SUITABILITY_ANSWERS_INVALID', {}, issues);

  let score = 0;
  const ordered = QUESTIONS.map((question) => {
    const optionId = chosen.get(question.id)!;
    score += question.options.find((o) => o.id === optionId)!.score;
    return { questionId: question.id, optionId };
  });
  const noLoss = chosen.get(LOSS_OVERRIDE.questionId) === LOSS_OVERRIDE.optionId;
  return { answers: ordered, score, level: noLoss ? 1 : levelForScore(score) };
}
