import { formatShanghaiTime } from '@quanzi/web-kit';
import { Button, List } from 'antd-mobile';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ListFooter } from '../../shared/list-footer';
import { LoadState } from '../../shared/load-state';
import { Page } from '../../shared/page';
import { useCursorPages } from '../../shared/use-cursor-pages';
import { useLoad } from '../../shared/use-load';
import { loyaltyApi, type PointsEntry } from './loyalty-api';

/** The last Shanghai day a lot can be used (a lot expiring at 00:00 is last usable the day before). */
const lastDay = (iso: string) => new Date(Date.parse(iso) - 1 + 8 * 3600_000).toISOString().slice(0, 10);

/** 我的积分: the balance, what expires within 30 days, the statement newest first (paged as the member scrolls). */
export function PointsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const summary = useLoad(() => loyaltyApi.points(null, 1));
  const fetchPage = useCallback(async (cursor: string | null) => {
    const page = await loyaltyApi.points(cursor);
    return { items: page.entries, nextCursor: page.nextBefore };
  }, []);
  const list = useCursorPages<PointsEntry>(fetchPage);
  const s = summary.data;

  return (
    <Page title={t('loyalty.points.title')}>
      <div className="page-body">
        {!s ? (
          <LoadState loading={summary.loading} error={summary.error} onRetry={summary.reload} />
        ) : (
          <div className="card" data-testid="points-summary">
            <div className="muted">{t('loyalty.points.balance')}</div>
            <div className="loyalty-balance" data-testid="points-balance">
              {s.balance}
            </div>
            <div className="muted" data-testid="points-expiring">
              {s.expiringSoon.points > 0 && s.expiringSoon.firstAt
                ? t('loyalty.points.expiring', { points: s.expiringSoon.points, date: lastDay(s.expiringSoon.firstAt) })
                : t('loyalty.points.noneExpiring')}
            </div>
            <Button size="small" color="primary" fill="outline" style={{ marginTop: 8 }} onClick={() => navigate('/me/checkin')}>
              {t('loyalty.points.toCheckin')}
            </Button>
          </div>
        )}
        <div className="card" style={{ padding: 0, overflow: 'hidden' }}>
          <List header={t('loyalty.points.statement')}>
            {list.items.map((e) => (
              <List.Item
                key={e.id}
                data-testid="points-entry"
                description={
                  <>
                    {formatShanghaiTime(e.createdAt)}
                    {e.expiresAt && e.points > 0 ? ` · ${t('loyalty.points.expiresAt', { date: lastDay(e.expiresAt) })}` : ''}
                    {e.shortfall > 0 ? ` · ${t('loyalty.points.shortfall', { points: e.shortfall })}` : ''}
                  </>
                }
                extra={<span className={e.points >= 0 ? 'loyalty-plus' : 'loyalty-minus'}>{e.points > 0 ? `+${e.points}` : e.points}</span>}
              >
                {e.reason}
                <span className="hint-inline"> · {t(`loyalty.points.kind.${e.kind}`)}</span>
              </List.Item>
            ))}
          </List>
          {list.loaded && list.items.length === 0 && !list.error && (
            <p className="muted" style={{ padding: 16, textAlign: 'center' }}>
              {t('loyalty.points.empty')}
            </p>
          )}
          <ListFooter {...list} count={list.items.length} />
        </div>
        <p className="hint">{t('loyalty.points.rule')}</p>
      </div>
    </Page>
  );
}
