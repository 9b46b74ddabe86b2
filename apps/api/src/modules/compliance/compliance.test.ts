import { describe, expect, it } from 'vitest';
import { checkMarketingText, createComplianceModule, PROMISE_WORDS, type PromotedProduct } from './index.js';

const spans = (text: string) => checkMarketingText(text).violations.map((v) => text.slice(v.start, v.end));
const words = (text: string) => checkMarketingText(text).violations.map((v) => v.word);

describe('checkMarketingText', () => {
  it('refuses each promise word as written, and marks where it is', () => {
    for (const word of ['保本', '保息', '稳赚', '零风险', '刚性兑付', '无风险', '刚兑', '兜底', '保证收益']) {
      const text = `本周新品${word}，欢迎抢购`;
      const result = checkMarketingText(text);
      expect(result.ok, word).toBe(false);
      expect(result.violations, word).toEqual([{ word, start: 4, end: 4 + word.length }]);
    }
  });

  it('catches the variants people use to slip past a filter: spaces, punctuation, full width, zero width, case', () => {
    const cases: Array<[string, string, string]> = [
      ['本产品保 本，放心买', '保本', '保 本'],
      ['稳.赚.不.赔', '稳赚不赔', '稳.赚.不.赔'],
      ['绝对零　风　险', '零风险', '零　风　险'],
      ['刚-性-兑-付', '刚性兑付', '刚-性-兑-付'],
      ['「保」「息」产品', '保息', '保」「息'],
      ['无\u200b风\u200b险', '无风险', '无\u200b风\u200b险'],
      ['100％兑付', '100%兑付', '100％兑付'],
      ['ＲＩＳＫ－ＦＲＥＥ returns', 'risk-free', 'ＲＩＳＫ－ＦＲＥＥ'],
      ['A Guaranteed Return of 5%', 'guaranteed return', 'Guaranteed Return'],
      ['稳*赚', '稳赚', '稳*赚'],
      ['保\n本', '保本', '保\n本'],
    ];
    for (const [text, word, span] of cases) {
      const result = checkMarketingText(text);
      expect(
        result.violations.map((v) => v.word),
        text,
      ).toEqual([word]);
      expect(spans(text), text).toEqual([span]);
    }
  });

  it('lets negations through: 非保本, 不保本, 不承诺保本, 并非零风险, 打破刚性兑付, not risk-free', () => {
    for (const text of [
      '本产品为非保本浮动收益型产品',
      '理财产品不保本，投资需谨慎',
      '我们不承诺保本保息',
      '并非零风险',
      '没有零风险的理财',
      '资管新规要求打破刚性兑付',
      'This product is not risk-free.',
      'There is no guaranteed return.',
      '非 保 本',
    ]) {
      expect(checkMarketingText(text), text).toEqual({ ok: true, violations: [] });
    }
    // A negation further away does not clear the word.
    expect(words('我不管，保本就行')).toEqual(['保本']);
    expect(words('不保本，但稳赚')).toEqual(['稳赚']);
  });

  it('reports overlapping matches once, as the longest, and every separate occurrence', () => {
    expect(words('保本保息，稳赚不赔')).toEqual(['保本保息', '稳赚不赔']);
    expect(words('保本！再说一次：保本')).toEqual(['保本', '保本']);
    expect(spans('保本！再说一次：保 本')).toEqual(['保本', '保 本']);
  });

  it('does not see words inside other Latin words and passes ordinary copy', () => {
    expect(checkMarketingText('Piano risk assessment; no risky claims').ok).toBe(true);
    expect(checkMarketingText('理财非存款、产品有风险、投资须谨慎。本周直播：如何看懂业绩比较基准').ok).toBe(true);
    expect(checkMarketingText('').ok).toBe(true);
  });

  it('keeps offsets right around characters outside the BMP', () => {
    const text = '🎉🎉 稳赚 🎉';
    const [v] = checkMarketingText(text).violations;
    expect(text.slice(v!.start, v!.end)).toBe('稳赚');
  });

  it('holds the words the product catalogue refused before (one list)', () => {
    for (const w of ['保本', '保息', '保收益', '稳赚', '零风险', '无风险', '刚性兑付', '刚兑', '兜底', '保证收益', '本金无忧'])
      expect(PROMISE_WORDS).toContain(w);
  });
});

describe('checkPromotion', () => {
  const products: PromotedProduct[] = [
    { id: 'p1', name: '稳健活期', riskLevel: 1, riskWarning: '本产品为非保本浮动收益型产品，投资者可能损失本金。' },
    { id: 'p3', name: '成长定期', riskLevel: 3, riskWarning: '产品净值可能波动，投资者可能损失部分或全部本金。' },
  ];
  const levels = new Map([
    ['m1', 1],
    ['m2', 2],
    ['m3', 3],
    ['m5', 5],
  ]);
  const compliance = createComplianceModule({
    investing: { promotionFacts: async (ids) => products.filter((p) => ids.includes(p.id)) },
    suitability: { coveringMembers: async (ids, risk) => ids.filter((id) => (levels.get(id) ?? 0) >= risk) },
  });

  it('requires each named product’s risk warning (its own or the standard sentence)', async () => {
    const bare = await compliance.checkPromotion({ text: '成长定期今日开售', productIds: ['p3'] });
    expect(bare).toMatchObject({ ok: false, violations: [], missingRiskWarnings: ['p3'] });
    const own = await compliance.checkPromotion({
      text: '成长定期今日开售。产品净值可能波动，投资者可能损失部分或全部本金。',
      productIds: ['p3'],
    });
    expect(own).toMatchObject({ ok: true, missingRiskWarnings: [] });
    const standard = await compliance.checkPromotion({
      text: '成长定期今日开售。理财非存款、产品有风险、投资须谨慎',
      productIds: ['p3', 'p1'],
    });
    expect(standard.ok).toBe(true);
    expect(standard.products.map((p) => p.riskWarningCarried)).toEqual([true, true]);
    const unknown = await compliance.checkPromotion({ text: '理财非存款、产品有风险、投资须谨慎', productIds: ['nope'] });
    expect(unknown).toMatchObject({ ok: false, unknownProductIds: ['nope'] });
  });

  it('fails on promise words even with the warning, and marks them', async () => {
    const result = await compliance.checkPromotion({ text: '稳赚！理财非存款、产品有风险、投资须谨慎', productIds: ['p1'] });
    expect(result.ok).toBe(false);
    expect(result.violations).toEqual([{ word: '稳赚', start: 0, end: 2 }]);
  });

  it('never promotes a product to members below its risk level: they are skipped and counted', async () => {
    const text = '理财非存款、产品有风险、投资须谨慎';
    const r3 = await compliance.checkPromotion({ text, productIds: ['p3'], memberIds: ['m1', 'm2', 'm3', 'm5', 'none'] });
    expect(r3).toMatchObject({ ok: true, allowedMemberIds: ['m3', 'm5'], skipped: 3 });
    // The riskiest named product decides.
    const both = await compliance.checkPromotion({ text, productIds: ['p1', 'p3'], memberIds: ['m1', 'm3'] });
    expect(both.allowedMemberIds).toEqual(['m3']);
    const r1 = await compliance.checkPromotion({ text, productIds: ['p1'], memberIds: ['m1', 'none'] });
    expect(r1).toMatchObject({ allowedMemberIds: ['m1'], skipped: 1 });
    // No product named: the audience stands.
    const none = await compliance.checkPromotion({ text: '本周直播预告', productIds: [], memberIds: ['m1', 'none'] });
    expect(none).toMatchObject({ ok: true, allowedMemberIds: ['m1', 'none'], skipped: 0 });
  });
});
