import i18n from '../../shared/i18n';

/** The newbie zone's and task center's texts, under `newbie.*`, merged into the app's bundle once, on import. */
const zhCN = {
  newbie: {
    zoneTitle: '新手专区',
    zoneEntry: '新手专区',
    zoneEntryDesc: '新手专享产品、新手特权和新手指南',
    tasksTitle: '成长任务',
    tasksEntry: '成长任务',
    tasksEntryDesc: '注册 → 实名 → 绑卡 → 首投 → 复投，每一步都有积分',
    eligible: '你还没有投资过，可以购买新手专享产品（每人限一次）。',
    notEligible: '你已完成过投资，新手专享产品仅限从未投资的用户购买。',
    productsTitle: '新手专享产品',
    noProducts: '暂时没有新手专享产品',
    privilegesTitle: '新手特权',
    stepsTitle: '新手指南',
    articlesTitle: '常见问题',
    noGuide: '新手指南正在编写中',
    progress: '已完成 {{done}}/{{total}} 项，累计获得 {{points}} 积分',
    rewardPoints: '+{{points}} 积分',
    noReward: '无奖励',
    go: '去完成',
    done: '已完成',
    status: { granted: '已到账 {{points}} 积分', in_review: '奖励审核中', refused: '未通过风控审核，奖励未发放' },
    step: '{{current}}/{{target}}',
    task: {
      register: { title: '注册账号', desc: '完成注册' },
      real_name: { title: '实名认证', desc: '验证本人身份' },
      bind_card: { title: '绑定银行卡', desc: '绑定本人借记卡' },
      first_invest: { title: '首次投资', desc: '完成第一笔投资' },
      repeat_invest: { title: '再次投资', desc: '完成第二笔投资' },
    },
    newbieOnlyTag: '新手专享',
    viewTasks: '查看成长任务',
  },
};

const en: typeof zhCN = {
  newbie: {
    zoneTitle: 'Newcomer zone',
    zoneEntry: 'Newcomer zone',
    zoneEntryDesc: 'Newcomer-only products, privileges and the guide',
    tasksTitle: 'Growth tasks',
    tasksEntry: 'Growth tasks',
    tasksEntryDesc: 'Register → verify → add a card → first investment → invest again, points at every step',
    eligible: 'You have not invested yet: newcomer-only products are open to you (once per person).',
    notEligible: 'You have invested before: newcomer-only products are for members who never invested.',
    productsTitle: 'Newcomer-only products',
    noProducts: 'No newcomer-only products right now',
    privilegesTitle: 'Newcomer privileges',
    stepsTitle: 'Getting started',
    articlesTitle: 'Common questions',
    noGuide: 'The guide is being written',
    progress: '{{done}} of {{total}} done, {{points}} points earned',
    rewardPoints: '+{{points}} points',
    noReward: 'No reward',
    go: 'Go',
    done: 'Done',
    status: { granted: '{{points}} points credited', in_review: 'Reward under review', refused: 'Reward withheld by the risk check' },
    step: '{{current}}/{{target}}',
    task: {
      register: { title: 'Register', desc: 'Create your account' },
      real_name: { title: 'Verify your name', desc: 'Confirm your identity' },
      bind_card: { title: 'Add a bank card', desc: 'Your own debit card' },
      first_invest: { title: 'First investment', desc: 'Make your first investment' },
      repeat_invest: { title: 'Invest again', desc: 'Make a second investment' },
    },
    newbieOnlyTag: 'Newcomers only',
    viewTasks: 'See growth tasks',
  },
};

i18n.addResourceBundle('zh-CN', 'translation', zhCN, true, true);
i18n.addResourceBundle('en', 'translation', en, true, true);

export const newbieLocales = { 'zh-CN': zhCN, en };
