import { createApiClient } from '@quanzi/web-kit';
import i18n from './i18n';

export { ApiError, errorMessage } from '@quanzi/web-kit';

const messages = () => ({ network: i18n.t('common.networkError'), server: i18n.t('common.serverError') });

export const api = createApiClient({
  base: '/api/v1/console',
  language: () => i18n.language,
  // A lost session sends the operator back to the login page, keeping where they were.
  onUnauthenticated: () =>
    window.location.assign(`/console/login?next=${encodeURIComponent(window.location.pathname.replace(/^\/console/, ''))}`),
  get messages() {
    return messages();
  },
});

/**
 * The public API (`/api/v1/public/...`), which members and visitors read without a session; the
 * console reads what everyone sees from there (e.g. the community charter). No session, so no redirect.
 */
export const publicApi = createApiClient({
  base: '/api/v1/public',
  language: () => i18n.language,
  onUnauthenticated: () => undefined,
  get messages() {
    return messages();
  },
});

/**
 * A POST that moves money, with its `Idempotency-Key`: the server runs it at most once per key and
 * replays the stored answer to a retry. The key belongs to one user action (`useIdempotencyKey`).
 */
export const postIdempotent = <T>(path: string, body: unknown, idempotencyKey: string): Promise<T> =>
  api<T>('POST', path, body, { headers: { 'Idempotency-Key': idempotencyKey } });
