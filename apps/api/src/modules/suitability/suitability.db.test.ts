import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { shanghaiDayStart } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/messages.js';
import { useDemoSystem } from '../../../test/flows.js';
import { call } from '../../../test/harness.js';
import { http, verifiedMembers } from '../../../test/wallet-flows.js';
import { LOSS_OVERRIDE, QUESTIONS, type Level } from './questionnaire.js';

// Every request here comes from 127.0.0.1; the per-IP limit has its own tests.
const env = useDemoSystem({ listen: true, config: { globalRateLimit: 1_000_000 } });
const sys = () => env.sys;

type Answer = { questionId: string; optionId: string };
const status = async (token: string) => (await http(sys(), { path: '/api/v1/suitability', token })).json();
const submit = (token: string, answers: unknown) =>
  http(sys(), { method: 'POST', path: '/api/v1/suitability/answers', token, body: { answers } });
const stored = async (memberId: string) => {
  const { rows } = await sql<{
    n: number;
  }>`SELECT COUNT(*)::int AS n FROM suitability_assessments WHERE member_id = ${memberId}`.execute(sys().platform.db);
  return rows[0]!.n;
};
const events = async (memberId: string) => {
  const { rows } = await sql<{ payload: { memberId: string; level: string } }>`
    SELECT payload FROM outbox_events WHERE name = 'suitability.assessed' AND payload->>'memberId' = ${memberId} ORDER BY seq`.execute(
    sys().platform.db,
  );
  return rows.map((r) => r.payload);
};
const isOverride = (questionId: string, optionId: string) => questionId === LOSS_OVERRIDE.questionId && optionId === LOSS_OVERRIDE.optionId;

/** One answer per question adding up to exactly `target`, found from the questionnaire's own scores (never the override answer). */
function answersScoring(target: number): Answer[] {
  let reachable = new Map<number, Answer[]>([[0, []]]);
  for (const question of QUESTIONS) {
    const next = new Map<number, Answer[]>();
    for (const [sum, picks] of reachable) {
      for (const option of question.options) {
        if (isOverride(question.id, option.id)) continue;
        const total = sum + option.score;
        if (!next.has(total)) next.set(total, [...picks, { questionId: question.id, optionId: option.id }]);
      }
    }
    reachable = next;
  }
  const answers = reachable.get(target);
  if (!answers) throw new Error(`no answer set scores ${target}`);
  return answers;
}
const scoreOf = (answers: Answer[]) =>
  answers.reduce((sum, a) => sum + QUESTIONS.find((q) => q.id === a.questionId)!.options.find((o) => o.id === a.optionId)!.score, 0);

const rejection = async (promise: Promise<unknown>): Promise<AppError> => {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
};

describe('the questionnaire', () => {
  it("has at least 10 scored single-choice questions, shown without scores in the caller's language", async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const zh = await http(sys(), { path: '/api/v1/suitability/questionnaire', token: m!.token });
    expect(zh.status).toBe(200);
    const body = zh.json();
    expect(body.version).toBe('2026-11');
    expect(body.questions.length).toBeGreaterThanOrEqual(10);
    expect(body.questions.map((q: { id: string }) => q.id)).toEqual(QUESTIONS.map((q) => q.id));
    expect(zh.text).not.toMatch(/score/i);
    expect(zh.text).toContain('不能承受任何本金损失');
    for (const q of body.questions) expect(q.options.length).toBeGreaterThanOrEqual(3);

    const en = await call(sys().app, { url: '/api/v1/suitability/questionnaire', token: m!.token, headers: { 'accept-language': 'en' } });
    expect(en.json().questions[0].text).toBe('How old are you?');
    expect(en.body).toContain('I cannot bear any loss of principal');
    expect((await http(sys(), { path: '/api/v1/suitability/questionnaire' })).status).toBe(401);
  });

  it('adds up to 0–100 (the documented bands cover every total)', () => {
    expect(QUESTIONS.reduce((sum, q) => sum + Math.max(...q.options.map((o) => o.score)), 0)).toBe(100);
    expect(QUESTIONS.reduce((sum, q) => sum + Math.min(...q.options.map((o) => o.score)), 0)).toBe(0);
    for (const q of QUESTIONS) expect(new Set(q.options.map((o) => o.id)).size).toBe(q.options.length);
  });
});

