import type { Page } from '@quanzi/contracts';
import { LedgerAccountKind as KindSchema } from '@quanzi/contracts';
import { Button, Card, Form, Input, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../shared/api';
import { MemberLink, Money, shanghaiTime } from '../../shared/finance';
import type { LedgerAccount, LedgerAccountKind } from '../../shared/finance-types';
import { LoadError } from '../../shared/load-error';
import { usePaging } from '../../shared/use-paging';
import { useLoad } from '../../shared/use-load';

interface Filters {
  kind?: LedgerAccountKind;
  owner?: string;
}

const MEMBER_KINDS: LedgerAccountKind[] = ['member_available', 'member_frozen', 'member_experience'];

/** Ledger accounts by kind or owner; each opens its statement. */
export function AccountsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<Filters>({
    kind: KindSchema.safeParse(params.get('kind')).data,
    owner: params.get('owner') ?? undefined,
  });
  const { page, pageSize, setPage, pagination } = usePaging();
  const query = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  if (filters.kind) query.set('kind', filters.kind);
  if (filters.owner) query.set('owner', filters.owner);
  const qs = query.toString();
  const { data, error, loading, reload } = useLoad(() => api<Page<LedgerAccount>>('GET', `/ledger/accounts?${qs}`), [qs]);

  return (
    <Card title={t('menu.accounts')} extra={<Button onClick={reload}>{t('finance.refresh')}</Button>}>
      <Form<Filters>
        layout="inline"
        initialValues={filters}
        onFinish={(v) => {
          setPage(1);
          setFilters({ kind: v.kind, owner: v.owner?.trim() || undefined });
        }}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="kind">
          <Select
            data-testid="accounts-filter-kind"
            allowClear
            placeholder={t('accounts.allKinds')}
            style={{ width: 200 }}
            options={KindSchema.options.map((k) => ({ value: k, label: t(`accounts.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="owner" rules={[{ max: 64 }]}>
          <Input data-testid="accounts-filter-owner" allowClear placeholder={t('accounts.owner')} style={{ width: 320 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" data-testid="accounts-search">
            {t('finance.search')}
          </Button>
        </Form.Item>
      </Form>
      <LoadError error={error} onRetry={reload} />
      <Table<LedgerAccount>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('accounts.empty') }}
        pagination={pagination(data?.total)}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('accounts.code'),
            dataIndex: 'code',
            render: (v: string, a) => (
              <Link to={`/finance/accounts/${a.id}`} data-testid={`account-${a.id}`} style={{ fontFamily: 'monospace' }}>
                {v}
              </Link>
            ),
          },
          { title: t('accounts.kind'), dataIndex: 'kind', render: (v: LedgerAccountKind) => t(`accounts.kinds.${v}`) },
          {
            title: t('accounts.ownerCol'),
            dataIndex: 'ownerId',
            render: (v: string | null, a) => (v === null ? '—' : MEMBER_KINDS.includes(a.kind) ? <MemberLink id={v} /> : v),
          },
          { title: t('accounts.balance'), dataIndex: 'balance', align: 'right', render: (v: string) => <Money fen={v} strong /> },
          { title: t('accounts.entries'), dataIndex: 'entries', align: 'right' },
          { title: t('accounts.createdAt'), dataIndex: 'createdAt', render: shanghaiTime },
        ]}
      />
    </Card>
  );
}
