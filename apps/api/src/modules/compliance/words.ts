/**
 * Wording a distributor of issuers' products may never use in marketing or product texts
 * (资管新规 and the 互联网金融营销 rules: no promised or implied guaranteed principal or return).
 * The one list: product texts (investing), templates and sends (notifications), scheduled posts
 * and campaign effects all go through `checkMarketingText`. Written as people write them; the
 * matcher folds full-width forms, case, spaces and punctuation on both sides.
 */
export const PROMISE_WORDS: readonly string[] = [
  // 保本 / 保息 / 保收益 and their longer forms
  '保本',
  '保息',
  '保收益',
  '保本保息',
  '保证本金',
  '保证收益',
  '保障收益',
  '本金无忧',
  '本息无忧',
  '本金安全',
  '稳赚',
  '稳赚不赔',
  '包赚',
  '只赚不赔',
  '零风险',
  '无风险',
  '没有任何风险',
  '刚性兑付',
  '刚兑',
  '兜底',
  '保底收益',
  '100%兑付',
  // English, for en templates
  'guaranteed return',
  'guaranteed returns',
  'guaranteed principal',
  'principal guaranteed',
  'capital guaranteed',
  'risk-free',
  'risk free',
  'zero risk',
  'no risk',
];

/**
 * The short risk statement every promotion of a named product may carry instead of the product's
 * full warning (the regulator's standard wording for wealth products), in either language.
 */
export const STANDARD_RISK_WARNINGS: readonly string[] = ['理财非存款、产品有风险、投资须谨慎', 'Investing involves risk'];
