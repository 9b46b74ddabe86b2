import { CreateProductRequest } from '@quanzi/contracts';
import { describe, expect, it } from 'vitest';
import { shanghaiWallToIso, toCreateProductRequest, type ProductFormValues } from './product-request';

const base: ProductFormValues = {
  code: 'QZ-TEST-1',
  name: '测试产品',
  issuerId: '0b5f3c0e-7c2a-4d8e-9a51-2f6f1d1c9b10',
  type: 'demand',
  riskLevel: 2,
  benchmark: '3.2',
  minAmount: '0.01',
  maxPerPerson: '50000',
  totalQuota: '100000000.5',
  t0DailyLimit: '10000',
  experienceAllowed: true,
  saleStartsAt: '2026-11-01T09:00:00',
  saleEndsAt: '2027-11-01T09:00:00',
  underlyingAssets: ' 货币市场工具 ',
  custodian: '示例银行',
  fees: '管理费 0.15%/年',
  riskWarning: '本产品为非保本浮动收益型产品，请谨慎投资。',
  contractVersion: '2026-11',
};

describe('toCreateProductRequest', () => {
  it('converts yuan to fen and percent to basis points exactly, and passes the API schema', () => {
    const body = toCreateProductRequest(base);
    expect(body).toMatchObject({
      benchmarkBps: 320,
      minAmount: '1',
      maxPerPerson: '5000000',
      totalQuota: '10000000050',
      t0DailyLimit: '1000000',
      experienceAllowed: true,
      saleStartsAt: '2026-11-01T01:00:00.000Z',
      disclosures: { underlyingAssets: '货币市场工具' },
    });
    expect(body).not.toHaveProperty('termMinDays');
    expect(body.disclosures).not.toHaveProperty('contractUrl');
    expect(CreateProductRequest.safeParse(body).success).toBe(true);
  });

  it('sends terms for 定期 and never a T+0 limit or 体验金', () => {
    const body = toCreateProductRequest({ ...base, type: 'fixed', termMinDays: 90, termMaxDays: 180, benchmark: '1.15' });
    expect(body).toMatchObject({ termMinDays: 90, termMaxDays: 180, experienceAllowed: false, benchmarkBps: 115 });
    expect(body).not.toHaveProperty('t0DailyLimit');
    expect(CreateProductRequest.safeParse(body).success).toBe(true);
  });

  it('reads sales times as China time', () => {
    expect(shanghaiWallToIso('2026-01-01T00:00:00')).toBe('2025-12-31T16:00:00.000Z');
  });
});
