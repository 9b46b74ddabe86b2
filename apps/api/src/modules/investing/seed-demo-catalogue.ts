import { shanghaiDay } from '../../platform/clock.js';
import { transact } from '../../platform/db/transact.js';
import { addDays } from './dates.js';
import type { InvestingDeps } from './deps.js';
import * as repo from './repo.js';

const RISK_WARNING =
  '本产品为非保本浮动收益型产品，业绩比较基准不代表产品未来表现和实际收益，不构成对产品收益的承诺。产品净值可能波动，投资者可能损失部分或全部本金。请在充分了解产品风险并确认与自身风险承受能力相匹配后谨慎投资。';

/** Two issuers and three products on sale, with a week of declared yields: enough to walk every investing path. */
export async function seedDemoCatalogue(deps: InvestingDeps): Promise<number> {
  const now = deps.clock.now();
  return transact(deps.db, async (trx) => {
    const bank =
      (await repo.insertIssuer(trx, {
        name: '示例银行理财有限责任公司',
        kind: 'wealth_management',
        license_no: '银保监许可〔2026〕001号（演示）',
        custodian: '示例银行股份有限公司',
        created_at: now,
      })) ?? (await repo.listIssuers(trx)).find((i) => i.name === '示例银行理财有限责任公司')!;
    const fund =
      (await repo.insertIssuer(trx, {
        name: '示例基金管理有限公司',
        kind: 'fund',
        license_no: '证监许可〔2026〕002号（演示）',
        custodian: '示例证券股份有限公司',
        created_at: now,
      })) ?? (await repo.listIssuers(trx)).find((i) => i.name === '示例基金管理有限公司')!;
    const base = {
      sale_starts_at: new Date(now.getTime() - 86_400_000),
      sale_ends_at: new Date(now.getTime() + 365 * 86_400_000),
      status: 'on_sale' as const,
      created_at: now,
      updated_at: now,
    };
    const products = [
      {
        ...base,
        code: 'QZ-CASH-A',
        name: '现金管理A（活期）',
        issuer_id: fund.id,
        type: 'demand' as const,
        risk_level: 1,
        benchmark_bps: 180,
        term_min_days: null,
        term_max_days: null,
        min_amount: 100n,
        max_per_person: 50_000_000n,
        total_quota: 10_000_000_000n,
        t0_daily_limit: 1_000_000n,
        experience_allowed: true,
        disclosures: {
          underlyingAssets: '现金、期限在一年以内的银行存款、债券回购、中央银行票据、同业存单等货币市场工具',
          custodian: '示例证券股份有限公司',
          fees: '管理费 0.15%/年，托管费 0.05%/年，销售服务费 0.25%/年，均已在万份收益中扣除；申购赎回免费',
          riskWarning: RISK_WARNING,
        },
        contract_version: '2026-11',
      },
      {
        ...base,
        code: 'QZ-FIX-90',
        name: '稳健增利（90–180天）',
        issuer_id: bank.id,
        type: 'fixed' as const,
        risk_level: 2,
        benchmark_bps: 320,
        term_min_days: 90,
        term_max_days: 180,
        min_amount: 100_000n,
        max_per_person: 100_000_000n,
        total_quota: 5_000_000_000n,
        t0_daily_limit: 0n,
        experience_allowed: false,
        disclosures: {
          underlyingAssets: '以固定收益类资产为主（不低于80%），包括国债、政策性金融债、高等级信用债及同业存单',
          custodian: '示例银行股份有限公司',
          fees: '固定管理费 0.30%/年，托管费 0.02%/年，销售费 0.20%/年；超过业绩比较基准部分不收取业绩报酬',
          riskWarning: RISK_WARNING,
        },
        contract_version: '2026-11',
      },
      {
        ...base,
        code: 'QZ-BAL-365',
        name: '均衡配置一年持有',
        issuer_id: bank.id,
        type: 'fixed' as const,
        risk_level: 3,
        benchmark_bps: 420,
        term_min_days: 365,
        term_max_days: 365,
        min_amount: 100_000n,
        max_per_person: 50_000_000n,
        total_quota: 2_000_000_000n,
        t0_daily_limit: 0n,
        experience_allowed: false,
        disclosures: {
          underlyingAssets: '固定收益类资产 60%–80%，权益类资产 10%–30%（含股票及权益类基金），商品及金融衍生品不超过 10%',
          custodian: '示例银行股份有限公司',
          fees: '固定管理费 0.60%/年，托管费 0.03%/年，销售费 0.30%/年',
          riskWarning: RISK_WARNING,
        },
        contract_version: '2026-11',
      },
    ];
    let created = 0;
    for (const p of products) {
      const row = await repo.insertProduct(trx, p);
      if (!row) continue;
      created++;
      if (row.type === 'demand') {
        // A week of declared 万份收益 so the product page has history.
        for (let d = 7; d >= 1; d--) {
          await repo.declareYield(trx, {
            product_id: row.id,
            day: addDays(shanghaiDay(now), -d),
            per_10k_units: BigInt(4900 + ((d * 37) % 200)),
            declared_by: '发行机构接口（演示）',
            declared_at: now,
          });
        }
      }
    }
    return created;
  });
}

/** The demo's newbie-only product (新手专享, 7–30 days, ¥100 to ¥10,000 a person); once, by its code. */
export async function seedDemoNewbieProduct(deps: InvestingDeps): Promise<number> {
  const now = deps.clock.now();
  return transact(deps.db, async (trx) => {
    const bank = (await repo.listIssuers(trx)).find((i) => i.name === '示例银行理财有限责任公司');
    if (!bank) return 0;
    const row = await repo.insertProduct(trx, {
      code: 'QZ-NEW-7',
      name: '新手专享（7–30天）',
      issuer_id: bank.id,
      type: 'fixed',
      risk_level: 1,
      benchmark_bps: 450,
      term_min_days: 7,
      term_max_days: 30,
      min_amount: 10_000n,
      max_per_person: 1_000_000n,
      total_quota: 1_000_000_000n,
      t0_daily_limit: 0n,
      experience_allowed: false,
      newbie_only: true,
      sale_starts_at: new Date(now.getTime() - 86_400_000),
      sale_ends_at: new Date(now.getTime() + 365 * 86_400_000),
      status: 'on_sale',
      disclosures: {
        underlyingAssets: '同业存单、国债、政策性金融债等高流动性固定收益类资产（不低于90%）',
        custodian: '示例银行股份有限公司',
        fees: '固定管理费 0.10%/年，托管费 0.02%/年，不收取销售费',
        riskWarning: RISK_WARNING,
      },
      contract_version: '2026-11',
      created_at: now,
      updated_at: now,
    });
    return row ? 1 : 0;
  });
}