describe('assessment', () => {
  it('starts with no level and three attempts', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    expect(await status(m!.token)).toEqual({
      level: null,
      levelName: null,
      score: null,
      assessedAt: null,
      expiresAt: null,
      expired: false,
      attemptsLeftToday: 3,
    });
  });

  it('lands each scoring boundary on its level C1–C5, valid for one year, with an outbox event', async () => {
    const bands: Array<[number, string, string]> = [
      [3, 'C1', '保守型'],
      [20, 'C1', '保守型'],
      [21, 'C2', '稳健型'],
      [40, 'C2', '稳健型'],
      [41, 'C3', '平衡型'],
      [60, 'C3', '平衡型'],
      [61, 'C4', '成长型'],
      [80, 'C4', '成长型'],
      [81, 'C5', '激进型'],
      [100, 'C5', '激进型'],
    ];
    const members = await verifiedMembers(sys(), bands.length);
    for (const [i, [score, level, levelName]] of bands.entries()) {
      const m = members[i]!;
      const answers = answersScoring(score);
      expect(scoreOf(answers)).toBe(score);
      const res = await submit(m.token, answers);
      expect(res.status, res.text).toBe(201);
      const body = res.json();
      expect(body, String(score)).toMatchObject({ level, levelName, score, expired: false, attemptsLeftToday: 2 });
      expect(body.assessedAt).toBe(sys().clock.now().toISOString());
      const expires = new Date(body.assessedAt);
      expires.setUTCFullYear(expires.getUTCFullYear() + 1);
      expect(body.expiresAt).toBe(expires.toISOString());
      expect(await status(m.token)).toEqual(body);
      expect(await events(m.memberId)).toEqual([expect.objectContaining({ memberId: m.memberId, level })]);
    }
  });

  it('makes a member who cannot bear any loss of principal C1 whatever the total (资管新规)', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    // The highest-scoring answer everywhere else.
    const answers = QUESTIONS.map((q) => ({
      questionId: q.id,
      optionId: q.id === LOSS_OVERRIDE.questionId ? LOSS_OVERRIDE.optionId : q.options.reduce((a, b) => (b.score > a.score ? b : a)).id,
    }));
    const res = await submit(m!.token, answers);
    expect(res.status, res.text).toBe(201);
    expect(res.json()).toMatchObject({ level: 'C1', levelName: '保守型', score: 88 });
    await expect(sys().modules.suitability.assertCovers(m!.memberId, 2)).rejects.toMatchObject({ code: 'SUITABILITY_MISMATCH' });
  });

  it('refuses incomplete or malformed answers with the questions at fault, storing nothing', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const valid = answersScoring(50);
    const [first, second] = valid as [Answer, Answer, ...Answer[]];
    const cases: Array<[string, unknown, unknown[]]> = [
      ['missing question', valid.slice(1), [{ questionId: first.questionId, issue: 'missing' }]],
      ['unknown option', [{ ...first, optionId: 'z' }, ...valid.slice(1)], [{ questionId: first.questionId, issue: 'unknown_option' }]],
      ['duplicate', [...valid, { ...first, optionId: 'a' }], [{ questionId: first.questionId, issue: 'duplicate' }]],
      ['extra question', [...valid, { questionId: 'pets', optionId: 'a' }], [{ questionId: 'pets', issue: 'unknown_question' }]],
      [
        'several at once',
        [{ ...second, optionId: 'q' }, ...valid.slice(2), { questionId: 'pets', optionId: 'a' }],
        [
          { questionId: second.questionId, issue: 'unknown_option' },
          { questionId: 'pets', issue: 'unknown_question' },
          { questionId: first.questionId, issue: 'missing' },
        ],
      ],
      ['nothing answered', [], QUESTIONS.map((q) => ({ questionId: q.id, issue: 'missing' }))],
    ];
    for (const [name, answers, details] of cases) {
      const res = await submit(m!.token, answers);
      expect(res.status, name).toBe(400);
      expect(res.json().error, name).toMatchObject({ code: 'SUITABILITY_ANSWERS_INVALID', details });
      expect(res.json().error.message).toContain('每道题');
    }
    // Not the shape at all: the strict schema refuses it before the questionnaire is consulted.
    for (const body of [{ answers: valid, extra: 1 }, { answers: [{ ...first, score: 8 }] }, { answers: 'all a' }, {}]) {
      const res = await http(sys(), { method: 'POST', path: '/api/v1/suitability/answers', token: m!.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect(await stored(m!.memberId)).toBe(0);
    expect(await events(m!.memberId)).toEqual([]);
    expect(await status(m!.token)).toMatchObject({ level: null, attemptsLeftToday: 3 });
  });

  it('allows three submissions per Asia/Shanghai day; the latest counts, every attempt is kept', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    // 23:30 in Shanghai (15:30 UTC): the UTC day does not end at the next midnight, Shanghai's does.
    const midnight = new Date(shanghaiDayStart(sys().clock.now()).getTime() + 24 * 3600_000);
    sys().clock.set(new Date(midnight.getTime() - 30 * 60_000));
    const left = [];
    for (const score of [90, 50, 10]) {
      const res = await submit(m!.token, answersScoring(score));
      expect(res.status, res.text).toBe(201);
      left.push(res.json().attemptsLeftToday);
    }
    expect(left).toEqual([2, 1, 0]);
    expect(await status(m!.token)).toMatchObject({ level: 'C1', score: 10, attemptsLeftToday: 0 });

    const over = await submit(m!.token, answersScoring(70));
    expect(over.status).toBe(429);
    expect(over.json().error).toMatchObject({ code: 'SUITABILITY_ATTEMPTS_EXCEEDED', message: expect.stringContaining('3') });
    const english = await call(sys().app, {
      method: 'POST',
      url: '/api/v1/suitability/answers',
      token: m!.token,
      body: { answers: answersScoring(70) },
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(english.json().error.message).toBe("You have used all of today's risk assessments (3 a day); please come back tomorrow");

    sys().clock.set(new Date(midnight.getTime() - 1));
    expect((await submit(m!.token, answersScoring(70))).status).toBe(429);
    sys().clock.set(midnight);
    expect(await status(m!.token)).toMatchObject({ level: 'C1', attemptsLeftToday: 3 });
    const next = await submit(m!.token, answersScoring(70));
    expect(next.status, next.text).toBe(201);
    expect(next.json()).toMatchObject({ level: 'C4', score: 70, attemptsLeftToday: 2 });
    expect(await stored(m!.memberId)).toBe(4);
    expect((await events(m!.memberId)).map((e) => e.level)).toEqual(['C5', 'C3', 'C1', 'C4']);
    const history = await sys().modules.suitability.history(m!.memberId);
    expect(history.map((h) => h.score)).toEqual([70, 10, 50, 90]);
    expect(history[0]!.answers).toEqual(answersScoring(70));
    expect(history[0]!.version).toBe('2026-11');
  });

  it('never stores more than three in a day under concurrent submissions', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => submit(m!.token, answersScoring(30 + i))));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
    expect(
      results
        .filter((r) => r.status === 201)
        .map((r) => r.json().attemptsLeftToday)
        .sort(),
    ).toEqual([0, 1, 2]);
    expect(await stored(m!.memberId)).toBe(3);
    expect(await events(m!.memberId)).toHaveLength(3);
  });

  it('keeps the history append-only', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    expect((await submit(m!.token, answersScoring(50))).status).toBe(201);
    const db = sys().platform.db;
    await expect(sql`UPDATE suitability_assessments SET level = 5 WHERE member_id = ${m!.memberId}`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM suitability_assessments WHERE member_id = ${m!.memberId}`.execute(db)).rejects.toThrow(/append-only/);
    expect(await status(m!.token)).toMatchObject({ level: 'C3' });
  });
});

describe('assertCovers: what the member may buy', () => {
  const suitability = () => sys().modules.suitability;

  it('requires an assessment', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const err = await rejection(suitability().assertCovers(m!.memberId, 1));
    expect(err).toMatchObject({ code: 'SUITABILITY_REQUIRED', status: 403, details: { expired: false, retake: '/suitability' } });
    expect(translate('zh-CN', err.code, err.params)).toContain('请先完成风险承受能力评估');
  });

  it('allows products at or below the level and refuses higher ones with both labels', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    expect((await submit(m!.token, answersScoring(35))).json().level).toBe('C2');
    for (const risk of [1, 2] as Level[]) await expect(suitability().assertCovers(m!.memberId, risk)).resolves.toBeUndefined();
    for (const risk of [3, 4, 5] as Level[]) {
      const err = await rejection(suitability().assertCovers(m!.memberId, risk));
      expect(err).toMatchObject({
        code: 'SUITABILITY_MISMATCH',
        status: 403,
        params: { required: `R${risk}`, current: 'C2' },
        details: { requiredRisk: `R${risk}`, currentLevel: 'C2', retake: '/suitability' },
      });
    }
    const err = await rejection(suitability().assertCovers(m!.memberId, 4));
    expect(translate('zh-CN', err.code, err.params)).toBe(
      '该产品风险等级为 R4，高于您的风险承受能力 C2。如您的情况已变化，可重新评估风险承受能力。',
    );
    expect(translate('en', err.code, err.params)).toContain('rated R4, above your risk tolerance C2');
    // A C5 member may buy anything.
    const [bold] = await verifiedMembers(sys(), 1);
    await submit(bold!.token, answersScoring(95));
    await expect(suitability().assertCovers(bold!.memberId, 5)).resolves.toBeUndefined();
  });

  it('expires the level one year after the assessment', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const res = await submit(m!.token, answersScoring(65));
    expect(res.json().level).toBe('C4');
    const expiresAt = new Date(res.json().expiresAt);
    expect(expiresAt.getTime() - new Date(res.json().assessedAt).getTime()).toBeGreaterThanOrEqual(365 * 24 * 3600_000);

    sys().clock.set(new Date(expiresAt.getTime() - 1));
    await expect(suitability().assertCovers(m!.memberId, 4)).resolves.toBeUndefined();
    sys().clock.set(expiresAt);
    const err = await rejection(suitability().assertCovers(m!.memberId, 1));
    expect(err).toMatchObject({ code: 'SUITABILITY_REQUIRED', details: { expired: true } });
    expect(await suitability().current(m!.memberId)).toMatchObject({
      level: null,
      levelName: null,
      score: null,
      expired: true,
      expiresAt: expiresAt.toISOString(),
      attemptsLeftToday: 3,
    });
    // Retaking restores a level.
    await suitability().submit(m!.memberId, answersScoring(65), 'zh-CN');
    await expect(suitability().assertCovers(m!.memberId, 4)).resolves.toBeUndefined();
    expect(await stored(m!.memberId)).toBe(2);
  });
});
