import { Button, Card, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../shared/api';
import { ProductStatusTag } from '../../shared/investing';
import type { Product } from '../../shared/investing-types';
import { LoadError } from '../../shared/load-error';
import { useOperator } from '../../shared/operator-context';
import { useLoad } from '../../shared/use-load';
import { FixedReturnCard } from './fixed-return-card';
import { NewbieOnlyButton } from './newbie-only-button';
import { ProductActions } from './product-actions';
import { ProductDisclosures, ProductFacts } from './product-facts';
import { ProductStatusModal, type StatusTarget } from './product-status-modal';
import { YieldsCard } from './yields-card';

/** One product: its terms and disclosures, and what finance declares for it (万份收益 or the actual return at maturity). */
export function ProductDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const operate = useOperator().can('finance.operate');
  const { data: p, error, loading, reload } = useLoad(() => api<Product>('GET', `/investing/products/${id}`), [id]);
  const [changing, setChanging] = useState<StatusTarget | null>(null);
  const back = <Link to="/investing/products">{t('common.back')}</Link>;

  if (!p) {
    return (
      <Card>
        {loading ? <Skeleton active /> : <LoadError error={error} onRetry={reload} />}
        {!loading && back}
      </Card>
    );
  }
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            {p.name}
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {p.code}
            </Typography.Text>
            <ProductStatusTag status={p.status} />
          </Space>
        }
        extra={
          <Space>
            <Button onClick={reload} loading={loading}>
              {t('finance.refresh')}
            </Button>
            {operate && <ProductActions product={p} onChange={setChanging} />}
            {operate && p.status !== 'closed' && <NewbieOnlyButton product={p} onChanged={reload} />}
            <Link to={`/investing/orders?productId=${p.id}`}>{t('productDetail.orders')}</Link>
            <Link to={`/investing/holdings?productId=${p.id}`}>{t('productDetail.holdings')}</Link>
            {back}
          </Space>
        }
      >
        <LoadError error={error} onRetry={reload} />
        <ProductFacts product={p} />
      </Card>
      <Card title={t('productDetail.disclosures')}>
        <ProductDisclosures product={p} />
      </Card>
      {p.type === 'demand' ? <YieldsCard product={p} onDeclared={reload} /> : <FixedReturnCard product={p} />}
      <ProductStatusModal target={changing} onClose={() => setChanging(null)} onChanged={reload} />
    </Space>
  );
}
