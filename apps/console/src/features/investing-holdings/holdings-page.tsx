import type { Page } from '@quanzi/contracts';
import { Button, Card, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { MemberLink, Money, TwoLines, shanghaiTime } from '../../shared/finance';
import { FundedByTag, HoldingStatusTag, ProductLink, ProductTypeTag, shanghaiMinute } from '../../shared/investing';
import { InvestFilterForm, useInvestFilters } from '../../shared/investing-filters';
import type { ConsoleHolding, HoldingStatus } from '../../shared/investing-types';
import { LoadError } from '../../shared/load-error';
import { usePaging } from '../../shared/use-paging';
import { useLoad } from '../../shared/use-load';

/** Members' holdings, newest first; a 定期 holding's return is an estimate from the benchmark until it matures. */
export function HoldingsPage() {
  const { t } = useTranslation();
  const { filters, setFilters, query } = useInvestFilters();
  const { page, pageSize, setPage, pagination } = usePaging();
  const qs = query(page, pageSize);
  const { data, error, loading, reload } = useLoad(() => api<Page<ConsoleHolding>>('GET', `/investing/holdings?${qs}`), [qs]);

  return (
    <Card title={t('menu.holdings')} extra={<Button onClick={reload}>{t('finance.refresh')}</Button>}>
      <InvestFilterForm
        initial={filters}
        testIdPrefix="holdings"
        onSearch={(f) => {
          setPage(1);
          setFilters(f);
        }}
      />
      <LoadError error={error} onRetry={reload} />
      <Table<ConsoleHolding>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('holdings.empty') }}
        pagination={pagination(data?.total)}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('finance.member'), dataIndex: 'memberId', render: (v: string) => <MemberLink id={v} /> },
          {
            title: t('investing.product'),
            key: 'product',
            render: (_, h) => (
              <Space size={4}>
                <ProductLink id={h.product.id} name={h.product.name} />
                <ProductTypeTag type={h.product.type} />
              </Space>
            ),
          },
          { title: t('holdings.principal'), dataIndex: 'principal', align: 'right', render: (v: string) => <Money fen={v} strong /> },
          { title: t('holdings.earned'), dataIndex: 'earned', align: 'right', render: (v: string) => <Money fen={v} /> },
          {
            title: t('holdings.estimatedReturn'),
            dataIndex: 'estimatedReturn',
            align: 'right',
            render: (v: string | null) =>
              v === null ? (
                '—'
              ) : (
                <Space size={4}>
                  <Tag>{t('holdings.estimate')}</Tag>
                  <Money fen={v} />
                </Space>
              ),
          },
          { title: t('holdings.valueDate'), dataIndex: 'valueDate' },
          {
            title: t('holdings.maturity'),
            dataIndex: 'maturityDate',
            render: (v: string | null, h) =>
              v ? <TwoLines first={v} second={h.termDays ? t('investing.days', { days: h.termDays }) : null} /> : '—',
          },
          { title: t('finance.statusLabel'), dataIndex: 'status', render: (v: HoldingStatus) => <HoldingStatusTag status={v} /> },
          {
            title: t('investing.fundedByLabel'),
            dataIndex: 'fundedBy',
            render: (_, h) => (
              <TwoLines
                first={<FundedByTag fundedBy={h.fundedBy} />}
                second={h.expiresAt ? t('holdings.expiresAt', { time: shanghaiMinute(h.expiresAt) }) : null}
              />
            ),
          },
          { title: t('holdings.createdAt'), dataIndex: 'createdAt', render: shanghaiTime },
        ]}
      />
    </Card>
  );
}
