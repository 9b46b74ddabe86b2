import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { FundedBy, HoldingStatus, ProductStatus, ProductType } from './investing-types';
import { shanghaiTime } from './finance';
import { formatBps } from './rates';

const STATUS_COLORS: Record<ProductStatus, string> = { draft: 'default', on_sale: 'green', sold_out: 'orange', closed: 'default' };
const HOLDING_COLORS: Record<HoldingStatus, string> = { holding: 'processing', matured: 'green', redeemed: 'default', expired: 'default' };
const RISK_COLORS = ['default', 'green', 'cyan', 'gold', 'orange', 'red'];

export function ProductStatusTag({ status }: { status: ProductStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`investing.status.${status}`)}</Tag>;
}

export function ProductTypeTag({ type }: { type: ProductType }) {
  const { t } = useTranslation();
  return <Tag color={type === 'demand' ? 'cyan' : 'geekblue'}>{t(`investing.type.${type}`)}</Tag>;
}

/** R1–R5 with its name; the description on hover. */
export function RiskTag({ level }: { level: number }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`investing.riskHint.R${level}`)}>
      <Tag color={RISK_COLORS[level] ?? 'default'} style={{ whiteSpace: 'nowrap' }}>
        R{level} {t(`investing.risk.R${level}`)}
      </Tag>
    </Tooltip>
  );
}

export function FundedByTag({ fundedBy }: { fundedBy: FundedBy }) {
  const { t } = useTranslation();
  return <Tag color={fundedBy === 'cash' ? 'blue' : 'magenta'}>{t(`investing.fundedBy.${fundedBy}`)}</Tag>;
}

export function HoldingStatusTag({ status }: { status: HoldingStatus }) {
  const { t } = useTranslation();
  return <Tag color={HOLDING_COLORS[status]}>{t(`investing.holdingStatus.${status}`)}</Tag>;
}

const SOURCE_KINDS = ['group', 'campaign', 'push'] as const;

/** Where a purchase came from: `group:<id>:message:<id>` → 群聊卡片, `campaign:…` → 活动, `push:…` → 推送; the raw value on hover. */
export function SourceTag({ source }: { source: string | null }) {
  const { t } = useTranslation();
  if (!source) return <Typography.Text type="secondary">{t('investing.source.direct')}</Typography.Text>;
  const kind = SOURCE_KINDS.find((k) => source.startsWith(`${k}:`));
  return (
    <Tooltip title={source}>
      <Tag color={kind ? 'purple' : 'default'}>{kind ? t(`investing.source.${kind}`) : source}</Tag>
    </Tooltip>
  );
}

/** 业绩比较基准: a reference, so it is labelled and never called a return. */
export function Benchmark({ bps }: { bps: number }) {
  return <Typography.Text className="money">{formatBps(bps)}</Typography.Text>;
}

/** "90–180 天", "365 天", or "—" for demand products. */
export function useTermRange() {
  const { t } = useTranslation();
  return (p: { termMinDays: number | null; termMaxDays: number | null }): string => {
    if (p.termMinDays === null || p.termMaxDays === null) return '—';
    const days = p.termMinDays === p.termMaxDays ? String(p.termMinDays) : `${p.termMinDays}–${p.termMaxDays}`;
    return t('investing.days', { days });
  };
}

export function ProductLink({ id, name }: { id: string; name: string }) {
  return (
    <Link to={`/investing/products/${id}`} style={{ whiteSpace: 'nowrap' }}>
      {name}
    </Link>
  );
}

/** China time to the minute ("2026/11/25 09:30"): sales windows need no seconds. */
export const shanghaiMinute = (iso: string): string => shanghaiTime(iso).replace(/:\d{2}$/, '');
