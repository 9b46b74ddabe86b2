import type { StatementLine } from '@quanzi/contracts';
import { formatFen, formatShanghaiTime } from '@quanzi/web-kit';
import { Empty, InfiniteScroll, List, Tabs } from 'antd-mobile';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/api';
import { Page } from '../../shared/page';
import { walletApi } from './wallet-api';

type Account = 'available' | 'frozen' | 'experience';

/** Every movement of a balance with its reason, newest first, loaded page by page as the member scrolls. */
export function StatementsPage() {
  const { t } = useTranslation();
  const [account, setAccount] = useState<Account>('available');
  return (
    <Page title={t('wallet.statements')}>
      <Tabs activeKey={account} onChange={(k) => setAccount(k as Account)}>
        <Tabs.Tab title={t('wallet.available')} key="available" />
        <Tabs.Tab title={t('wallet.frozen')} key="frozen" />
        <Tabs.Tab title={t('wallet.experience')} key="experience" />
      </Tabs>
      {/* Keyed by account: switching tabs starts a fresh list and cursor. */}
      <StatementList key={account} account={account} />
    </Page>
  );
}

function StatementList({ account }: { account: Account }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<StatementLine[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<string>();

  const loadMore = useCallback(async () => {
    try {
      const page = await walletApi.statements(account, cursor ?? undefined);
      setItems((prev) => [...prev, ...page.items]);
      setCursor(page.nextBefore);
    } catch (err) {
      setError(errorMessage(err));
      throw err;
    }
  }, [account, cursor]);

  return (
    <>
      <List>
        {items.map((line) => (
          <List.Item
            key={line.id}
            description={formatShanghaiTime(line.at, true)}
            extra={
              <div style={{ textAlign: 'right' }}>
                <div className={line.amount.startsWith('-') ? 'amount-out' : 'amount-in'}>{formatFen(line.amount, { sign: true })}</div>
                <div className="hint">{t('wallet.balanceAfter', { amount: formatFen(line.balanceAfter) })}</div>
              </div>
            }
          >
            {line.memo}
          </List.Item>
        ))}
      </List>
      {cursor === null && items.length === 0 && <Empty description={t('wallet.noStatements')} />}
      {error && <div className="error-text">{error}</div>}
      <InfiniteScroll loadMore={loadMore} hasMore={cursor !== null && !error}>
        {cursor === null ? (items.length ? t('common.noMore') : '') : t('common.loading')}
      </InfiniteScroll>
    </>
  );
}
