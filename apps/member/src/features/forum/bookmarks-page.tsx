import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { forumApi } from './forum-api';
import { NavPage } from './nav-page';
import { PagedThreads } from './threads-page';

/** 我的收藏 `/community/bookmarks`: bookmarked threads, newest bookmark first. */
export function BookmarksPage() {
  const { t } = useTranslation();
  const fetchPage = useCallback((cursor: string | null) => forumApi.bookmarks(cursor), []);
  return (
    <NavPage title={t('forum.bookmarks')} back="/community/threads">
      <PagedThreads fetchPage={fetchPage} emptyText={t('forum.noBookmarks')} testId="bookmark-list" />
    </NavPage>
  );
}
