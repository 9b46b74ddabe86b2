import { Alert, Button, Card, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { shanghaiTime } from '../../shared/finance';
import type { Issuer, IssuerKind } from '../../shared/investing-types';
import { LoadError } from '../../shared/load-error';
import { useOperator } from '../../shared/operator-context';
import { useLoad } from '../../shared/use-load';
import { IssuerForm } from './issuer-form';

const KIND_COLORS: Record<IssuerKind, string> = { wealth_management: 'blue', fund: 'cyan', insurance: 'purple', trust: 'gold' };

/** The licensed institutions whose products Quanzi distributes. */
export function IssuersPage() {
  const { t } = useTranslation();
  const operate = useOperator().can('finance.operate');
  const [adding, setAdding] = useState(false);
  const { data, error, loading, reload } = useLoad(() => api<{ items: Issuer[] }>('GET', '/investing/issuers'), []);

  return (
    <Card
      title={t('menu.issuers')}
      extra={
        <Space>
          <Button onClick={reload}>{t('finance.refresh')}</Button>
          {operate && (
            <Button type="primary" data-testid="new-issuer" onClick={() => setAdding(true)}>
              {t('issuers.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Alert type="info" showIcon message={t('issuers.note')} style={{ marginBottom: 16 }} />
      <LoadError error={error} onRetry={reload} />
      <Table<Issuer>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('issuers.empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { count: n }) }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('issuers.name'), dataIndex: 'name' },
          {
            title: t('issuers.kind'),
            dataIndex: 'kind',
            render: (v: IssuerKind) => <Tag color={KIND_COLORS[v]}>{t(`investing.issuerKind.${v}`)}</Tag>,
          },
          { title: t('issuers.licenseNo'), dataIndex: 'licenseNo' },
          { title: t('issuers.custodian'), dataIndex: 'custodian' },
          { title: t('issuers.createdAt'), dataIndex: 'createdAt', render: shanghaiTime },
        ]}
      />
      <IssuerForm open={adding} onClose={() => setAdding(false)} onSaved={reload} />
    </Card>
  );
}
