import { RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { bpsText } from '../invest/format';
import { RiskTag } from '../invest/product-tags';
import type { ThreadDetail } from './forum-api';

/** The products a thread is tagged with, each opening its product page; the benchmark is a reference, not a promise. */
export function ProductLinks({ products }: { products: ThreadDetail['products'] }) {
  const { t } = useTranslation();
  if (!products.length) return null;
  return (
    <div className="forum-products" data-testid="thread-products">
      {products.map((p) => (
        <Link key={p.id} to={`/products/${encodeURIComponent(p.id)}`} className="forum-product" data-testid={`thread-product-${p.id}`}>
          <span className="forum-product-main">
            <span className="forum-product-name">{p.name}</span>
            <span className="forum-product-rate">
              {t('forum.product.benchmark')} <b>{bpsText(p.benchmarkBps)}</b>
            </span>
          </span>
          <RiskTag level={p.riskLevel} />
          <RightOutline color="#999" />
          <span className="forum-product-risk" data-testid={`thread-product-risk-${p.id}`}>
            <b>{t('forum.product.riskWarning')}</b>
            {p.riskWarning}
          </span>
        </Link>
      ))}
      <p className="forum-product-note">{t('forum.product.note')}</p>
    </div>
  );
}
