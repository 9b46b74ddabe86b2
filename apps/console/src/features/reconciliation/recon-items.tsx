import type { Page } from '@quanzi/contracts';
import { Button, Card, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { Money, ShortId, shanghaiTime } from '../../shared/finance';
import type { ReconItem } from '../../shared/finance-types';
import { LoadError } from '../../shared/load-error';
import { useOperator } from '../../shared/operator-context';
import { usePaging } from '../../shared/use-paging';
import { useLoad } from '../../shared/use-load';
import { ResolveItemModal } from './resolve-item-modal';

export interface ItemFilter {
  status?: 'open' | 'resolved';
  billDate?: string;
}

const PROBLEM_COLORS: Record<ReconItem['problem'], string> = {
  missing_in_bill: 'orange',
  missing_in_orders: 'red',
  amount_mismatch: 'volcano',
};

/** Differences found by reconciliation; the page remounts this when the filter changes, which resets paging. */
export function ReconItems({ filter, onFilter }: { filter: ItemFilter; onFilter(f: ItemFilter): void }) {
  const { t } = useTranslation();
  const operate = useOperator().can('finance.operate');
  const { page, pageSize, pagination } = usePaging();
  const [resolving, setResolving] = useState<ReconItem | null>(null);
  const query = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  if (filter.status) query.set('status', filter.status);
  if (filter.billDate) query.set('billDate', filter.billDate);
  const qs = query.toString();
  const { data, error, loading, reload } = useLoad(() => api<Page<ReconItem>>('GET', `/wallet/reconciliation/items?${qs}`), [qs]);

  return (
    <Card
      title={t('recon.items')}
      extra={
        <Space wrap>
          <Select
            data-testid="recon-filter-status"
            allowClear
            placeholder={t('recon.allStatuses')}
            style={{ width: 130 }}
            value={filter.status}
            onChange={(status?: 'open' | 'resolved') => onFilter({ ...filter, status })}
            options={(['open', 'resolved'] as const).map((v) => ({ value: v, label: t(`recon.itemStatus.${v}`) }))}
          />
          <DatePicker
            data-testid="recon-filter-date"
            placeholder={t('recon.allDates')}
            value={filter.billDate ? dayjs(filter.billDate) : null}
            onChange={(d) => onFilter({ ...filter, billDate: d ? d.format('YYYY-MM-DD') : undefined })}
          />
          <Button onClick={reload}>{t('finance.refresh')}</Button>
        </Space>
      }
    >
      <LoadError error={error} onRetry={reload} />
      <Table<ReconItem>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('recon.itemsEmpty') }}
        pagination={pagination(data?.total)}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('recon.billDate'), dataIndex: 'billDate' },
          {
            title: t('recon.problem'),
            dataIndex: 'problem',
            render: (v: ReconItem['problem']) => <Tag color={PROBLEM_COLORS[v]}>{t(`recon.problems.${v}`)}</Tag>,
          },
          { title: t('finance.orderId'), dataIndex: 'orderId', render: (v: string | null) => (v ? <ShortId id={v} /> : '—') },
          { title: t('finance.gatewayRef'), dataIndex: 'gatewayRef', render: (v: string | null) => v ?? '—' },
          { title: t('recon.ourAmount'), dataIndex: 'ourAmount', align: 'right', render: (v: string | null) => <Money fen={v} /> },
          { title: t('recon.billAmount'), dataIndex: 'billAmount', align: 'right', render: (v: string | null) => <Money fen={v} /> },
          {
            title: t('finance.statusLabel'),
            dataIndex: 'status',
            render: (v: ReconItem['status']) => <Tag color={v === 'open' ? 'orange' : 'green'}>{t(`recon.itemStatus.${v}`)}</Tag>,
          },
          {
            title: t('recon.resolution'),
            key: 'resolution',
            render: (_, i) =>
              i.resolution ? (
                <div style={{ maxWidth: 280 }}>
                  <div>{t(`recon.resolutions.${i.resolution}`, { defaultValue: i.resolution })}</div>
                  {i.note && <Typography.Text type="secondary">{i.note}</Typography.Text>}
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {i.resolvedBy} · {shanghaiTime(i.resolvedAt)}
                    </Typography.Text>
                  </div>
                </div>
              ) : (
                '—'
              ),
          },
          ...(operate
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, i: ReconItem) =>
                    i.status === 'open' && (
                      <Button size="small" type="primary" data-testid={`resolve-item-${i.id}`} onClick={() => setResolving(i)}>
                        {t('recon.resolve')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <ResolveItemModal item={resolving} onClose={() => setResolving(null)} onChanged={reload} />
    </Card>
  );
}
