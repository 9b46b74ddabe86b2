import crypto from 'node:crypto';
import { QUESTIONS } from '../src/modules/suitability/questionnaire.js';
import { Accounts, credit, debit } from '../src/modules/ledger/index.js';
import { transact } from '../src/platform/db/transact.js';
import type { TestSystem } from './harness.js';

/** Answers that score as high (level 5) or as low (level 1, the loss-override) as the questionnaire allows. */
export function answersFor(level: 'highest' | 'lowest') {
  return QUESTIONS.map((q) => {
    const sorted = [...q.options].sort((a, b) => a.score - b.score);
    return { questionId: q.id, optionId: (level === 'highest' ? sorted.at(-1) : sorted[0])!.id };
  });
}

export async function assess(sys: TestSystem, memberId: string, level: 'highest' | 'lowest' = 'highest') {
  await sys.modules.suitability.submit(memberId, answersFor(level), 'zh-CN');
}

/** Puts money in members' wallets directly through the ledger (the top-up path has its own tests). */
export async function fundWallet(sys: TestSystem, memberId: string, fen: bigint) {
  await transact(sys.platform.db, (trx) =>
    sys.modules.ledger.transfer(trx, {
      key: `test-funding:${crypto.randomUUID()}`,
      kind: 'test.funding',
      memo: '测试入金',
      postings: [debit(Accounts.paymentsInTransit, fen), credit(Accounts.memberAvailable(memberId), fen)],
    }),
  );
}
