import type { LoginEvent, Page } from '@quanzi/contracts';
import { InfiniteScroll, List, Tag } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { describeAgent } from './describe-agent';
import { formatTime } from './format';

const COLORS = { success: 'success', wrong_password: 'warning', locked: 'danger' } as const;

/** Every login attempt on the account, newest first, loaded page by page. */
export function LoginHistory() {
  const { t } = useTranslation();
  const [items, setItems] = useState<LoginEvent[]>([]);
  const [page, setPage] = useState(1);
  const [hasMore, setHasMore] = useState(true);
  const loadMore = async () => {
    const res = await api<Page<LoginEvent>>('GET', `/me/login-history?page=${page}&pageSize=10`);
    setItems((prev) => [...prev, ...res.items]);
    setPage((p) => p + 1);
    setHasMore(page * res.pageSize < res.total);
  };
  return (
    <div className="card" style={{ padding: 0, overflow: 'hidden' }}>
      <List header={t('security.loginHistory')}>
        {items.map((e) => (
          <List.Item
            key={e.id}
            description={`${formatTime(e.at)} · ${e.ipMasked ?? ''}`}
            extra={<Tag color={COLORS[e.outcome]}>{t(`security.outcome.${e.outcome}`)}</Tag>}
          >
            {describeAgent(e.userAgent) ?? t('security.unknownDevice')}
          </List.Item>
        ))}
      </List>
      <InfiniteScroll loadMore={loadMore} hasMore={hasMore}>
        {hasMore ? t('common.loading') : t('common.noMore')}
      </InfiniteScroll>
    </div>
  );
}
