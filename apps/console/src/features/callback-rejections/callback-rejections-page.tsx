import type { Page } from '@quanzi/contracts';
import { Alert, Button, Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { shanghaiTime } from '../../shared/finance';
import type { CallbackRejection } from '../../shared/finance-types';
import { LoadError } from '../../shared/load-error';
import { usePaging } from '../../shared/use-paging';
import { useLoad } from '../../shared/use-load';

/** Gateway callbacks refused before they touched any order (bad signature…), newest first. */
export function CallbackRejectionsPage() {
  const { t } = useTranslation();
  const { page, pageSize, pagination } = usePaging();
  const { data, error, loading, reload } = useLoad(
    () => api<Page<CallbackRejection>>('GET', `/wallet/callback-rejections?page=${page}&pageSize=${pageSize}`),
    [page, pageSize],
  );
  return (
    <Card title={t('menu.callbackRejections')} extra={<Button onClick={reload}>{t('finance.refresh')}</Button>}>
      <Alert type="info" showIcon message={t('rejections.note')} style={{ marginBottom: 16 }} />
      <LoadError error={error} onRetry={reload} />
      <Table<CallbackRejection>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('rejections.empty') }}
        pagination={pagination(data?.total)}
        expandable={{
          expandedRowRender: (r) => <pre className="json">{JSON.stringify(r.params, null, 2)}</pre>,
        }}
        columns={[
          { title: t('rejections.time'), dataIndex: 'receivedAt', render: shanghaiTime, width: 200 },
          {
            title: t('rejections.reason'),
            dataIndex: 'reason',
            render: (v: string) => <Tag color="red">{t(`rejections.reasons.${v}`, { defaultValue: v })}</Tag>,
          },
          { title: 'IP', dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
          {
            title: t('rejections.params'),
            dataIndex: 'params',
            ellipsis: true,
            render: (v: unknown) => <code style={{ fontSize: 12 }}>{JSON.stringify(v)}</code>,
          },
        ]}
      />
    </Card>
  );
}
