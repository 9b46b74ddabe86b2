import { formatFen } from '@quanzi/web-kit';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { bpsText, compactFen, saleState } from './format';
import type { Product } from './invest-api';
import { NewbieOnlyTag, RiskTag, TypeTag, useTermText } from './product-tags';

/** One product in the list: who issues it, its risk, the benchmark (a reference, not a promise), term, minimum and what is left. */
export function ProductCard({ product: p }: { product: Product }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const termText = useTermText();
  const soldOut = saleState(p) === 'soldOut';
  return (
    <div
      className={`card product-card${soldOut ? ' product-card-off' : ''}`}
      role="link"
      tabIndex={0}
      onClick={() => navigate(`/products/${p.id}`)}
      onKeyDown={(e) => e.key === 'Enter' && navigate(`/products/${p.id}`)}
      data-testid={`product-card-${p.code}`}
    >
      <div className="product-card-head">
        <div className="product-name">{p.name}</div>
        <div className="product-tags">
          {p.newbieOnly && <NewbieOnlyTag />}
          <TypeTag type={p.type} />
          <RiskTag level={p.riskLevel} />
        </div>
      </div>
      <div className="muted">{p.issuer.name}</div>
      <div className="product-figures">
        <div>
          <div className="product-benchmark">{bpsText(p.benchmarkBps)}</div>
          <div className="hint-inline">{t('invest.benchmark')}</div>
        </div>
        <div>
          <div className="product-figure">{termText(p)}</div>
          <div className="hint-inline">{t('invest.term')}</div>
        </div>
        <div>
          <div className="product-figure">¥{formatFen(p.minAmount)}</div>
          <div className="hint-inline">{t('invest.minAmount')}</div>
        </div>
      </div>
      <div className="product-quota">
        {soldOut ? (
          <span className="sold-out">{t('invest.soldOut')}</span>
        ) : (
          t('invest.remaining', { amount: compactFen(p.remainingQuota, i18n.language) })
        )}
      </div>
    </div>
  );
}
