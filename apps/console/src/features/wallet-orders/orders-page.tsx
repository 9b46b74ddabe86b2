import type { Page } from '@quanzi/contracts';
import { WalletOrderStatus as StatusSchema } from '@quanzi/contracts';
import { Button, Card, Form, Input, Select, Space, Table, Typography, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api, errorMessage } from '../../shared/api';
import { MemberLink, Money, OrderStatusTag, OrderTypeTag, ShortId, TwoLines, shanghaiTime } from '../../shared/finance';
import type { ConsoleWalletOrder, WalletOrderStatus } from '../../shared/finance-types';
import { formatMoney } from '../../shared/money';
import { LoadError } from '../../shared/load-error';
import { useOperator } from '../../shared/operator-context';
import { usePaging } from '../../shared/use-paging';
import { useLoad } from '../../shared/use-load';
import { HeldTopUpModal } from './held-top-up-modal';
import { RefundModal } from './refund-modal';
import { OrderDetails } from './order-details';

interface Filters {
  type?: 'top_up' | 'withdrawal';
  status?: WalletOrderStatus;
  memberId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Orders still waiting on the gateway: asking it now may move them on. */
const QUERYABLE: WalletOrderStatus[] = ['pending', 'paying'];

export function OrdersPage() {
  const { t } = useTranslation();
  const operate = useOperator().can('finance.operate');
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<Filters>({ memberId: params.get('memberId') ?? undefined });
  const { page, pageSize, setPage, pagination } = usePaging();
  const [querying, setQuerying] = useState<string>();
  const [held, setHeld] = useState<ConsoleWalletOrder | null>(null);
  const [refunding, setRefunding] = useState<ConsoleWalletOrder | null>(null);

  const query = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  if (filters.type) query.set('type', filters.type);
  if (filters.status) query.set('status', filters.status);
  if (filters.memberId) query.set('memberId', filters.memberId.trim());
  const qs = query.toString();
  const { data, error, loading, reload } = useLoad(() => api<Page<ConsoleWalletOrder>>('GET', `/wallet/orders?${qs}`), [qs]);

  const ask = async (order: ConsoleWalletOrder) => {
    setQuerying(order.id);
    try {
      const res = await api<{ outcome: string }>('POST', `/wallet/orders/${order.id}/query`);
      void message.success(t('orders.queryDone', { outcome: t(`orders.outcomes.${res.outcome}`, { defaultValue: res.outcome }) }));
      await reload();
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setQuerying(undefined);
    }
  };

  return (
    <Card title={t('menu.orders')} extra={<Button onClick={reload}>{t('finance.refresh')}</Button>}>
      <Form<Filters>
        layout="inline"
        initialValues={filters}
        onFinish={(v) => {
          setPage(1);
          setFilters({ ...v, memberId: v.memberId?.trim() || undefined });
        }}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="type">
          <Select
            data-testid="orders-filter-type"
            allowClear
            placeholder={t('orders.typeFilter')}
            style={{ width: 130 }}
            options={(['top_up', 'withdrawal'] as const).map((v) => ({ value: v, label: t(`finance.type.${v}`) }))}
          />
        </Form.Item>
        <Form.Item name="status">
          <Select
            data-testid="orders-filter-status"
            allowClear
            placeholder={t('orders.statusFilter')}
            style={{ width: 150 }}
            options={StatusSchema.options.map((v) => ({ value: v, label: t(`finance.status.${v}`) }))}
          />
        </Form.Item>
        <Form.Item name="memberId" rules={[{ pattern: UUID, message: t('orders.memberIdInvalid') }]}>
          <Input data-testid="orders-filter-member" allowClear placeholder={t('orders.memberIdFilter')} style={{ width: 320 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" data-testid="orders-search">
            {t('finance.search')}
          </Button>
        </Form.Item>
      </Form>
      <LoadError error={error} onRetry={reload} />
      <Table<ConsoleWalletOrder>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('orders.empty') }}
        pagination={pagination(data?.total)}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (o) => <OrderDetails order={o} /> }}
        columns={[
          { title: t('finance.orderId'), dataIndex: 'id', render: (v: string) => <ShortId id={v} /> },
          { title: t('finance.orderType'), dataIndex: 'type', render: (v: ConsoleWalletOrder['type']) => <OrderTypeTag type={v} /> },
          { title: t('finance.member'), dataIndex: 'memberId', render: (v: string) => <MemberLink id={v} /> },
          {
            title: t('finance.amount'),
            dataIndex: 'amount',
            align: 'right',
            render: (v: string, o) => (
              <>
                <Money fen={v} strong />
                {o.reportedAmount !== null && o.reportedAmount !== v && (
                  <div>
                    <Typography.Text type="warning" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                      {t('orders.reported', { amount: formatMoney(o.reportedAmount) })}
                    </Typography.Text>
                  </div>
                )}
              </>
            ),
          },
          { title: t('finance.statusLabel'), dataIndex: 'status', render: (v: WalletOrderStatus) => <OrderStatusTag status={v} /> },
          { title: t('finance.card'), render: (_, o) => <TwoLines first={o.bankName} second={o.cardMasked} /> },
          {
            title: t('finance.gatewayRef'),
            dataIndex: 'gatewayRef',
            render: (v: string | null) =>
              v ? (
                <Typography.Text copyable style={{ fontSize: 12 }}>
                  {v}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
          {
            title: t('finance.times'),
            key: 'times',
            render: (_, o) => <TwoLines first={shanghaiTime(o.createdAt)} second={o.completedAt ? shanghaiTime(o.completedAt) : null} />,
          },
          ...(operate
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  fixed: 'right' as const,
                  render: (_: unknown, o: ConsoleWalletOrder) => (
                    <Space>
                      {QUERYABLE.includes(o.status) && (
                        <Button size="small" data-testid={`query-${o.id}`} loading={querying === o.id} onClick={() => ask(o)}>
                          {t('orders.query')}
                        </Button>
                      )}
                      {o.type === 'top_up' && o.status === 'succeeded' && (
                        <Button size="small" danger data-testid={`refund-${o.id}`} onClick={() => setRefunding(o)}>
                          {t('orders.refund')}
                        </Button>
                      )}
                      {o.type === 'top_up' && o.status === 'held' && (
                        <Button size="small" type="primary" data-testid={`resolve-held-${o.id}`} onClick={() => setHeld(o)}>
                          {t('orders.resolveHeld')}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <HeldTopUpModal order={held} onClose={() => setHeld(null)} onChanged={reload} />
      <RefundModal order={refunding} onClose={() => setRefunding(null)} onChanged={reload} />
    </Card>
  );
}
