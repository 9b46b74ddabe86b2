import { Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Money, shanghaiTime } from '../../shared/finance';
import { Benchmark, ProductStatusTag, ProductTypeTag, RiskTag, useTermRange } from '../../shared/investing';
import type { Product } from '../../shared/investing-types';

/** Every field of a product as finance defined it. */
export function ProductFacts({ product: p }: { product: Product }) {
  const { t } = useTranslation();
  const termRange = useTermRange();
  const demand = p.type === 'demand';
  return (
    <Descriptions
      size="small"
      column={2}
      bordered
      items={[
        { key: 'code', label: t('products.code'), children: <Typography.Text code>{p.code}</Typography.Text> },
        {
          key: 'status',
          label: t('finance.statusLabel'),
          children: (
            <>
              <ProductStatusTag status={p.status} />
              {p.purchasable ? <Tag color="green">{t('products.purchasable')}</Tag> : <Tag>{t('products.notPurchasable')}</Tag>}
            </>
          ),
        },
        { key: 'issuer', label: t('products.issuer'), children: `${p.issuer.name}（${t(`investing.issuerKind.${p.issuer.kind}`)}）` },
        { key: 'issuerCustodian', label: t('issuers.custodian'), children: p.issuer.custodian },
        { key: 'type', label: t('products.type'), children: <ProductTypeTag type={p.type} /> },
        { key: 'risk', label: t('products.risk'), children: <RiskTag level={p.riskLevel} /> },
        { key: 'benchmark', label: t('investing.benchmark'), children: <Benchmark bps={p.benchmarkBps} /> },
        { key: 'term', label: t('products.term'), children: demand ? t('products.noTerm') : termRange(p) },
        { key: 'min', label: t('products.minAmount'), children: <Money fen={p.minAmount} /> },
        { key: 'perPerson', label: t('products.maxPerPerson'), children: <Money fen={p.maxPerPerson} /> },
        { key: 'quota', label: t('products.totalQuota'), children: <Money fen={p.totalQuota} /> },
        { key: 'remaining', label: t('products.remainingQuota'), children: <Money fen={p.remainingQuota} strong /> },
        ...(demand
          ? [
              { key: 't0', label: t('products.t0DailyLimit'), children: <Money fen={p.t0DailyLimit} /> },
              {
                key: 'experience',
                label: t('products.experienceAllowed'),
                children: p.experienceAllowed ? <Tag color="magenta">{t('products.allowed')}</Tag> : <Tag>{t('products.notAllowed')}</Tag>,
              },
              {
                key: 'yield',
                label: t('products.latestYield'),
                children: p.latestYieldPer10k ? `${p.latestYieldPer10k.value} ${t('yields.unit')}（${p.latestYieldPer10k.day}）` : '—',
              },
            ]
          : []),
        {
          key: 'newbieOnly',
          label: t('products.newbieOnly'),
          children: p.newbieOnly ? <Tag color="red">{t('products.newbieOnly')}</Tag> : <Tag>{t('products.notAllowed')}</Tag>,
        },
        { key: 'starts', label: t('products.saleStartsAt'), children: shanghaiTime(p.saleStartsAt) },
        { key: 'ends', label: t('products.saleEndsAt'), children: shanghaiTime(p.saleEndsAt) },
        { key: 'contract', label: t('products.contractVersion'), children: p.contractVersion },
      ]}
    />
  );
}

/** The texts the member reads before buying. */
export function ProductDisclosures({ product: p }: { product: Product }) {
  const { t } = useTranslation();
  const text = (v: string) => <div style={{ whiteSpace: 'pre-wrap' }}>{v}</div>;
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      labelStyle={{ width: 160 }}
      items={[
        { key: 'assets', label: t('products.underlyingAssets'), children: text(p.disclosures.underlyingAssets) },
        { key: 'custodian', label: t('products.custodian'), children: text(p.disclosures.custodian) },
        { key: 'fees', label: t('products.fees'), children: text(p.disclosures.fees) },
        { key: 'risk', label: t('products.riskWarning'), children: text(p.disclosures.riskWarning) },
        { key: 'contract', label: t('products.contractUrl'), children: p.disclosures.contractUrl || '—' },
      ]}
    />
  );
}
