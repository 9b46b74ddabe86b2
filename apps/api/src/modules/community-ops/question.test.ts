import { describe, expect, it } from 'vitest';
import { isQuestion } from './question.js';

describe('isQuestion', () => {
  it('sees a question mark at the end, ASCII or full width, before emoji and spaces', () => {
    for (const text of ['这只基金今天能赎回吗？', '定投该选哪只?', '这个产品风险高不高？ ', '有人知道这个？😅', '收益什么时候到账？？'])
      expect(isQuestion(text), text).toBe(true);
  });

  it('sees the interrogative words members use without a question mark', () => {
    for (const text of [
      '请问体验金怎么用',
      '为什么我的收益还没到',
      '如何修改风险测评',
      '这个能不能提前赎回',
      '哪个产品适合新手',
      '大家定投多少合适',
      '有没有人买过这个',
      '赎回多久到账',
    ])
      expect(isQuestion(text), text).toBe(true);
  });

  it('leaves statements alone, set phrases with a question word included', () => {
    for (const text of ['今天收益到账了', '谢谢大家', '没什么，随便看看', '收益不怎么样', '好的👍', '?', '？？', '', '   ', '早上好！'])
      expect(isQuestion(text), text).toBe(false);
  });
});
