import { describe, expect, it } from 'vitest';
import { DEFAULT_WORDS } from './default-words.js';
import { screenText } from './screen.js';

const screen = (text: string) => screenText(DEFAULT_WORDS, text);

describe('the word filter', () => {
  it('flags pulling members off the platform, holds or blocks promised returns', () => {
    expect(screen('加我微信聊')).toMatchObject({ verdict: 'flag', matches: [{ word: '加我微信', category: 'contact', ruleCode: 'R2' }] });
    expect(screen('保本高收益')).toMatchObject({ verdict: 'hold', matches: [{ word: '保本', category: 'promise', ruleCode: 'R3' }] });
    expect(screen('这个稳赚不赔，保证收益').verdict).toBe('block');
    expect(screen('私下转账更快').verdict).toBe('hold');
    expect(screen('这款理财产品收益稳定吗').verdict).toBe('pass');
  });

  it('does not match negations: disclaimers and warnings are what the charter asks for', () => {
    expect(screen('非保本产品').verdict).toBe('pass');
    expect(screen('本产品不保本，请注意风险').verdict).toBe('pass');
    expect(screen('平台不承诺保本').verdict).toBe('pass');
    expect(screen('世上没有零风险的理财').verdict).toBe('pass');
    expect(screen('千万别私下转账').verdict).toBe('pass');
    // A negation elsewhere in the sentence does not excuse the promise.
    expect(screen('我不管，保本就行').verdict).toBe('hold');
    expect(screen('不保本的不买，只买保本的').verdict).toBe('hold');
  });

  it('is case-insensitive, folds full-width letters, sees through spacing, and leaves Latin words alone', () => {
    expect(screen('加VX详聊').verdict).toBe('flag');
    expect(screen('加ｖｘ详聊').verdict).toBe('flag');
    expect(screen('加 我 微 信').verdict).toBe('flag');
    expect(screen('加*QQ*123456').verdict).toBe('flag');
    expect(screen('add me vx').verdict).toBe('flag');
    expect(screen('I use devx tools').verdict).toBe('pass');
  });
});
