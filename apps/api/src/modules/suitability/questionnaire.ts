import type { SuitabilityQuestionnaire } from '@quanzi/contracts';
import type { Locale } from '../../platform/i18n/messages.js';

/**
 * The risk tolerance questionnaire (《证券期货投资者适当性管理办法》). A version is never edited
 * once members have answered it: stored answers name their version, so a change means a new
 * version string and new question or option ids where the meaning changed.
 *
 * Scores add up to 0–100 (the highest option of every question sums to 100). Thresholds:
 *   C1 保守型  0–20  → R1
 *   C2 稳健型 21–40  → R1–R2
 *   C3 平衡型 41–60  → R1–R3
 *   C4 成长型 61–80  → R1–R4
 *   C5 激进型 81–100 → R1–R5
 * Override (资管新规): whoever cannot bear any loss of principal (`loss_tolerance` = `a`) is C1
 * whatever the total.
 */
export const QUESTIONNAIRE_VERSION = '2026-11';

export interface Option {
  id: string;
  zh: string;
  en: string;
  score: number;
}
export interface Question {
  id: string;
  zh: string;
  en: string;
  options: Option[];
}

const q = (id: string, zh: string, en: string, options: Array<[string, string, number]>): Question => ({
  id,
  zh,
  en,
  options: options.map(([optionZh, optionEn, score], i) => ({ id: String.fromCharCode(97 + i), zh: optionZh, en: optionEn, score })),
});

export const QUESTIONS: readonly Question[] = [
  q('age', '您的年龄是？', 'How old are you?', [
    ['18–30 岁', '18–30', 6],
    ['31–45 岁', '31–45', 8],
    ['46–55 岁', '46–55', 6],
    ['56–65 岁', '56–65', 3],
    ['65 岁以上', 'Over 65', 0],
  ]),
  q('income', '您的家庭年收入（税后）约为？', "What is your household's yearly income after tax?", [
    ['10 万元以下', 'Under ¥100,000', 0],
    ['10 万–30 万元', '¥100,000–300,000', 3],
    ['30 万–50 万元', '¥300,000–500,000', 6],
    ['50 万–100 万元', '¥500,000–1,000,000', 8],
    ['100 万元以上', 'Over ¥1,000,000', 10],
  ]),
  q(
    'investable_share',
    '您计划用于投资理财的资金，占您家庭金融资产的比例约为？',
    "What share of your household's financial assets do you plan to invest?",
    [
      ['50% 以上', 'Over 50%', 0],
      ['30%–50%', '30%–50%', 3],
      ['10%–30%', '10%–30%', 6],
      ['10% 以下', 'Under 10%', 8],
    ],
  ),
  q('experience_years', '您投资股票、基金、理财等金融产品的年限是？', 'How long have you invested in stocks, funds or wealth products?', [
    ['没有经验', 'Never', 0],
    ['2 年以下', 'Under 2 years', 3],
    ['2–5 年', '2–5 years', 6],
    ['5–10 年', '5–10 years', 8],
    ['10 年以上', 'Over 10 years', 10],
  ]),
  q('experience_products', '您投资过的风险最高的产品是？', 'What is the riskiest product you have invested in?', [
    ['银行存款、国债', 'Bank deposits, government bonds', 0],
    ['银行理财、货币基金', 'Bank wealth products, money market funds', 2],
    ['债券基金、“固收+”产品', 'Bond funds, "fixed income plus" products', 5],
    ['股票、股票型或混合型基金', 'Stocks, equity or mixed funds', 8],
    ['期货、期权、私募或其他杠杆产品', 'Futures, options, private funds or other leveraged products', 10],
  ]),
  q('knowledge', '您对金融产品及其风险的了解程度是？', 'How well do you understand financial products and their risks?', [
    ['基本不了解', 'Hardly at all', 0],
    ['了解一些，例如知道基金净值会波动', 'A little, e.g. that fund prices go up and down', 3],
    ['比较了解，能读懂产品说明书和风险揭示书', 'Fairly well: I can read a prospectus and a risk disclosure', 6],
    ['非常了解，具有金融从业或专业背景', 'Very well: I work or studied in finance', 8],
  ]),
  q('goal', '您投资的主要目标是？', 'What is your main goal in investing?', [
    ['保住本金，获取稳定利息', 'Keep my principal and earn steady interest', 0],
    ['稳健增值，可接受较小波动', 'Steady growth with small ups and downs', 3],
    ['获取较高收益，可接受一定波动', 'Higher returns, accepting some ups and downs', 6],
    ['追求高收益，可接受较大波动', 'High returns, accepting large swings', 8],
  ]),
  q('horizon', '您计划的投资期限是？', 'How long do you plan to stay invested?', [
    ['1 年以内', 'Under a year', 0],
    ['1–3 年', '1–3 years', 3],
    ['3–5 年', '3–5 years', 6],
    ['5 年以上', 'Over 5 years', 8],
  ]),
  q('loss_tolerance', '您能承受的最大投资损失是？', 'What is the largest loss you can bear on your investment?', [
    ['不能承受任何本金损失', 'I cannot bear any loss of principal', 0],
    ['10% 以内', 'Up to 10%', 3],
    ['10%–30%', '10%–30%', 6],
    ['30%–50%', '30%–50%', 9],
    ['50% 以上', 'Over 50%', 12],
  ]),
  q(
    'drawdown_reaction',
    '如果您的投资在短期内下跌了 20%，您会怎么做？',
    'If your investment fell 20% within a short time, what would you do?',
    [
      ['全部卖出，避免更大损失', 'Sell everything to avoid losing more', 0],
      ['卖出一部分', 'Sell part of it', 3],
      ['继续持有，等待回升', 'Hold and wait for a recovery', 6],
      ['逢低加仓', 'Buy more at the lower price', 8],
    ],
  ),
  q('funds_source', '您用于投资的资金主要来自？', 'Where does the money you invest mainly come from?', [
    ['借款或贷款', 'Loans or borrowing', 0],
    ['近期需要动用的资金（如购房、教育、医疗）', 'Money I will need soon (home, education, medical)', 2],
    ['工资等日常收入的结余', 'Savings from my salary and other regular income', 6],
    ['长期闲置的自有资金', 'My own money I will not need for a long time', 10],
  ]),
];

