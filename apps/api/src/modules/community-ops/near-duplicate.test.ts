import { describe, expect, it } from 'vitest';
import { createSearchModule } from '../search/index.js';
import { features, fromSigned, hammingDistance, isNearDuplicate, simhash, toSigned } from './near-duplicate.js';

// search's jieba tokenizer, as the use case passes it (it needs no database).
const tokenize = createSearchModule({ db: null as never, clock: null as never }).tokenize;
const fp = (text: string) => simhash(features(text, tokenize(text).split(' ')));

const ALERT = '【早盘速递】今日沪深300指数小幅高开，银行板块走强，债市整体平稳。理财非存款、产品有风险、投资须谨慎。';
const LIVE = '本周四晚 8 点直播预告：理财师王磊聊聊基金定投的三个误区，欢迎预约。';

describe('near-duplicate fingerprints', () => {
  it('finds the same post with a word, a date or the punctuation changed', () => {
    for (const text of [
      '【早盘速递】今日沪深300指数小幅低开，银行板块走弱，债市整体平稳。理财非存款、产品有风险、投资须谨慎。',
      '【早盘速递】11月26日沪深300指数小幅高开，银行板块走强，债市整体平稳。理财非存款、产品有风险、投资须谨慎。',
      ALERT,
    ])
      expect(isNearDuplicate(fp(ALERT), fp(text)), text).toBe(true);
    expect(isNearDuplicate(fp(LIVE), fp('下周四晚 8 点直播预告：理财师王磊聊聊基金定投的三个误区，欢迎预约！'))).toBe(true);
  });

  it('tells different posts apart, even on the same subject', () => {
    for (const text of [LIVE, '周末福利：完成风险测评即可领取体验金，名额有限。', '欢迎新朋友！提问前可以先看群公告，有问题随时@理财师。'])
      expect(isNearDuplicate(fp(ALERT), fp(text)), text).toBe(false);
    expect(isNearDuplicate(fp(LIVE), fp('本周四晚 8 点直播预告：理财师李娜讲讲养老金融与个人养老金账户，欢迎预约。'))).toBe(false);
  });

  it('is deterministic and survives the round trip through a signed bigint column', () => {
    const h = fp(ALERT);
    expect(fp(ALERT)).toBe(h);
    expect(fromSigned(toSigned(h))).toBe(h);
    expect(hammingDistance(h, h)).toBe(0);
    expect(hammingDistance(0n, (1n << 64n) - 1n)).toBe(64);
  });
});
