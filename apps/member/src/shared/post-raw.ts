import { api, ApiError } from './api';
import i18n from './i18n';

/** A refusal that also says how long to wait (429 with Retry-After: slow mode, rate limits). */
export class WaitError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly retryAfter: number | null,
  ) {
    super(status, code, message);
  }
}

/**
 * Calls the shared client cannot make: raw image bytes, and posts whose 429 carries Retry-After.
 * Same origin, the session cookie, the member's language; errors are the server's own message.
 */
export async function postRaw<T>(path: string, body: Blob | string, contentType: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': contentType, 'accept-language': i18n.language },
      body,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('common.networkError'));
  }
  const data = (await res.json().catch(() => undefined)) as { error?: { code: string; message: string } } | undefined;
  if (res.ok) return data as T;
  if (res.status === 401) {
    // Let the shared client notice the ended session and send the member to the login page.
    await api('GET', '/me').catch(() => undefined);
  }
  const error = data?.error ?? { code: 'INTERNAL', message: i18n.t('common.serverError') };
  const retry = Number(res.headers.get('retry-after'));
  throw new WaitError(res.status, error.code, error.message, Number.isFinite(retry) && retry > 0 ? retry : null);
}
