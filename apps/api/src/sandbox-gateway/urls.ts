/** Callback targets must be absolute http(s) URLs: the gateway POSTs to them from the server. */
export function isNotifyUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** The browser returns to an absolute http(s) URL or a same-site path ("/x", never "//host"). */
export function isReturnUrl(value: string): boolean {
  if (value.startsWith('/')) return !value.startsWith('//') && !value.startsWith('/\\');
  return isNotifyUrl(value);
}

const PLACEHOLDER_BASE = 'http://sandbox.invalid';

/** The merchant's return_url with `out_trade_no` added, keeping its own query and fragment. */
export function returnTarget(returnUrl: string, outTradeNo: string): string {
  const url = new URL(returnUrl, PLACEHOLDER_BASE);
  url.searchParams.set('out_trade_no', outTradeNo);
  return url.origin === PLACEHOLDER_BASE && returnUrl.startsWith('/') ? `${url.pathname}${url.search}${url.hash}` : url.toString();
}

/** The origin a form on the cashier page may be redirected to, for its form-action policy; null for paths. */
export function returnOrigin(returnUrl: string | null): string | null {
  if (!returnUrl || returnUrl.startsWith('/')) return null;
  return new URL(returnUrl).origin;
}
