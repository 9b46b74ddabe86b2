import type { Page } from '@quanzi/contracts';
import { Alert, Button, Card, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { MemberLink, Money, ShortId, TwoLines, shanghaiTime } from '../../shared/finance';
import type { ConsoleWalletOrder } from '../../shared/finance-types';
import { LoadError } from '../../shared/load-error';
import { useOperator } from '../../shared/operator-context';
import { usePaging } from '../../shared/use-paging';
import { useLoad } from '../../shared/use-load';
import { ReviewModal, type Decision } from './review-modal';

/** The queue of withdrawals at or above the review threshold, oldest decisions first to the reviewer. */
export function WithdrawalReviewPage() {
  const { t } = useTranslation();
  const operate = useOperator().can('finance.operate');
  const { page, pageSize, pagination } = usePaging();
  const [target, setTarget] = useState<{ order: ConsoleWalletOrder; decision: Decision } | null>(null);
  const { data, error, loading, reload } = useLoad(
    () => api<Page<ConsoleWalletOrder>>('GET', `/wallet/orders?type=withdrawal&status=reviewing&page=${page}&pageSize=${pageSize}`),
    [page, pageSize],
  );

  return (
    <Card
      title={
        <Space>
          {t('menu.withdrawals')}
          {data && data.total > 0 && <Tag color="gold">{t('review.pending', { count: data.total })}</Tag>}
        </Space>
      }
      extra={<Button onClick={reload}>{t('finance.refresh')}</Button>}
    >
      <Alert type="info" showIcon message={t('review.queueNote')} style={{ marginBottom: 16 }} />
      {!operate && <Alert type="warning" showIcon message={t('finance.readOnly')} style={{ marginBottom: 16 }} />}
      <LoadError error={error} onRetry={reload} />
      <Table<ConsoleWalletOrder>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('review.empty') }}
        pagination={pagination(data?.total)}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('finance.orderId'), dataIndex: 'id', render: (v: string) => <ShortId id={v} /> },
          { title: t('finance.member'), dataIndex: 'memberId', render: (v: string) => <MemberLink id={v} /> },
          { title: t('finance.amount'), dataIndex: 'amount', align: 'right', render: (v: string) => <Money fen={v} strong /> },
          { title: t('finance.card'), render: (_, o) => <TwoLines first={o.bankName} second={o.cardMasked} /> },
          { title: t('review.requestedAt'), dataIndex: 'createdAt', render: shanghaiTime },
          ...(operate
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, o: ConsoleWalletOrder) => (
                    <Space>
                      <Button
                        size="small"
                        type="primary"
                        data-testid={`approve-${o.id}`}
                        onClick={() => setTarget({ order: o, decision: 'approve' })}
                      >
                        {t('review.approve')}
                      </Button>
                      <Button
                        size="small"
                        danger
                        data-testid={`reject-${o.id}`}
                        onClick={() => setTarget({ order: o, decision: 'reject' })}
                      >
                        {t('review.reject')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ReviewModal target={target} onClose={() => setTarget(null)} onChanged={reload} />
    </Card>
  );
}
