import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { Money, shanghaiTime } from '../../shared/finance';
import type { LedgerVerification, TrialBalance } from '../../shared/finance-types';
import { formatMoney, sumFen } from '../../shared/money';
import { LoadError } from '../../shared/load-error';
import { useLoad } from '../../shared/use-load';
import { VerificationResult } from './ledger-verification';

type Line = TrialBalance['accounts'][number];

/** Every account kind summed; the signed balances (debit +) must total zero. */
export function TrialBalancePage() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useLoad(() => api<TrialBalance>('GET', '/ledger/trial-balance'), []);
  const [verification, setVerification] = useState<LedgerVerification | string>();
  const [verifying, setVerifying] = useState(false);
  const lines = data?.accounts ?? [];
  const balanced = data?.total === '0';

  const verify = async () => {
    setVerifying(true);
    try {
      setVerification(await api<LedgerVerification>('GET', '/ledger/verify'));
    } catch (err) {
      setVerification(errorMessage(err));
    } finally {
      setVerifying(false);
    }
  };

  return (
    <Card
      title={
        <Space>
          {t('menu.trialBalance')}
          {data && (
            <Tag data-testid="trial-balance-status" color={balanced ? 'green' : 'red'}>
              {balanced ? t('trial.balanced') : t('trial.unbalanced')}
            </Tag>
          )}
          {data && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
              {t('trial.asOf', { time: shanghaiTime(data.asOf) })}
            </Typography.Text>
          )}
        </Space>
      }
      extra={
        <Space>
          <Button onClick={reload}>{t('finance.refresh')}</Button>
          <Button type="primary" data-testid="verify-ledger" loading={verifying} onClick={verify}>
            {t('trial.verify')}
          </Button>
        </Space>
      }
    >
      {verification && <VerificationResult result={verification} />}
      <LoadError error={error} onRetry={reload} />
      <Table<Line>
        rowKey="kind"
        loading={loading}
        dataSource={lines}
        pagination={false}
        locale={{ emptyText: t('trial.empty') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('trial.label'), dataIndex: 'label' },
          {
            title: t('trial.book'),
            dataIndex: 'book',
            render: (v: Line['book']) => <Tag color={v === 'client' ? 'blue' : 'purple'}>{t(`trial.books.${v}`)}</Tag>,
          },
          { title: t('trial.normalSide'), dataIndex: 'normalSide', render: (v: Line['normalSide']) => t(`trial.sides.${v}`) },
          { title: t('trial.accounts'), dataIndex: 'accounts', align: 'right' },
          { title: t('trial.debits'), dataIndex: 'debits', align: 'right', render: (v: string) => <Money fen={v} /> },
          { title: t('trial.credits'), dataIndex: 'credits', align: 'right', render: (v: string) => <Money fen={v} /> },
          { title: t('trial.balance'), dataIndex: 'balance', align: 'right', render: (v: string) => <Money fen={v} /> },
        ]}
        summary={() =>
          data && (
            <Table.Summary.Row style={{ background: '#fafafa' }}>
              <Table.Summary.Cell index={0} colSpan={3}>
                <Typography.Text strong>{t('trial.total')}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {lines.reduce((n, l) => n + l.accounts, 0)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                <Money fen={sumFen(lines.map((l) => l.debits))} strong />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                <Money fen={sumFen(lines.map((l) => l.credits))} strong />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                <Typography.Text data-testid="trial-balance-total" strong type={balanced ? undefined : 'danger'} className="money">
                  {formatMoney(data.total)}
                </Typography.Text>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )
        }
      />
    </Card>
  );
}
