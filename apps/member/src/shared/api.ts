import { createApiClient } from '@quanzi/web-kit';
import i18n from './i18n';

export { ApiError, errorMessage } from '@quanzi/web-kit';

/** Redirects to the login page when a session ends; set by the router. */
let onUnauthenticated: () => void = () => undefined;
export const setUnauthenticatedHandler = (handler: () => void) => {
  onUnauthenticated = handler;
};

export const api = createApiClient({
  base: '/api/v1',
  language: () => i18n.language,
  onUnauthenticated: () => onUnauthenticated(),
  get messages() {
    return { network: i18n.t('common.networkError'), server: i18n.t('common.serverError') };
  },
});
