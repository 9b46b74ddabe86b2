import type { Coupon, Page } from '@quanzi/contracts';
import { api } from '../../shared/api';

export type { Coupon } from '@quanzi/contracts';

export const couponsApi = {
  page: (page: number, pageSize = 20) => api<Page<Coupon>>('GET', `/me/coupons?page=${page}&pageSize=${pageSize}`),
  /** Every coupon the member can still use (for the buy form's choice). */
  usable: async (): Promise<Coupon[]> => {
    const all: Coupon[] = [];
    for (let page = 1; page <= 5; page++) {
      const batch = await couponsApi.page(page, 100);
      all.push(...batch.items);
      if (batch.items.length < 100) break;
    }
    return all.filter((c) => c.status === 'available');
  },
};

export { couponValue, coversProduct } from './coupon-value';
