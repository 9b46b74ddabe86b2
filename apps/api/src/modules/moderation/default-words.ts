import type { WordEntry } from './screen.js';

/**
 * The list 0019_moderation.sql seeds. The filter screens with it only until the database's list
 * has loaded (milliseconds after start), so a post in that window is not waved through unscreened.
 */
export const DEFAULT_WORDS: readonly WordEntry[] = [
  ...['加微信', '加我微信', '微信号', 'vx', 'qq号', '加qq', '线下交易', '二维码'].map((word) => ({
    word,
    category: 'contact' as const,
    verdict: 'flag' as const,
    ruleCode: 'R2',
  })),
  ...['私下转账', '私聊转账'].map((word) => ({ word, category: 'contact' as const, verdict: 'hold' as const, ruleCode: 'R2' })),
  ...['保本', '稳赚', '零风险', '刚兑', '刚性兑付'].map((word) => ({
    word,
    category: 'promise' as const,
    verdict: 'hold' as const,
    ruleCode: 'R3',
  })),
  ...['保证收益', '稳赚不赔'].map((word) => ({ word, category: 'promise' as const, verdict: 'block' as const, ruleCode: 'R3' })),
];
