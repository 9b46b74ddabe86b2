import type { AppealDecisionRequest, ConsoleAppeal } from '@quanzi/contracts';

export const DECISION_NOTE_MAX = 500;

/** Decided appeals from both outcomes, newest decision first. */
export function mergeDecided(...lists: ReadonlyArray<readonly ConsoleAppeal[]>): ConsoleAppeal[] {
  const byId = new Map<string, ConsoleAppeal>();
  for (const list of lists) for (const a of list) if (a.status !== 'pending') byId.set(a.id, a);
  return [...byId.values()].sort((a, b) => (b.decidedAt ?? b.createdAt).localeCompare(a.decidedAt ?? a.createdAt));
}

/** Whether this operator took the appealed action: the server will refuse them (APPEAL_SAME_OPERATOR). */
export const actedBy = (appeal: ConsoleAppeal, operatorId: string | undefined): boolean =>
  !!operatorId && appeal.action.actorOperatorId === operatorId;

export interface DecisionFormValues {
  outcome?: AppealDecisionRequest['outcome'];
  note?: string;
}

/** The decision the modal sends: an outcome and the trimmed note (published with it and sent to the member). */
export function toDecisionRequest(values: DecisionFormValues): AppealDecisionRequest {
  if (!values.outcome) throw new Error('outcome required');
  return { outcome: values.outcome, note: (values.note ?? '').trim() };
}
