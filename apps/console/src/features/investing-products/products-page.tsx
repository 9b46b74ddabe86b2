import type { Page } from '@quanzi/contracts';
import { ProductStatus as StatusSchema } from '@quanzi/contracts';
import { Alert, Button, Card, Form, Select, Space, Table, Typography, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api';
import { Money, TwoLines } from '../../shared/finance';
import { Benchmark, ProductStatusTag, ProductTypeTag, RiskTag, shanghaiMinute, useTermRange } from '../../shared/investing';
import type { Product, ProductStatus, ProductType } from '../../shared/investing-types';
import { LoadError } from '../../shared/load-error';
import { useOperator } from '../../shared/operator-context';
import { usePaging } from '../../shared/use-paging';
import { useLoad } from '../../shared/use-load';
import { NewProductDrawer } from './new-product-drawer';
import { ProductActions } from './product-actions';
import { ProductStatusModal, type StatusTarget } from './product-status-modal';

interface Filters {
  status?: ProductStatus;
  type?: ProductType;
}

/** The whole catalogue, any state: finance defines products as drafts, puts them on sale and closes them. */
export function ProductsPage() {
  const { t } = useTranslation();
  const operate = useOperator().can('finance.operate');
  const termRange = useTermRange();
  const [filters, setFilters] = useState<Filters>({});
  const { page, pageSize, setPage, pagination } = usePaging();
  const [creating, setCreating] = useState(false);
  const [changing, setChanging] = useState<StatusTarget | null>(null);

  const query = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  if (filters.status) query.set('status', filters.status);
  if (filters.type) query.set('type', filters.type);
  const qs = query.toString();
  const { data, error, loading, reload } = useLoad(() => api<Page<Product>>('GET', `/investing/products?${qs}`), [qs]);

  return (
    <Card
      title={t('menu.products')}
      extra={
        <Space>
          <Button onClick={reload}>{t('finance.refresh')}</Button>
          {operate && (
            <Button type="primary" data-testid="new-product" onClick={() => setCreating(true)}>
              {t('products.create')}
            </Button>
          )}
        </Space>
      }
    >
      {!operate && <Alert type="warning" showIcon message={t('investing.readOnly')} style={{ marginBottom: 16 }} />}
      <Form<Filters>
        layout="inline"
        onFinish={(v) => {
          setPage(1);
          setFilters(v);
        }}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="status">
          <Select
            data-testid="products-filter-status"
            allowClear
            placeholder={t('products.allStatuses')}
            style={{ width: 140 }}
            options={StatusSchema.options.map((v) => ({ value: v, label: t(`investing.status.${v}`) }))}
          />
        </Form.Item>
        <Form.Item name="type">
          <Select
            data-testid="products-filter-type"
            allowClear
            placeholder={t('products.allTypes')}
            style={{ width: 140 }}
            options={(['demand', 'fixed'] as const).map((v) => ({ value: v, label: t(`investing.type.${v}`) }))}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" data-testid="products-search">
            {t('finance.search')}
          </Button>
        </Form.Item>
      </Form>
      <LoadError error={error} onRetry={reload} />
      <Table<Product>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('products.empty') }}
        pagination={pagination(data?.total)}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('products.code'),
            dataIndex: 'code',
            render: (v: string, p) => (
              <Link
                to={`/investing/products/${p.id}`}
                data-testid={`product-${p.id}`}
                style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}
              >
                {v}
              </Link>
            ),
          },
          {
            title: t('products.name'),
            dataIndex: 'name',
            render: (v: string, p) => <TwoLines first={<Link to={`/investing/products/${p.id}`}>{v}</Link>} second={p.issuer.name} />,
          },
          {
            title: t('products.typeAndTerm'),
            dataIndex: 'type',
            render: (v: ProductType, p) => (
              <TwoLines first={<ProductTypeTag type={v} />} second={v === 'fixed' ? termRange(p) : t('products.noTerm')} />
            ),
          },
          { title: t('products.risk'), dataIndex: 'riskLevel', render: (v: number) => <RiskTag level={v} /> },
          { title: t('investing.benchmark'), dataIndex: 'benchmarkBps', align: 'right', render: (v: number) => <Benchmark bps={v} /> },
          {
            title: t('products.minAndPerPerson'),
            key: 'limits',
            align: 'right',
            render: (_, p) => <TwoLines first={<Money fen={p.minAmount} />} second={<Money fen={p.maxPerPerson} />} />,
          },
          {
            title: t('products.quotaAndRemaining'),
            key: 'quota',
            align: 'right',
            render: (_, p) => <TwoLines first={<Money fen={p.totalQuota} />} second={<Money fen={p.remainingQuota} />} />,
          },
          {
            title: t('products.salesWindow'),
            key: 'window',
            render: (_, p) => <TwoLines first={shanghaiMinute(p.saleStartsAt)} second={shanghaiMinute(p.saleEndsAt)} />,
          },
          {
            title: t('finance.statusLabel'),
            dataIndex: 'status',
            render: (v: ProductStatus, p) => (
              <TwoLines
                first={<ProductStatusTag status={v} />}
                second={
                  v === 'on_sale' && !p.purchasable ? (
                    <Typography.Text type="warning" style={{ fontSize: 12 }}>
                      {t('products.outsideWindow')}
                    </Typography.Text>
                  ) : null
                }
              />
            ),
          },
          ...(operate
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  fixed: 'right' as const,
                  render: (_: unknown, p: Product) => <ProductActions product={p} onChange={setChanging} />,
                },
              ]
            : []),
        ]}
      />
      <NewProductDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(p) => {
          void message.success(t('products.created', { code: p.code }));
          void reload();
        }}
      />
      <ProductStatusModal target={changing} onClose={() => setChanging(null)} onChanged={reload} />
    </Card>
  );
}
