import { createApiClient } from '@quanzi/web-kit';
import i18n from './i18n';

export { ApiError, errorMessage } from '@quanzi/web-kit';

export const api = createApiClient({
  base: '/api/v1/console',
  language: () => i18n.language,
  // A lost session sends the operator back to the login page, keeping where they were.
  onUnauthenticated: () =>
    window.location.assign(`/console/login?next=${encodeURIComponent(window.location.pathname.replace(/^\/console/, ''))}`),
  get messages() {
    return { network: i18n.t('common.networkError'), server: i18n.t('common.serverError') };
  },
});
