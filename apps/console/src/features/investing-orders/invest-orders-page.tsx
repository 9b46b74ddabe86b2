import type { Page } from '@quanzi/contracts';
import { Button, Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { MemberLink, Money, ShortId, shanghaiTime } from '../../shared/finance';
import { FundedByTag, ProductLink, SourceTag } from '../../shared/investing';
import { InvestFilterForm, useInvestFilters } from '../../shared/investing-filters';
import type { ConsoleInvestOrder, FundedBy } from '../../shared/investing-types';
import { LoadError } from '../../shared/load-error';
import { usePaging } from '../../shared/use-paging';
import { useLoad } from '../../shared/use-load';

/** Purchases, newest first: who bought what, with which money, from where, under which contract version. */
export function InvestOrdersPage() {
  const { t } = useTranslation();
  const { filters, setFilters, query } = useInvestFilters();
  const { page, pageSize, setPage, pagination } = usePaging();
  const qs = query(page, pageSize);
  const { data, error, loading, reload } = useLoad(() => api<Page<ConsoleInvestOrder>>('GET', `/investing/orders?${qs}`), [qs]);

  return (
    <Card title={t('menu.investOrders')} extra={<Button onClick={reload}>{t('finance.refresh')}</Button>}>
      <InvestFilterForm
        initial={filters}
        testIdPrefix="invest-orders"
        onSearch={(f) => {
          setPage(1);
          setFilters(f);
        }}
      />
      <LoadError error={error} onRetry={reload} />
      <Table<ConsoleInvestOrder>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('investOrders.empty') }}
        pagination={pagination(data?.total)}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('investOrders.time'), dataIndex: 'createdAt', render: shanghaiTime },
          { title: t('finance.orderId'), dataIndex: 'id', render: (v: string) => <ShortId id={v} /> },
          { title: t('finance.member'), dataIndex: 'memberId', render: (v: string) => <MemberLink id={v} /> },
          { title: t('investing.product'), dataIndex: 'productName', render: (v: string, o) => <ProductLink id={o.productId} name={v} /> },
          { title: t('finance.amount'), dataIndex: 'amount', align: 'right', render: (v: string) => <Money fen={v} strong /> },
          { title: t('investing.fundedByLabel'), dataIndex: 'fundedBy', render: (v: FundedBy) => <FundedByTag fundedBy={v} /> },
          {
            title: t('investOrders.term'),
            dataIndex: 'termDays',
            align: 'right',
            render: (v: number | null) => (v === null ? '—' : t('investing.days', { days: v })),
          },
          { title: t('investOrders.source'), dataIndex: 'source', render: (v: string | null) => <SourceTag source={v} /> },
          {
            title: t('investOrders.contractVersion'),
            dataIndex: 'contractVersion',
            render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
          },
        ]}
      />
    </Card>
  );
}
