/** The documents a member accepts at registration (version AGREEMENT_VERSION in contracts). */
export const AGREEMENTS: Record<'user' | 'privacy', Record<'zh-CN' | 'en', { title: string; sections: Array<[string, string]> }>> = {
  user: {
    'zh-CN': {
      title: '用户服务协议',
      sections: [
        [
          '平台定位',
          '圈子是互联网金融信息中介服务平台，为用户与持牌合作机构之间提供信息发布、社区交流与撮合服务。平台本身不吸收公众存款，不设立资金池。',
        ],
        [
          '资金存管',
          '用户资金由第三方存管银行存管，平台无法挪用。充值、提现与投资资金的流转均通过存管账户完成，并可在账户流水中逐笔查询。',
        ],
        [
          '风险提示',
          '平台展示的产品收益均为业绩比较基准，不构成对本金或收益的任何承诺。投资有风险，您可能损失部分或全部本金，请根据自身风险承受能力谨慎决策。',
        ],
        [
          '账户安全',
          '请妥善保管登录密码与支付密码，勿向任何人（包括自称平台工作人员者）透露验证码。平台工作人员不会以任何理由要求您私下转账。',
        ],
        ['社区规范', '在社区发言须遵守公开的社区公约；违规内容的处理会在公开的处理记录中说明依据，您可以申诉。'],
        ['账户注销', '您可以随时申请注销账户；如仍有在途资金、持仓或借款，需处理完毕后方可注销。'],
      ],
    },
    en: {
      title: 'User Agreement',
      sections: [
        [
          'What Quanzi is',
          'Quanzi is an information intermediary for internet-finance services. It connects members with licensed partner institutions; it takes no deposits and runs no cash pool.',
        ],
        [
          'Custody',
          'Client money is held by a custodian bank and cannot be used by the platform. Every top-up, withdrawal and investment moves through the custody account and appears in your statement.',
        ],
        [
          'Risk',
          'Returns shown are performance benchmarks, never a promise of principal or returns. Investing carries risk, including the loss of some or all of your principal.',
        ],
        ['Security', 'Keep your passwords safe and never share a verification code. Staff will never ask you to transfer money privately.'],
        [
          'Community rules',
          'Posts follow the public community charter; every moderation decision cites its rule in a public log and can be appealed.',
        ],
        ['Closing your account', 'You may close your account at any time once no money, holdings or loans are open.'],
      ],
    },
  },
  privacy: {
    'zh-CN': {
      title: '隐私政策',
      sections: [
        [
          '我们收集什么',
          '手机号（注册与登录）、实名信息与身份证号（依法进行实名认证）、银行卡信息（绑卡与资金划转）、设备标识与 IP（账户安全与风控）。',
        ],
        [
          '如何保护',
          '身份证号、银行卡号、手机号等个人信息均加密存储，页面与日志中只显示脱敏信息；运营人员查看完整信息需特定权限，并留有审计记录。',
        ],
        ['如何使用', '仅用于提供服务、保障账户与资金安全、履行反洗钱等法定义务，以及您主动订阅的消息推送。我们不会出售您的个人信息。'],
        ['保存期限', '注销后，联系方式等信息将被删除；依法需留存的身份资料按反洗钱规定保存五年后删除。'],
        ['您的权利', '您可以查看登录设备与登录记录、退出其他设备、修改支付密码、注销账户，也可以随时退订营销消息。'],
      ],
    },
    en: {
      title: 'Privacy Policy',
      sections: [
        [
          'What we collect',
          'Your phone number (sign-up and login), real name and ID number (legally required verification), bank card details (binding and transfers), device id and IP (security and risk control).',
        ],
        [
          'How we protect it',
          'ID numbers, card numbers and phone numbers are encrypted at rest and shown masked on screens and in logs. Staff need a specific permission to view full values, and every view is audited.',
        ],
        [
          'How we use it',
          'Only to provide the service, protect your account and money, meet legal duties such as anti-money-laundering, and send the messages you subscribe to. We never sell personal data.',
        ],
        [
          'How long we keep it',
          'On closure, contact data is deleted; identity records the law requires are kept for five years and then deleted.',
        ],
        [
          'Your rights',
          'See your devices and login history, sign other devices out, change your payment password, close your account, and unsubscribe from marketing at any time.',
        ],
      ],
    },
  },
};
