import { Button, Card, Descriptions, Space, Table, Typography, message } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../shared/api';
import { Money, shanghaiTime } from '../../shared/finance';
import type { LedgerAccount, StatementLine, StatementPage as Statement } from '../../shared/finance-types';
import { fenSign, formatMoney } from '../../shared/money';
import { LoadError } from '../../shared/load-error';
import { useLoad } from '../../shared/use-load';

const LIMIT = 20;
type Response = { account: LedgerAccount; statement: Statement };

/** One account's entries, newest first, paged by keyset: "load more" asks for the lines before the last one shown. */
export function StatementPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const first = useLoad(() => api<Response>('GET', `/ledger/accounts/${id}/entries?limit=${LIMIT}`), [id]);
  const [more, setMore] = useState<Statement | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  // A reload starts over from the newest line.
  useEffect(() => setMore(null), [first.data]);

  const account = first.data?.account;
  const lines = [...(first.data?.statement.items ?? []), ...(more?.items ?? [])];
  const nextBefore = more ? more.nextBefore : (first.data?.statement.nextBefore ?? null);

  const loadMore = async () => {
    if (!nextBefore) return;
    setLoadingMore(true);
    try {
      const res = await api<Response>('GET', `/ledger/accounts/${id}/entries?limit=${LIMIT}&before=${nextBefore}`);
      setMore((m) => ({ items: [...(m?.items ?? []), ...res.statement.items], nextBefore: res.statement.nextBefore }));
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={account ? `${t('accounts.statement')} · ${account.code}` : t('accounts.statement')}
        loading={first.loading && !account}
        extra={
          <Space>
            <Button onClick={first.reload}>{t('finance.refresh')}</Button>
            <Link to="/finance/accounts">{t('common.back')}</Link>
          </Space>
        }
      >
        <LoadError error={first.error} onRetry={first.reload} />
        {account && (
          <Descriptions
            size="small"
            column={3}
            bordered
            items={[
              { key: 'code', label: t('accounts.code'), children: account.code },
              { key: 'kind', label: t('accounts.kind'), children: t(`accounts.kinds.${account.kind}`) },
              { key: 'owner', label: t('accounts.ownerCol'), children: account.ownerId ?? '—' },
              { key: 'balance', label: t('accounts.balance'), children: <Money fen={account.balance} strong /> },
              { key: 'side', label: t('trial.normalSide'), children: t(`trial.sides.${account.normalSide}`) },
              { key: 'entries', label: t('accounts.entries'), children: account.entries },
            ]}
          />
        )}
      </Card>
      <Card>
        <Table<StatementLine>
          rowKey="id"
          loading={first.loading}
          dataSource={lines}
          pagination={false}
          locale={{ emptyText: t('accounts.statementEmpty') }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('accounts.time'), dataIndex: 'at', render: shanghaiTime },
            { title: t('accounts.memo'), dataIndex: 'memo' },
            { title: t('accounts.transferKind'), dataIndex: 'kind', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            {
              title: t('accounts.amount'),
              dataIndex: 'amount',
              align: 'right',
              render: (v: string) => (
                <Typography.Text strong className="money" type={fenSign(v) > 0 ? 'success' : undefined}>
                  {formatMoney(v, { sign: true })}
                </Typography.Text>
              ),
            },
            { title: t('accounts.balanceAfter'), dataIndex: 'balanceAfter', align: 'right', render: (v: string) => <Money fen={v} /> },
            {
              title: t('accounts.reference'),
              dataIndex: 'reference',
              render: (v: string | null) => (v ? <Typography.Text copyable>{v}</Typography.Text> : '—'),
            },
          ]}
        />
        {lines.length > 0 && (
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            {nextBefore ? (
              <Button data-testid="statement-load-more" loading={loadingMore} onClick={loadMore}>
                {t('accounts.loadMore')}
              </Button>
            ) : (
              <Typography.Text type="secondary">{t('accounts.noMore')}</Typography.Text>
            )}
          </div>
        )}
      </Card>
    </Space>
  );
}
