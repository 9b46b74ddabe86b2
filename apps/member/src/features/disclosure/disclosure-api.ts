import type { Disclosure } from '@quanzi/contracts';
import { api } from '../../shared/api';

export type { Disclosure } from '@quanzi/contracts';

/** Public: no login, so a visitor without a session is never sent to the login page from here. */
export const disclosureApi = {
  disclosure: () => api<Disclosure>('GET', '/public/disclosure', undefined, { redirectOn401: false }),
};