/** 资管新规: an investor who cannot bear any loss of principal is C1, whatever the total score. */
export const LOSS_OVERRIDE = { questionId: 'loss_tolerance', optionId: 'a' } as const;

/** Upper bound (inclusive) of each level's score band, C1 first. */
export const LEVEL_MAX_SCORES = [20, 40, 60, 80, 100] as const;

export type Level = 1 | 2 | 3 | 4 | 5;

export const LEVEL_NAMES: Record<Locale, Record<Level, string>> = {
  'zh-CN': { 1: '保守型', 2: '稳健型', 3: '平衡型', 4: '成长型', 5: '激进型' },
  en: { 1: 'Conservative', 2: 'Moderately conservative', 3: 'Balanced', 4: 'Growth', 5: 'Aggressive' },
};

export function levelForScore(score: number): Level {
  const i = LEVEL_MAX_SCORES.findIndex((max) => score <= max);
  return (i === -1 ? 5 : i + 1) as Level;
}

/** What members see: texts in their language, no scores. */
export function presentQuestionnaire(locale: Locale): SuitabilityQuestionnaire {
  const text = (x: { zh: string; en: string }) => (locale === 'en' ? x.en : x.zh);
  return {
    version: QUESTIONNAIRE_VERSION,
    questions: QUESTIONS.map((question) => ({
      id: question.id,
      text: text(question),
      options: question.options.map((o) => ({ id: o.id, text: text(o) })),
    })),
  };
}
