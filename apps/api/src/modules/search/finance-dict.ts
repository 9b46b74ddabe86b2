/**
 * The finance user dictionary for jieba. Without it the default dictionary splits domain words
 * (体验金 → 体验 + 金, 加息券 → 加息 + 券), so a search for 体验金 would also match any text with
 * 体验 and 金 far apart. Kept as code rather than a .txt file so the esbuild bundle carries it.
 */
export const FINANCE_WORDS: readonly string[] = [
  // Platform perks and the people who farm them
  '体验金',
  '加息券',
  '红包券',
  '返现',
  '新手标',
  '羊毛党',
  '薅羊毛',
  '撸羊毛',
  // Yields and how they are quoted
  '万份收益',
  '七日年化',
  '年化',
  '业绩比较基准',
  '净值型',
  '固收',
  // Products and their life cycle
  '理财产品',
  '定期',
  '活期',
  '起投',
  '募集期',
  '封闭期',
  '起息',
  '起息日',
  '到期',
  '到期日',
  '赎回',
  '复投',
  '回款',
  '满标',
  '流标',
  '债权转让',
  // Suitability and compliance
  '风险测评',
  '风险等级',
  '持牌',
  '存管',
  '银行存管',
  '出借人',
  '借款人',
  '逾期',
  '兑付',
  '刚性兑付',
  '刚兑',
  '零风险',
  '资金池',
  '非法集资',
  '爆雷',
  // Pulling members off the platform (moderation searches for these too)
  '私下转账',
  '加微信',
  // The community itself
  '圈子',
  '直播',
];

/**
 * jieba picks the most probable route through a sentence, so a word's frequency decides both
 * whether it beats its parts (体验金 over 体验 + 金 needs only ~1) and whether it swallows a
 * neighbour's character (体验金额 must stay 体验 + 金额, which needs < ~880). 100 sits safely in
 * between for every word here (checked in tokenize.test.ts).
 */
const FREQUENCY = 100;

/** The dictionary in jieba's text format: one `word frequency tag` per line. */
export const financeDictionary = (): Buffer => Buffer.from(FINANCE_WORDS.map((w) => `${w} ${FREQUENCY} n`).join('\n') + '\n', 'utf8');
