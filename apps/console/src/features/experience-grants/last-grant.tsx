import { Alert, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { MemberLink, Money, shanghaiTime } from '../../shared/finance';
import { useOperator } from '../../shared/operator-context';

/** What `POST /investing/experience-grants` answered, with what was asked. */
export interface Granted {
  granted: boolean;
  id?: string;
  expiresAt?: string;
  memberId: string;
  amount: string;
}

/** The grant just made, with a way to its ledger account. */
export function LastGrant({ grant }: { grant: Granted }) {
  const { t } = useTranslation();
  const { can } = useOperator();
  return (
    <Alert
      data-testid="grant-result"
      type={grant.granted ? 'success' : 'info'}
      showIcon
      style={{ maxWidth: 720 }}
      message={grant.granted ? t('grants.resultTitle') : t('grants.already')}
      description={
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'member', label: t('finance.member'), children: <MemberLink id={grant.memberId} /> },
              { key: 'amount', label: t('grants.amount'), children: <Money fen={grant.amount} strong /> },
              { key: 'expires', label: t('grants.expiresAt'), children: grant.expiresAt ? shanghaiTime(grant.expiresAt) : '—' },
              { key: 'id', label: t('grants.grantId'), children: grant.id ? <Typography.Text copyable>{grant.id}</Typography.Text> : '—' },
            ]}
          />
          {can('ledger.read') && (
            <Link to={`/finance/accounts?kind=member_experience&owner=${grant.memberId}`}>{t('grants.viewAccount')}</Link>
          )}
        </Space>
      }
    />
  );
}
