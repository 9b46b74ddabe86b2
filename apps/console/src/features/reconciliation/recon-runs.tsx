import type { Page } from '@quanzi/contracts';
import { Button, Card, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { shanghaiTime } from '../../shared/finance';
import type { ReconRun } from '../../shared/finance-types';
import { LoadError } from '../../shared/load-error';
import { useOperator } from '../../shared/operator-context';
import { usePaging } from '../../shared/use-paging';
import { useLoad } from '../../shared/use-load';
import { RunReconModal } from './run-recon-modal';

interface Props {
  /** A run finished for this day: show its differences. */
  onRan(billDate: string): void;
  onShowItems(billDate: string): void;
}

export function ReconRuns({ onRan, onShowItems }: Props) {
  const { t } = useTranslation();
  const operate = useOperator().can('finance.operate');
  const { page, pageSize, pagination } = usePaging(10);
  const [open, setOpen] = useState(false);
  const { data, error, loading, reload } = useLoad(
    () => api<Page<ReconRun>>('GET', `/wallet/reconciliation/runs?page=${page}&pageSize=${pageSize}`),
    [page, pageSize],
  );

  return (
    <Card
      title={t('recon.runs')}
      extra={
        <Space>
          <Button onClick={reload}>{t('finance.refresh')}</Button>
          {operate && (
            <Button type="primary" data-testid="run-recon" onClick={() => setOpen(true)}>
              {t('recon.run')}
            </Button>
          )}
        </Space>
      }
    >
      <LoadError error={error} onRetry={reload} />
      <Table<ReconRun>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('recon.runsEmpty') }}
        pagination={pagination(data?.total)}
        columns={[
          { title: t('recon.billDate'), dataIndex: 'billDate' },
          { title: t('recon.billLines'), dataIndex: 'billLines', align: 'right' },
          { title: t('recon.matched'), dataIndex: 'matched', align: 'right' },
          {
            title: t('recon.mismatches'),
            dataIndex: 'mismatches',
            align: 'right',
            render: (v: number) => <Tag color={v > 0 ? 'red' : 'green'}>{v}</Tag>,
          },
          { title: t('recon.ranAt'), dataIndex: 'ranAt', render: shanghaiTime },
          { title: t('recon.ranBy'), dataIndex: 'ranBy' },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, r) => (
              <Button size="small" type="link" onClick={() => onShowItems(r.billDate)}>
                {t('recon.viewItems')}
              </Button>
            ),
          },
        ]}
      />
      <RunReconModal
        open={open}
        onClose={() => setOpen(false)}
        onRan={(day) => {
          void reload();
          onRan(day);
        }}
      />
    </Card>
  );
}
