import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import type { DeclaredYield, Product } from '../../shared/investing-types';
import { LoadError } from '../../shared/load-error';
import { useOperator } from '../../shared/operator-context';
import { formatBps, per10kToAnnualBps } from '../../shared/rates';
import { useLoad } from '../../shared/use-load';
import { DeclareYieldForm } from './declare-yield-form';

/** A demand product's declared 万份收益, newest first, and the form to declare or correct one. */
export function YieldsCard({ product, onDeclared }: { product: Product; onDeclared(): void }) {
  const { t } = useTranslation();
  const operate = useOperator().can('finance.operate');
  const { data, error, loading, reload } = useLoad(
    () => api<{ items: DeclaredYield[] }>('GET', `/investing/products/${product.id}/yields`),
    [product.id],
  );
  const items = data?.items ?? [];

  return (
    <Card title={t('yields.title')} extra={<Button onClick={reload}>{t('finance.refresh')}</Button>}>
      <Alert type="info" showIcon message={t('yields.hint')} style={{ marginBottom: 16 }} />
      {operate ? (
        <DeclareYieldForm
          product={product}
          declared={items}
          onDeclared={() => {
            void reload();
            onDeclared();
          }}
        />
      ) : (
        <Alert type="warning" showIcon message={t('investing.readOnly')} style={{ marginBottom: 16 }} />
      )}
      <LoadError error={error} onRetry={reload} />
      <Table<DeclaredYield>
        rowKey="day"
        size="small"
        loading={loading}
        dataSource={items}
        locale={{ emptyText: t('yields.empty') }}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (n) => t('common.total', { count: n }) }}
        columns={[
          { title: t('yields.day'), dataIndex: 'day' },
          {
            title: t('yields.per10k'),
            dataIndex: 'per10k',
            align: 'right',
            render: (v: string) => (
              <Typography.Text strong className="money">
                {v}
              </Typography.Text>
            ),
          },
          {
            title: t('yields.annualised'),
            key: 'annualised',
            align: 'right',
            render: (_, y) => {
              const bps = per10kToAnnualBps(y.per10k);
              return bps === null ? '—' : <Typography.Text type="secondary">≈ {formatBps(bps)}</Typography.Text>;
            },
          },
          { title: t('yields.declaredBy'), dataIndex: 'declaredBy' },
          {
            title: t('yields.credited'),
            dataIndex: 'credited',
            render: (v: boolean) =>
              v ? <Tag color="green">{t('yields.creditedTag')}</Tag> : <Tag color="gold">{t('yields.pendingTag')}</Tag>,
          },
        ]}
      />
    </Card>
  );
}
