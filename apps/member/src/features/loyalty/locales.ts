import i18n from '../../shared/i18n';

/** Points, level and check-in texts, under `loyalty.*`, merged into the app's bundle on import. */
const zhCN = {
  loyalty: {
    entry: { points: '我的积分', level: '会员等级', checkin: '每日签到' },
    points: {
      title: '我的积分',
      balance: '可用积分',
      expiring: '{{points}} 积分将在 30 天内到期，最早的有效期至 {{date}}',
      noneExpiring: '30 天内没有即将到期的积分',
      statement: '积分明细',
      empty: '还没有积分记录，去签到赚积分吧',
      expiresAt: '有效期至 {{date}}',
      shortfall: '已使用无法收回 {{points}}',
      kind: { earn: '获得', spend: '使用', expire: '过期', reverse: '冲正', adjust: '调整' },
      rule: '积分按获得时间分批有效，先到期的先使用；到期未使用的积分自动失效。',
      toCheckin: '去签到',
    },
    level: {
      title: '会员等级',
      growth: '成长值 {{growth}}',
      components: '投资 {{investment}} · 活跃 {{activity}} · 会龄 {{tenure}}',
      toNext: '再获得 {{need}} 成长值升级为 {{name}}',
      top: '已是最高等级',
      privileges: '等级特权',
      rules: '等级规则',
      minGrowth: '成长值 ≥ {{growth}}',
      current: '当前',
      howTo:
        '成长值 = 近一年投资（每 100 元计 1）+ 近一年活跃（签到、社区回答）+ 会龄（每月 5，最高 300）。等级每晚重新评定，成长值不足时会降级。',
      privilege: {
        withdrawalFeeWaiver: '提现免手续费',
        exclusiveProducts: '专属理财产品',
        liveSeats: '直播专属席位',
        lotteryWeight: '抽奖中奖权重 {{weight}}%',
      },
      none: '暂无特权，升级后解锁',
    },
    checkin: {
      title: '每日签到',
      button: '立即签到',
      done: '今日已签到',
      streak: '已连续签到 {{days}} 天',
      success: '签到成功，获得 {{points}} 积分',
      bonus: '（含连续奖励 {{bonus}}）',
      madeUp: '补签成功，消耗 {{cost}} 积分',
      makeUpConfirm: '补签 {{day}} 需消耗 {{cost}} 积分，确定补签吗？',
      makeUpHint: '点击最近 {{days}} 天内漏签的日期可补签，每次 {{cost}} 积分，每月最多 {{perMonth}} 次（本月已用 {{used}} 次）。',
      rules: '每天签到得 {{base}} 积分；{{bonuses}}。',
      bonusRule: '连续 {{every}} 天额外 +{{points}}',
      prev: '上个月',
      next: '下个月',
      weekdays: '日,一,二,三,四,五,六',
      legendDaily: '已签到',
      legendMakeup: '补签',
      legendMissed: '可补签',
    },
  },
};

const en: typeof zhCN = {
  loyalty: {
    entry: { points: 'My points', level: 'Member level', checkin: 'Daily check-in' },
    points: {
      title: 'My points',
      balance: 'Available points',
      expiring: '{{points}} points expire within 30 days, the first valid until {{date}}',
      noneExpiring: 'No points expire in the next 30 days',
      statement: 'Statement',
      empty: 'No points yet. Check in to earn some',
      expiresAt: 'Valid until {{date}}',
      shortfall: '{{points}} already spent, not recovered',
      kind: { earn: 'Earned', spend: 'Spent', expire: 'Expired', reverse: 'Reversed', adjust: 'Adjusted' },
      rule: 'Points are valid per batch; the batch expiring first is used first. Unused points lapse at expiry.',
      toCheckin: 'Check in',
    },
    level: {
      title: 'Member level',
      growth: 'Growth {{growth}}',
      components: 'Investing {{investment}} · Activity {{activity}} · Tenure {{tenure}}',
      toNext: '{{need}} more growth to reach {{name}}',
      top: 'Top level reached',
      privileges: 'Privileges',
      rules: 'Levels',
      minGrowth: 'Growth ≥ {{growth}}',
      current: 'Current',
      howTo:
        'Growth = last year’s investing (1 per ¥100) + last year’s activity (check-ins, answers) + tenure (5 a month, up to 300). Levels are re-evaluated nightly and can go down.',
      privilege: {
        withdrawalFeeWaiver: 'No withdrawal fee',
        exclusiveProducts: 'Exclusive products',
        liveSeats: 'Reserved live seats',
        lotteryWeight: 'Lottery weight {{weight}}%',
      },
      none: 'No privileges yet; level up to unlock',
    },
    checkin: {
      title: 'Daily check-in',
      button: 'Check in',
      done: 'Checked in today',
      streak: '{{days}}-day streak',
      success: 'Checked in: +{{points}} points',
      bonus: ' (incl. streak bonus {{bonus}})',
      madeUp: 'Made up for {{cost}} points',
      makeUpConfirm: 'Make up {{day}} for {{cost}} points?',
      makeUpHint: 'Tap a missed day of the last {{days}} days to make it up: {{cost}} points each, {{perMonth}} a month ({{used}} used).',
      rules: '{{base}} points a day; {{bonuses}}.',
      bonusRule: '+{{points}} every {{every}} days in a row',
      prev: 'Previous',
      next: 'Next',
      weekdays: 'Sun,Mon,Tue,Wed,Thu,Fri,Sat',
      legendDaily: 'Checked in',
      legendMakeup: 'Made up',
      legendMissed: 'Can make up',
    },
  },
};

i18n.addResourceBundle('zh-CN', 'translation', zhCN, true, true);
i18n.addResourceBundle('en', 'translation', en, true, true);

export const loyaltyLocales = { 'zh-CN': zhCN, en };
