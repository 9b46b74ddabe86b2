import { formatFen } from '@quanzi/web-kit';
import { Button, List, Result } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { PurchaseResponse } from './invest-api';

/** The holding the purchase created: from when it earns (T+1 起息) and, for a fixed term, when it matures. */
export function BuyResult({ result }: { result: PurchaseResponse }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const h = result.holding;
  return (
    <div data-testid="buy-result">
      <Result
        status="success"
        title={t('invest.buy.successTitle')}
        description={h.product.name}
        style={{ borderRadius: 12, marginBottom: 12 }}
      />
      <div className="card" style={{ padding: 0, overflow: 'hidden' }}>
        <List>
          <List.Item extra={`¥${formatFen(h.principal)}`}>{t('invest.buy.resultAmount')}</List.Item>
          <List.Item extra={t(`invest.fundedBy.${h.fundedBy}`)}>{t('invest.buy.fundedBy')}</List.Item>
          <List.Item extra={<span data-testid="buy-result-value-date">{h.valueDate}</span>} description={t('invest.valueDateNote')}>
            {t('invest.valueDate')}
          </List.Item>
          {h.maturityDate && (
            <List.Item extra={<span data-testid="buy-result-maturity">{h.maturityDate}</span>}>{t('invest.maturityDate')}</List.Item>
          )}
          {h.termDays !== null && <List.Item extra={t('invest.termDays', { days: h.termDays })}>{t('invest.term')}</List.Item>}
          {h.estimatedReturn !== null && (
            <List.Item extra={`¥${formatFen(h.estimatedReturn)}`} description={t('invest.estimateNote')}>
              {t('invest.estimated')}
            </List.Item>
          )}
          <List.Item extra={<span className="mono">{result.orderId.slice(0, 8)}</span>}>{t('invest.orderNo')}</List.Item>
        </List>
      </div>
      <Button
        block
        color="primary"
        size="large"
        onClick={() => navigate(`/holdings/${h.id}`, { replace: true })}
        data-testid="buy-view-holding"
      >
        {t('invest.buy.viewHolding')}
      </Button>
      <Button
        block
        size="large"
        style={{ marginTop: 12 }}
        onClick={() => navigate('/invest', { replace: true })}
        data-testid="buy-back-to-invest"
      >
        {t('invest.buy.backToInvest')}
      </Button>
    </div>
  );
}
