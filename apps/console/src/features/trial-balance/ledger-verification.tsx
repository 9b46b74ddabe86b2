import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LedgerVerification } from '../../shared/finance-types';
import { formatMoney } from '../../shared/money';

/** The answer of `GET /ledger/verify`: every cached balance equals its entries, every transfer sums to zero. */
export function VerificationResult({ result }: { result: LedgerVerification | string }) {
  const { t } = useTranslation();
  const style = { marginBottom: 16 };
  if (typeof result === 'string') return <Alert data-testid="ledger-verify-result" type="error" showIcon message={result} style={style} />;
  if (result.ok)
    return (
      <Alert
        data-testid="ledger-verify-result"
        type="success"
        showIcon
        message={t('trial.verifyOk', { accounts: result.accounts, transfers: result.transfers, entries: result.entries })}
        style={style}
      />
    );
  return (
    <Alert
      data-testid="ledger-verify-result"
      type="error"
      showIcon
      message={t('trial.verifyFailed')}
      style={style}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {result.mismatchedAccounts.map((a) => (
            <li key={a.code}>
              {t('trial.mismatchedAccount', { code: a.code, cached: formatMoney(a.cached), summed: formatMoney(a.summed) })}
            </li>
          ))}
          {result.unbalancedTransfers.map((x) => (
            <li key={x.key}>{t('trial.unbalancedTransfer', { key: x.key, total: formatMoney(x.total) })}</li>
          ))}
        </ul>
      }
    />
  );
}
