import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { shanghaiDate } from '../suitability/levels';
import type { SaleState } from './format';
import type { Product, ProductType } from './invest-api';

const RISK_COLOR = ['', '#00b578', '#1677ff', '#ff8f1f', '#fa541c', '#ff3141'];

export function TypeTag({ type }: { type: ProductType }) {
  const { t } = useTranslation();
  return (
    <Tag color="primary" fill="outline">
      {t(`invest.type.${type}`)}
    </Tag>
  );
}

/** 新手专享: only members who never invested may buy it. */
export function NewbieOnlyTag() {
  const { t } = useTranslation();
  return (
    <Tag color="danger" fill="solid" data-testid="newbie-only-tag">
      {t('invest.newbieOnly')}
    </Tag>
  );
}

/** R1 低风险 … R5 高风险, coloured from calm to alarming. */
export function RiskTag({ level }: { level: number }) {
  const { t } = useTranslation();
  return (
    <Tag color={RISK_COLOR[level]} fill="outline">
      R{level} {t(`invest.risk.R${level}`)}
    </Tag>
  );
}

/** 定期: "90–180 天" or "365 天"; 活期: flexible. */
export function useTermText() {
  const { t } = useTranslation();
  return (p: Pick<Product, 'type' | 'termMinDays' | 'termMaxDays'>) => {
    if (p.type === 'demand' || p.termMinDays === null || p.termMaxDays === null) return t('invest.demandTerm');
    return p.termMinDays === p.termMaxDays
      ? t('invest.termDays', { days: p.termMinDays })
      : t('invest.termRange', { min: p.termMinDays, max: p.termMaxDays });
  };
}

/** The reason shown instead of 立即投资 when the product cannot be bought. */
export function useSaleReason() {
  const { t } = useTranslation();
  return (p: Product, state: SaleState) =>
    state === 'notStarted' ? t('invest.saleNotStarted', { date: shanghaiDate(p.saleStartsAt) }) : t(`invest.sale.${state}`);
}
