import QRCode from 'qrcode';
import { fenToYuan } from '../platform/money.js';
import type { TransactionRow } from './repo.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const shell = (title: string, body: string) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} · 微信支付沙箱</title>
<style>body{font-family:system-ui,sans-serif;background:#f2f2f2;margin:0;padding:24px;color:#222}
main{max-width:420px;margin:0 auto;background:#fff;border-radius:8px;padding:24px;text-align:center}
h1{font-size:18px;color:#07c160}.amount{font-size:32px;font-weight:600;margin:12px 0}
.qr svg{width:220px;height:220px}button{width:100%;padding:12px;border:0;border-radius:6px;font-size:16px;margin-top:12px}
.pay{background:#07c160;color:#fff}.fail{background:#eee;color:#555}small{color:#888;word-break:break-all}</style>
</head><body><main>${body}</main></body></html>`;

/**
 * The cashier: the QR of code_url (Native) that a payer would scan, and the buttons that stand for
 * what happens in the payer's WeChat. No script: the QR is inline SVG from the `qrcode` library.
 */
export async function cashierPage(row: TransactionRow, action: string, query = ''): Promise<string> {
  const codeUrl = `weixin://wxpay/bizpayurl?pr=${row.cashier_token}`;
  const svg = await QRCode.toString(codeUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  const open = row.trade_state === 'NOTPAY' || row.trade_state === 'PAYERROR';
  return shell(
    '微信支付',
    `<h1>微信支付</h1><p>${esc(row.description)}</p><div class="amount">¥${fenToYuan(row.amount_fen)}</div>
<div class="qr">${svg}</div><small>${esc(codeUrl)}</small>
${
  open
    ? `<form method="post" action="${esc(`${action}/pay${query}`)}"><button class="pay" type="submit">模拟扫码并确认支付</button></form>
<form method="post" action="${esc(`${action}/fail${query}`)}"><button class="fail" type="submit">模拟支付失败</button></form>`
    : `<p>订单状态：${esc(row.trade_state)}</p>`
}`,
  );
}

export const resultPage = (title: string, text: string, back: string | null = null) =>
  shell(title, `<h1>${esc(title)}</h1><p>${esc(text)}</p>${back ? `<p><a href="${esc(back)}">返回商户</a></p>` : ''}`);
