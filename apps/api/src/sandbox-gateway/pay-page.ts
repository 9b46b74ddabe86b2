import type { PaymentStatus, PayoutStatus } from './repo.js';

/**
 * The sandbox's pages: a cashier for payments and a bank console for payouts. Plain server-rendered
 * HTML with no script at all (the page's policy forbids it), inline CSS, every value escaped.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const CSS = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;background:#f5f6f8;color:#1f2329;font:16px/1.5 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;display:flex;justify-content:center}
main{width:100%;max-width:420px;padding:24px 16px}
.card{background:#fff;border-radius:12px;padding:24px 20px;box-shadow:0 1px 3px rgba(0,0,0,.06)}
h1{font-size:18px;margin:0 0 16px;text-align:center}
.badge{display:inline-block;font-size:12px;color:#b25e00;background:#fff4e5;border-radius:4px;padding:0 6px;margin-left:6px;vertical-align:middle}
.amount{font-size:36px;font-weight:600;text-align:center;margin:8px 0}
.subject{text-align:center;color:#646a73;margin:0 0 16px;word-break:break-all}
dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;font-size:13px;color:#646a73;margin:0 0 20px}
dd{margin:0;text-align:right;word-break:break-all}
form{margin:0 0 12px}
button{width:100%;height:44px;border-radius:8px;font-size:16px;cursor:pointer;border:1px solid #1677ff}
.primary{background:#1677ff;color:#fff}
.secondary{background:#fff;color:#1677ff}
.state{text-align:center;font-size:18px;font-weight:600;margin:16px 0}
.ok{color:#00a870}.bad{color:#d54941}.wait{color:#b25e00}
a.back{display:block;text-align:center;margin:12px 0}
.note{font-size:12px;color:#8f959e;text-align:center;margin:16px 0 0}
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main><div class="card">
${body}
<p class="note">这是沙箱环境，不会产生真实扣款</p>
</div></main>
</body>
</html>
`;
}

const button = (action: string, label: string, kind: 'primary' | 'secondary') =>
  `<form method="post" action="${escapeHtml(action)}"><button class="${kind}" type="submit">${escapeHtml(label)}</button></form>`;

const details = (rows: Array<[string, string]>) =>
  `<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;

const PAYMENT_STATES: Record<PaymentStatus, [string, string]> = {
  WAIT_BUYER_PAY: ['待支付', 'wait'],
  TRADE_SUCCESS: ['支付成功', 'ok'],
  TRADE_CLOSED: ['交易已关闭', 'bad'],
};

export interface PayPageView {
  tradeNo: string;
  outTradeNo: string;
  subject: string;
  amountYuan: string;
  status: PaymentStatus;
  payAction: string;
  failAction: string;
  /** Where the buyer goes back to the merchant, once the trade is over. */
  returnLink: string | null;
}

export function payPage(v: PayPageView): string {
  const [label, tone] = PAYMENT_STATES[v.status];
  const actions =
    v.status === 'WAIT_BUYER_PAY'
      ? button(v.payAction, '确认支付', 'primary') + button(v.failAction, '取消支付', 'secondary')
      : `<p class="state ${tone}">${escapeHtml(label)}</p>` +
        (v.returnLink ? `<a class="back" href="${escapeHtml(v.returnLink)}">返回商户</a>` : '');
  return layout(
    '沙箱收银台',
    `<h1>沙箱收银台<span class="badge">SANDBOX</span></h1>
<p class="amount">¥${escapeHtml(v.amountYuan)}</p>
<p class="subject">${escapeHtml(v.subject)}</p>
${details([
  ['商户订单号', v.outTradeNo],
  ['交易号', v.tradeNo],
])}
${actions}`,
  );
}

const PAYOUT_STATES: Record<PayoutStatus, [string, string]> = {
  DEALING: ['处理中', 'wait'],
  SUCCESS: ['转账成功', 'ok'],
  FAIL: ['转账失败', 'bad'],
};

export interface PayoutPageView {
  orderId: string;
  outBizNo: string;
  amountYuan: string;
  payeeNameMasked: string;
  payeeCardLast4: string;
  status: PayoutStatus;
  failReason: string | null;
  succeedAction: string;
  failAction: string;
}

/** The "bank side" of a payout, where a tester decides its outcome before the automatic one. */
export function payoutPage(v: PayoutPageView): string {
  const [label, tone] = PAYOUT_STATES[v.status];
  const actions =
    v.status === 'DEALING'
      ? button(v.succeedAction, '转账成功', 'primary') + button(v.failAction, '转账失败', 'secondary')
      : `<p class="state ${tone}">${escapeHtml(label)}</p>`;
  return layout(
    '沙箱转账',
    `<h1>沙箱转账<span class="badge">SANDBOX</span></h1>
<p class="amount">¥${escapeHtml(v.amountYuan)}</p>
${details([
  ['收款人', v.payeeNameMasked],
  ['收款卡', `**** ${v.payeeCardLast4}`],
  ['商户单号', v.outBizNo],
  ['转账单号', v.orderId],
  ['状态', label],
  ...(v.failReason ? ([['失败原因', v.failReason]] as Array<[string, string]>) : []),
])}
${actions}`,
  );
}

export function notFoundPage(what: string): string {
  return layout('沙箱收银台', `<h1>沙箱收银台</h1>\n<p class="state bad">${escapeHtml(what)}</p>`);
}

/** What Alipay shows a buyer whose page-pay request was refused (a bad signature, a bad parameter). */
export function errorPage(response: Record<string, string>): string {
  return layout(
    '支付宝 - 网上支付 安全快速！',
    `<h1>沙箱收银台</h1>
<p class="state bad">${escapeHtml(response.sub_msg ?? response.msg ?? '请求有误')}</p>
${details([
  ['错误代码', response.sub_code ?? response.code ?? ''],
  ['错误原因', response.msg ?? ''],
])}`,
  );
}
