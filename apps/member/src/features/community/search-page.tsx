import type { SearchHit, SearchSegment } from '@quanzi/contracts';
import { Empty, SearchBar, Skeleton, Tabs, Tag } from 'antd-mobile';
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Page } from '../../shared/page';
import { communityApi, type SearchKind } from './community-api';
import './community.css';
import { appPath } from './links';
import { agoText } from './time';
import { useCursorPages } from '../../shared/use-cursor-pages';
import { ListFooter } from '../../shared/list-footer';

const TABS = ['all', 'thread', 'question', 'message'] as const;
type Tab = (typeof TABS)[number];

/**
 * Highlighted text from segments: the matched words in <mark>, bold, italic and code as the post
 * shows them (forum snippets come as displayed Markdown), everything as React text (never HTML).
 */
export function Highlight({ segments }: { segments: readonly SearchSegment[] }) {
  return (
    <>
      {segments.map((s, i) => {
        let node: ReactNode = s.text;
        if (s.code) node = <code>{node}</code>;
        if (s.em) node = <em>{node}</em>;
        if (s.strong) node = <strong>{node}</strong>;
        return s.hit ? <mark key={i}>{node}</mark> : <span key={i}>{node}</span>;
      })}
    </>
  );
}

/**
 * 搜索 `/community/search?q=&kind=`: posts, Q&A and the messages of the member's groups, best match
 * first, with the query's words marked; a hit opens the thread, question or chat message.
 */
export function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const kindParam = params.get('kind');
  const tab: Tab = (TABS as readonly string[]).includes(kindParam ?? '') ? (kindParam as Tab) : 'all';
  const [draft, setDraft] = useState(q);

  const go = (next: { q?: string; tab?: Tab }) => {
    const query = next.q ?? q;
    const kind = next.tab ?? tab;
    setParams({ ...(query ? { q: query } : {}), ...(kind !== 'all' ? { kind } : {}) }, { replace: true });
  };

  return (
    <Page title={t('circle.search.title')} back="/community">
      <div className="search-top">
        <SearchBar
          value={draft}
          onChange={setDraft}
          onSearch={(v) => go({ q: v.trim() })}
          onClear={() => go({ q: '' })}
          placeholder={t('circle.search.placeholder')}
          autoFocus={!q}
          maxLength={50}
          data-testid="search-input"
        />
        <Tabs activeKey={tab} onChange={(k) => go({ tab: k as Tab })}>
          {TABS.map((k) => (
            <Tabs.Tab key={k} title={t(`circle.search.${k}`)} />
          ))}
        </Tabs>
      </div>
      <div className="page-body">
        {q ? (
          <Results key={`${tab}:${q}`} q={q} kind={tab === 'all' ? undefined : tab} />
        ) : (
          <Empty description={t('circle.search.prompt')} />
        )}
      </div>
    </Page>
  );
}

function Results({ q, kind }: { q: string; kind: SearchKind | undefined }) {
  const { t } = useTranslation();
  const fetchPage = useCallback((cursor: string | null) => communityApi.search(q, kind, cursor), [q, kind]);
  const { items, hasMore, loaded, error, loadMore, retry } = useCursorPages<SearchHit & { id: string }>(fetchPage);
  return (
    <div data-testid="search-results">
      {!loaded && (
        <div className="card">
          <Skeleton.Paragraph lineCount={4} animated />
        </div>
      )}
      {items.map((hit) => (
        <Hit key={`${hit.kind}:${hit.id}`} hit={hit} />
      ))}
      {loaded && !hasMore && !error && items.length === 0 && <Empty description={t('circle.search.empty')} data-testid="search-empty" />}
      <ListFooter
        error={error}
        errorTitle={t('circle.search.failed')}
        retry={retry}
        loadMore={loadMore}
        hasMore={hasMore}
        loaded={loaded}
        count={items.length}
      />
    </div>
  );
}

function Hit({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const to = appPath(hit.link);
  const open = () => to && navigate(to);
  return (
    <div
      className="card search-hit"
      role="link"
      tabIndex={0}
      onClick={open}
      onKeyDown={(e) => e.key === 'Enter' && open()}
      data-testid={`search-hit-${hit.id}`}
      data-kind={hit.kind}
    >
      <div className="search-hit-head">
        <Tag
          color={hit.kind === 'message' ? 'success' : hit.kind === 'question' || hit.kind === 'answer' ? 'warning' : 'primary'}
          fill="outline"
        >
          {t(`circle.search.kinds.${hit.kind}`)}
        </Tag>
        <span className="hint-inline">{agoText(hit.createdAt, t)}</span>
      </div>
      {hit.titleHighlight ? (
        <div className="search-hit-title">
          <Highlight segments={hit.titleHighlight} />
        </div>
      ) : hit.title ? (
        <div className="search-hit-title">{hit.title}</div>
      ) : null}
      <div className="search-hit-snippet" data-testid="search-hit-snippet">
        <Highlight segments={hit.snippet} />
      </div>
    </div>
  );
}
