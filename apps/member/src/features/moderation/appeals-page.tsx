import { formatShanghaiTime } from '@quanzi/web-kit';
import { Empty, Skeleton, Tabs, Tag } from 'antd-mobile';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { LoadState } from '../../shared/load-state';
import { useLoad } from '../../shared/use-load';
import { NavPage } from '../forum/nav-page';
import { useCursorPages } from '../../shared/use-cursor-pages';
import { APPEAL_COLOR } from './labels';
import { ModlogEntryCard } from './modlog-entry';
import { moderationApi } from './moderation-api';
import { MyActionCard } from './my-action';
import { ListFooter } from '../../shared/list-footer';

type Tab = 'actions' | 'appeals';

/** 我的申诉 `/community/appeals`: the actions taken against me (appeal from here) and my appeals with their outcomes. */
export function AppealsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'appeals' ? 'appeals' : 'actions';
  return (
    <NavPage title={t('mod.appealsTitle')} back="/me">
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'appeals' ? { tab: 'appeals' } : {}, { replace: true })}
        className="forum-sticky"
      >
        <Tabs.Tab key="actions" title={t('mod.actionsTab')} />
        <Tabs.Tab key="appeals" title={t('mod.appealsTab')} />
      </Tabs>
      <p className="hint modlog-entry-note">{t('mod.appealsIntro')}</p>
      <div className="page-body">{tab === 'actions' ? <MyActions /> : <MyAppeals />}</div>
    </NavPage>
  );
}

function MyActions() {
  const { t } = useTranslation();
  const fetchPage = useCallback((cursor: string | null) => moderationApi.myModeration(cursor), []);
  const { items, hasMore, loaded, error, loadMore, retry } = useCursorPages(fetchPage);
  return (
    <div data-testid="my-actions">
      {!loaded && <Skeleton.Paragraph lineCount={5} animated />}
      {items.map((e) => (
        <MyActionCard key={e.id} entry={e} />
      ))}
      {loaded && !hasMore && !error && items.length === 0 && <Empty description={t('mod.noActions')} />}
      <ListFooter error={error} retry={retry} loadMore={loadMore} hasMore={hasMore} loaded={loaded} count={items.length} />
    </div>
  );
}

function MyAppeals() {
  const { t } = useTranslation();
  const appeals = useLoad(() => moderationApi.myAppeals());
  if (!appeals.data) return <LoadState loading={appeals.loading} error={appeals.error} onRetry={appeals.reload} />;
  if (!appeals.data.items.length) return <Empty description={t('mod.noAppeals')} />;
  return (
    <div data-testid="my-appeals">
      {appeals.data.items.map((a) => (
        <div key={a.id} className="appeal-item" data-testid={`appeal-${a.id}`}>
          <div className="appeal-item-head">
            <Tag color={APPEAL_COLOR[a.status]} data-testid="appeal-status" data-status={a.status}>
              {t(`mod.appealStatus.${a.status}`)}
            </Tag>
            <span className="modlog-time">{t('mod.appealedAt', { time: formatShanghaiTime(a.createdAt) })}</span>
          </div>
          <p className="modlog-reason">
            <span className="modlog-label">{t('mod.myReason')}</span>
            {a.reason}
          </p>
          {a.decisionNote && (
            <p className="modlog-reason">
              <span className="modlog-label">{t('mod.decisionNote')}</span>
              {a.decisionNote}
              {a.decidedAt && <span className="modlog-time"> · {formatShanghaiTime(a.decidedAt)}</span>}
            </p>
          )}
          <ModlogEntryCard entry={a.action} excerpt={a.action.excerpt} link={false} />
        </div>
      ))}
    </div>
  );
}
