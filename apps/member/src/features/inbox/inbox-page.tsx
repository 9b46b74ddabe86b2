import type { InboxNotification } from '@quanzi/contracts';
import { Button, Empty, InfiniteScroll, List, Tabs, Toast } from 'antd-mobile';
import { SetOutline } from 'antd-mobile-icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../shared/api';
import { Page } from '../../shared/page';
import { useMemberEvent } from '../../shared/realtime';
import { inboxApi, type InboxTab } from './inbox-api';
import { KindIcon } from './kind-icon';
import { relativeTime } from './relative-time';

/** The member's notifications, newest first, all or unread only; live while open. */
export function InboxPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [tab, setTab] = useState<InboxTab>('all');
  const [items, setItems] = useState<InboxNotification[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [unread, setUnread] = useState(0);
  const [error, setError] = useState<string>();
  // A response for a tab the member has left is dropped.
  const generation = useRef(0);

  const loadMore = useCallback(async () => {
    const gen = generation.current;
    try {
      const page = await inboxApi.page(tab, cursor ?? undefined);
      if (gen !== generation.current) return;
      setItems((prev) => [...prev, ...page.items.filter((n) => !prev.some((p) => p.id === n.id))]);
      setCursor(page.nextBefore);
      setUnread(page.unread);
    } catch (err) {
      setError(errorMessage(err));
      throw err;
    }
  }, [tab, cursor]);

  /** Starts over from the newest (new tab, or the inbox changed on some device). */
  const refresh = useCallback(async () => {
    const gen = ++generation.current;
    try {
      const page = await inboxApi.page(tab);
      if (gen !== generation.current) return;
      setItems(page.items);
      setCursor(page.nextBefore);
      setUnread(page.unread);
      setError(undefined);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [tab]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const onChanged = useCallback(() => void refresh(), [refresh]);
  useMemberEvent('inbox.changed', onChanged);

  const open = async (n: InboxNotification) => {
    if (!n.readAt) {
      setItems((prev) => prev.map((p) => (p.id === n.id ? { ...p, readAt: new Date().toISOString() } : p)));
      setUnread((u) => Math.max(0, u - 1));
      void inboxApi.read({ ids: [n.id] }).catch(() => undefined);
    }
    if (n.link) navigate(n.link);
  };

  const readAll = async () => {
    try {
      const res = await inboxApi.read({ all: true });
      setUnread(res.unread);
      await refresh();
    } catch (err) {
      Toast.show({ content: errorMessage(err) });
    }
  };

  return (
    <Page title={t('inbox.title')} back="/me">
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '8px 16px', background: '#fff' }}>
        <span className="hint" data-testid="inbox-unread-count" data-count={unread}>
          {t('inbox.unreadCount', { count: unread })}
        </span>
        <span>
          <Button size="mini" fill="none" color="primary" disabled={unread === 0} onClick={readAll} data-testid="inbox-read-all">
            {t('inbox.readAll')}
          </Button>
          <Button size="mini" fill="none" onClick={() => navigate('/inbox/settings')} aria-label={t('inbox.settings')}>
            <SetOutline />
          </Button>
        </span>
      </div>
      <Tabs activeKey={tab} onChange={(k) => setTab(k as InboxTab)}>
        <Tabs.Tab title={t('inbox.all')} key="all" />
        <Tabs.Tab title={t('inbox.unread')} key="unread" />
      </Tabs>
      <List>
        {items.map((n) => (
          <List.Item
            key={n.id}
            data-testid={`inbox-item-${n.id}`}
            prefix={<KindIcon kind={n.kind} />}
            description={
              <>
                {n.body && <div>{n.body}</div>}
                {n.activity && (
                  <a
                    href={n.activity.link}
                    data-testid="inbox-activity"
                    onClick={(e) => {
                      e.preventDefault();
                      e.stopPropagation();
                      navigate(n.activity!.link);
                    }}
                  >
                    {n.activity.label} ›
                  </a>
                )}
                <div className="hint">{relativeTime(n.createdAt, t)}</div>
              </>
            }
            extra={n.readAt ? null : <span className="inbox-dot" aria-label={t('inbox.unread')} style={DOT} />}
            onClick={() => void open(n)}
            arrow={false}
          >
            <span style={{ fontWeight: n.readAt ? 'normal' : 600 }}>{n.title}</span>
          </List.Item>
        ))}
      </List>
      {cursor === null && items.length === 0 && <Empty description={tab === 'unread' ? t('inbox.noUnread') : t('inbox.empty')} />}
      {error && <div className="error-text">{error}</div>}
      {cursor !== undefined && (
        <InfiniteScroll loadMore={loadMore} hasMore={cursor !== null && !error}>
          {cursor === null ? (items.length ? t('common.noMore') : '') : t('common.loading')}
        </InfiniteScroll>
      )}
    </Page>
  );
}

const DOT = { display: 'inline-block', width: 8, height: 8, borderRadius: 4, background: '#ff3141' } as const;
