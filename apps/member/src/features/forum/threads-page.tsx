import { Button, Empty, Skeleton, Tabs } from 'antd-mobile';
import { AddOutline, StarOutline } from 'antd-mobile-icons';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useMe } from '../../shared/me-context';
import { useLoad } from '../../shared/use-load';
import { forumApi, query, type ThreadFilter, type ThreadKind, type ThreadPage, type ThreadSort } from './forum-api';
import { NavPage } from './nav-page';
import { ThreadCard } from './thread-card';
import { useCursorPages } from '../../shared/use-cursor-pages';
import { ListFooter } from '../../shared/list-footer';

/**
 * 广场 `/community/threads` (and `?groupId=` for one group's threads, `?topic=` for one #话题#)
 * or 问答 `/community/questions` (threads of kind question): latest or hot, filtered by the square's
 * hot topics, paged as the member scrolls. Reading the square needs no login.
 */
export function ThreadsPage({ kind }: { kind?: ThreadKind }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me } = useMe();
  const [params, setParams] = useSearchParams();
  const groupId = params.get('groupId') ?? undefined;
  const topic = params.get('topic') ?? undefined;
  const sort: ThreadSort = params.get('sort') === 'hot' ? 'hot' : 'latest';
  const questions = kind === 'question';

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const compose = questions ? `/community/questions/new${query({ groupId })}` : `/community/threads/new${query({ groupId })}`;
  const title = questions ? t('forum.qa.title') : groupId ? t('forum.groupThreads') : t('forum.square');

  return (
    <NavPage
      title={title}
      back={groupId ? `/community/groups/${encodeURIComponent(groupId)}` : '/community'}
      right={
        me ? (
          <Button size="mini" fill="none" onClick={() => navigate('/community/bookmarks')} aria-label={t('forum.bookmarks')}>
            <StarOutline fontSize={20} />
          </Button>
        ) : null
      }
    >
      <div className="forum-sticky">
        <Tabs activeKey={sort} onChange={(k) => set({ sort: k === 'hot' ? 'hot' : undefined })}>
          <Tabs.Tab key="latest" title={t('forum.sort.latest')} />
          <Tabs.Tab key="hot" title={t('forum.sort.hot')} />
        </Tabs>
        {!groupId && <TopicChips selected={topic} onSelect={(name) => set({ topic: name })} />}
      </div>
      {questions && <p className="hint forum-hint">{t('forum.qa.intro')}</p>}
      {/* Keyed by the filter: a new filter is a fresh list. */}
      <ThreadList
        key={`${groupId}|${topic}|${sort}|${kind}`}
        groupId={groupId}
        topic={topic}
        sort={sort}
        kind={kind}
        emptyText={t(questions ? 'forum.qa.empty' : 'forum.empty')}
      />
      <button type="button" className="forum-fab" onClick={() => navigate(compose)} data-testid="forum-compose">
        <AddOutline /> {questions ? t('forum.qa.ask') : t('forum.compose')}
      </button>
    </NavPage>
  );
}

/** 全部 and the square's hot topics of the week; the selected one stays even when it is no longer hot. */
function TopicChips({ selected, onSelect }: { selected: string | undefined; onSelect: (topic: string | undefined) => void }) {
  const { t } = useTranslation();
  const hot = useLoad(() => forumApi.hotTopics());
  const topics = hot.data?.items.map((i) => i.topic) ?? [];
  if (selected && !topics.includes(selected)) topics.unshift(selected);
  if (!topics.length) return null;
  return (
    <div className="forum-topics" role="toolbar" aria-label={t('forum.topics')} data-testid="topic-chips">
      <button type="button" className={`forum-topic${selected ? '' : ' active'}`} onClick={() => onSelect(undefined)}>
        {t('forum.allTopics')}
      </button>
      {topics.map((name) => (
        <button
          key={name}
          type="button"
          className={`forum-topic${selected === name ? ' active' : ''}`}
          onClick={() => onSelect(selected === name ? undefined : name)}
          data-testid={`topic-${name}`}
        >
          #{name}#
        </button>
      ))}
    </div>
  );
}

export function ThreadList({ groupId, topic, sort, kind, emptyText }: ThreadFilter & { emptyText: string }) {
  const fetchPage = useCallback(
    (cursor: string | null) => forumApi.threads({ groupId, topic, sort, kind }, cursor),
    [groupId, topic, sort, kind],
  );
  return <PagedThreads fetchPage={fetchPage} emptyText={emptyText} testId="thread-list" />;
}

/** A list of thread cards with skeleton, empty, error-with-retry and paging states. */
export function PagedThreads({
  fetchPage,
  emptyText,
  testId,
}: {
  fetchPage: (cursor: string | null) => Promise<ThreadPage>;
  emptyText: string;
  testId: string;
}) {
  const { items, hasMore, loaded, error, loadMore, retry } = useCursorPages(fetchPage);
  return (
    <div className="thread-list" data-testid={testId}>
      {!loaded && (
        <div className="card">
          <Skeleton.Title animated />
          <Skeleton.Paragraph lineCount={4} animated />
        </div>
      )}
      {items.map((th) => (
        <ThreadCard key={th.id} thread={th} />
      ))}
      {loaded && !hasMore && !error && items.length === 0 && <Empty description={emptyText} />}
      <ListFooter error={error} retry={retry} loadMore={loadMore} hasMore={hasMore} loaded={loaded} count={items.length} />
    </div>
  );
}
