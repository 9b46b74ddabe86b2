import type { Coupon } from '@quanzi/contracts';
import { describe, expect, it } from 'vitest';
import { couponValue, coversProduct } from './coupon-value';

const base: Coupon = {
  id: 'c1',
  type: 'cash_back',
  status: 'available',
  boostBps: null,
  days: null,
  minAmount: null,
  maxCost: null,
  threshold: '100000',
  amount: '1000',
  productIds: [],
  productTypes: [],
  expiresAt: '2026-12-31T00:00:00Z',
  usedAt: null,
  usedOrderId: null,
  paid: null,
  createdAt: '2026-12-01T00:00:00Z',
};
const demand = { id: 'p1', type: 'demand' as const };

describe('coupon value in the buy form (same rule as the server)', () => {
  it('满减 pays from the threshold up, nothing below it', () => {
    expect(couponValue(base, demand, '99999', null)).toBeNull();
    expect(couponValue(base, demand, '100000', null)).toBe(1000n);
  });
  it('加息券 pays the boost for min(term, days), rounded down and capped', () => {
    const boost: Coupon = { ...base, type: 'rate_boost', boostBps: 100, days: 30, maxCost: '5000', threshold: null, amount: null };
    expect(couponValue(boost, demand, '1000000', null)).toBe(821n);
    expect(couponValue(boost, { id: 'p2', type: 'fixed' }, '1000000', 10)).toBe(273n);
    expect(couponValue(boost, demand, '100000000', null)).toBe(5000n);
  });
  it('only on the products it covers, never once used', () => {
    expect(coversProduct({ ...base, productIds: ['p9'] }, demand)).toBe(false);
    expect(coversProduct({ ...base, productTypes: ['fixed'] }, demand)).toBe(false);
    expect(coversProduct({ ...base, status: 'used' }, demand)).toBe(false);
    expect(coversProduct(base, demand)).toBe(true);
  });
});
