import { formatFen } from '@quanzi/web-kit';
import { Button } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { bpsText } from '../invest/format';
import { RiskTag } from '../invest/product-tags';
import type { Message } from './community-api';
import { buyLink } from './links';

type ProductCard = NonNullable<Message['product']>;

/**
 * A product shared by a member, with the figures read when the message was loaded: the benchmark
 * (a reference, never a promise), what is left to buy, its risk level and the issuer's risk warning
 * (风险提示). Whether it suits the reader is checked when they buy.
 */
export function ProductMessageCard({ product: p, groupId, messageId }: { product: ProductCard; groupId: string; messageId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = p.purchasable && p.remainingQuota !== '0';
  // The warning is clamped to a few lines; a tap shows all of it.
  const [full, setFull] = useState(false);
  return (
    <div className="chat-product" data-testid={`product-card-${p.id}`}>
      <div className="chat-product-head">
        <div className="chat-product-name">{p.name}</div>
        <RiskTag level={p.riskLevel} />
      </div>
      <div className="chat-product-rate" data-testid="product-card-benchmark">
        {bpsText(p.benchmarkBps)}
      </div>
      <div className="chat-product-caption">
        {t('circle.card.benchmark')} · {t('circle.card.notPromise')}
      </div>
      <div className="chat-product-quota" data-testid="product-card-remaining">
        {t('circle.card.remaining', { amount: formatFen(p.remainingQuota) })} ·{' '}
        {t('circle.card.minAmount', { amount: formatFen(p.minAmount) })}
      </div>
      <div
        className={full ? 'chat-product-risk full' : 'chat-product-risk'}
        role="button"
        tabIndex={0}
        aria-expanded={full}
        onClick={(e) => {
          e.stopPropagation();
          setFull(!full);
        }}
        data-testid="product-card-risk-warning"
      >
        <span className="chat-product-risk-text">
          <b>{t('circle.card.riskWarning')}</b>
          {p.riskWarning}
        </span>
      </div>
      <div className="chat-product-caption">{t('circle.card.suitability')}</div>
      <Button
        block
        size="small"
        color="primary"
        disabled={!open}
        onClick={(e) => {
          e.stopPropagation();
          navigate(buyLink(p.id, groupId, messageId));
        }}
        data-testid="product-card-invest"
      >
        {open ? t('circle.card.invest') : t('circle.card.unavailable')}
      </Button>
    </div>
  );
}
