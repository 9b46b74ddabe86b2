import type { CreateProductRequest, ProductType } from '../../shared/investing-types';
import { parseYuan } from '../../shared/money';
import { percentToBps } from '../../shared/rates';

/** What the new-product form holds: amounts in yuan and the benchmark in percent, as typed. */
export interface ProductFormValues {
  code: string;
  name: string;
  issuerId: string;
  type: ProductType;
  riskLevel: number;
  /** Percent with up to 2 decimals, e.g. "3.2". */
  benchmark: string;
  termMinDays?: number | null;
  termMaxDays?: number | null;
  /** Yuan, e.g. "1000" or "0.01". */
  minAmount: string;
  maxPerPerson: string;
  totalQuota: string;
  t0DailyLimit?: string;
  experienceAllowed?: boolean;
  /** 新手专享: only members without a prior investment may buy it. */
  newbieOnly?: boolean;
  /** Wall-clock times in Asia/Shanghai, "YYYY-MM-DDTHH:mm:ss". */
  saleStartsAt: string;
  saleEndsAt: string;
  underlyingAssets: string;
  custodian: string;
  fees: string;
  riskWarning: string;
  contractUrl?: string;
  contractVersion: string;
}

/** A wall-clock time in China ("2026-11-01T09:00:00") → the instant as ISO 8601 UTC, whatever the browser's zone. */
export const shanghaiWallToIso = (wall: string): string => new Date(`${wall}+08:00`).toISOString();

function required<T>(value: T | null, field: string): T {
  if (value === null) throw new Error(`invalid ${field}`);
  return value;
}

/**
 * The request body for `POST /investing/products`: yuan → fen strings and percent → basis points
 * exactly (string arithmetic), term days only for 定期, T+0 limit and 体验金 only for 活期. The form's
 * rules have checked every value; anything unparsable here is a bug and throws.
 */
export function toCreateProductRequest(v: ProductFormValues): CreateProductRequest {
  const fixed = v.type === 'fixed';
  const fen = (text: string | undefined, field: string) => required(parseYuan(text ?? ''), field);
  const contractUrl = v.contractUrl?.trim();
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    issuerId: v.issuerId,
    type: v.type,
    riskLevel: v.riskLevel,
    benchmarkBps: required(percentToBps(v.benchmark), 'benchmark'),
    ...(fixed
      ? { termMinDays: required(v.termMinDays ?? null, 'termMinDays'), termMaxDays: required(v.termMaxDays ?? null, 'termMaxDays') }
      : { t0DailyLimit: fen(v.t0DailyLimit, 't0DailyLimit') }),
    minAmount: fen(v.minAmount, 'minAmount'),
    maxPerPerson: fen(v.maxPerPerson, 'maxPerPerson'),
    totalQuota: fen(v.totalQuota, 'totalQuota'),
    experienceAllowed: !fixed && !!v.experienceAllowed,
    newbieOnly: !!v.newbieOnly,
    saleStartsAt: shanghaiWallToIso(v.saleStartsAt),
    saleEndsAt: shanghaiWallToIso(v.saleEndsAt),
    disclosures: {
      underlyingAssets: v.underlyingAssets.trim(),
      custodian: v.custodian.trim(),
      fees: v.fees.trim(),
      riskWarning: v.riskWarning.trim(),
      ...(contractUrl ? { contractUrl } : {}),
    },
    contractVersion: v.contractVersion.trim(),
  };
}
