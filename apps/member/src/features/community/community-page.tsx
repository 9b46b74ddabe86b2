import { Badge, Button, Empty, Segmented, Skeleton, Tag } from 'antd-mobile';
import { FileOutline, QuestionCircleOutline, SearchOutline, TeamOutline, UnorderedListOutline, VideoOutline } from 'antd-mobile-icons';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { colorFor } from './avatar';
import { CodePopup } from './code-popup';
import { communityApi, type Group, type GroupView } from './community-api';
import './community.css';
import { JoinAction } from './join-action';
import './locales';
import { agoText } from './time';
import { useCursorPages } from '../../shared/use-cursor-pages';
import { ListFooter } from '../../shared/list-footer';

const ENTRIES = [
  { key: 'threads', to: '/community/threads', icon: <FileOutline />, color: '#1677ff' },
  { key: 'live', to: '/community/live', icon: <VideoOutline />, color: '#fa541c' },
  { key: 'questions', to: '/community/questions', icon: <QuestionCircleOutline />, color: '#00b578' },
  { key: 'modlog', to: '/modlog', icon: <UnorderedListOutline />, color: '#7b61ff' },
  { key: 'charter', to: '/charter', icon: <TeamOutline />, color: '#13a8a8' },
] as const;

/**
 * 圈子: my groups with unread counts (a grey dot when muted), groups to discover with the join
 * button their policy calls for, search, joining by invite code, and the ways into the rest of
 * the community (posts, live, Q&A, the public moderation log, the charter).
 */
export function CommunityPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view: GroupView = params.get('view') === 'discover' ? 'discover' : 'mine';
  const [codeOpen, setCodeOpen] = useState(false);

  return (
    <div data-testid="community-page">
      <div className="community-top">
        <button type="button" className="community-search" onClick={() => navigate('/community/search')} data-testid="community-search">
          <SearchOutline /> {t('circle.searchPlaceholder')}
        </button>
        <Button size="small" fill="outline" color="primary" onClick={() => setCodeOpen(true)} data-testid="community-join-code">
          {t('circle.joinByCode')}
        </Button>
      </div>
      <nav className="community-entries">
        {ENTRIES.map((e) => (
          <Link key={e.key} to={e.to} className="community-entry" data-testid={`community-entry-${e.key}`}>
            <span className="community-entry-icon" style={{ background: e.color }}>
              {e.icon}
            </span>
            {t(`circle.entries.${e.key}`)}
          </Link>
        ))}
      </nav>
      <div className="community-segment">
        <Segmented
          block
          value={view}
          onChange={(v) => setParams(v === 'discover' ? { view: 'discover' } : {}, { replace: true })}
          options={[
            { label: t('circle.mine'), value: 'mine' },
            { label: t('circle.discover'), value: 'discover' },
          ]}
          data-testid="community-view"
        />
      </div>
      {/* Keyed by view: switching starts a fresh list. */}
      <GroupList key={view} view={view} onDiscover={() => setParams({ view: 'discover' }, { replace: true })} />
      <CodePopup
        visible={codeOpen}
        onClose={() => setCodeOpen(false)}
        onSubmit={async (code) => {
          const res = await communityApi.joinByCode(code);
          setCodeOpen(false);
          navigate(`/community/groups/${res.groupId}`);
        }}
      />
    </div>
  );
}

function GroupList({ view, onDiscover }: { view: GroupView; onDiscover: () => void }) {
  const { t } = useTranslation();
  const fetchPage = useCallback((cursor: string | null) => communityApi.groups(view, cursor), [view]);
  const { items, setItems, hasMore, loaded, error, loadMore, retry } = useCursorPages(fetchPage);
  const update = (id: string, me: Group['me']) => setItems((prev) => prev.map((g) => (g.id === id ? { ...g, me } : g)));

  return (
    <div className="group-list" data-testid={`group-list-${view}`}>
      {!loaded && (
        <div style={{ padding: 16 }}>
          <Skeleton.Paragraph lineCount={5} animated />
        </div>
      )}
      {items.map((g) => (
        <GroupRow key={g.id} group={g} view={view} onJoined={(me) => update(g.id, me)} />
      ))}
      {loaded && !hasMore && items.length === 0 && !error && (
        <Empty
          description={
            view === 'mine' ? (
              <>
                <div>{t('circle.noMine')}</div>
                <Button size="small" color="primary" fill="outline" style={{ marginTop: 12 }} onClick={onDiscover}>
                  {t('circle.goDiscover')}
                </Button>
              </>
            ) : (
              t('circle.noDiscover')
            )
          }
        />
      )}
      <ListFooter error={error} retry={retry} loadMore={loadMore} hasMore={hasMore} loaded={loaded} count={items.length} />
    </div>
  );
}

function GroupRow({ group: g, view, onJoined }: { group: Group; view: GroupView; onJoined: (me: Group['me']) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = g.me;
  const active = me?.state === 'active';
  const unread = active ? me.unread : 0;
  const open = () => navigate(`/community/groups/${g.id}`);
  return (
    <div
      className="group-row"
      role="link"
      tabIndex={0}
      onClick={open}
      onKeyDown={(e) => e.key === 'Enter' && open()}
      data-testid={`group-row-${g.id}`}
      data-unread={unread}
      data-muted={me?.muted ? 'true' : 'false'}
    >
      <div className="group-avatar" style={{ background: colorFor(g.id) }}>
        {Array.from(g.name)[0]}
        {unread > 0 &&
          (me?.muted ? (
            <span className="group-muted-dot" aria-label={t('circle.mutedLabel')} data-testid="group-muted-dot" />
          ) : (
            <Badge className="group-unread" content={unread > 99 ? '99+' : unread} data-testid="group-unread" />
          ))}
      </div>
      <div className="group-main">
        <div className="group-name">
          <span className="group-name-text">{g.name}</span>
          {g.visibility === 'private' && (
            <Tag color="default" fill="outline" style={{ flexShrink: 0 }}>
              {t('circle.privateTag')}
            </Tag>
          )}
        </div>
        <div className="group-desc">
          {t('circle.members', { count: g.memberCount })}
          {g.topic ? ` · ${g.topic}` : ''}
          {g.description ? ` · ${g.description}` : ''}
        </div>
      </div>
      <div className="group-side" onClick={(e) => e.stopPropagation()}>
        {view === 'mine' ? (
          <>
            <span>
              {me?.state === 'pending' ? t('circle.pending') : g.lastMessageAt ? agoText(g.lastMessageAt, t) : t('circle.noActivity')}
            </span>
            {me?.muted && <span data-testid="group-muted-label">{t('circle.mutedLabel')}</span>}
          </>
        ) : active ? (
          <span>{t('circle.joined')}</span>
        ) : (
          <JoinAction group={g} onJoined={onJoined} />
        )}
      </div>
    </div>
  );
}
