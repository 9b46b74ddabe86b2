import type { ReactElement } from 'react';
import { Route } from 'react-router-dom';
import { BookmarksPage } from './bookmarks-page';
import './forum.css';
import './locales';
import { NewThreadPage } from './new-thread-page';
import { ThreadPage } from './thread-page';
import { ThreadsPage } from './threads-page';

/**
 * The forum pages, mounted by main.tsx; `member` wraps pages that need a login. Reading the square,
 * the Q&A list and a square thread needs none (a public group's threads ask for login through the API; a private group's are not found).
 */
export function forumRoutes(member: (page: ReactElement) => ReactElement): ReactElement[] {
  return [
    <Route key="forum-threads" path="/community/threads" element={<ThreadsPage />} />,
    <Route key="forum-new" path="/community/threads/new" element={member(<NewThreadPage kind="post" />)} />,
    <Route key="forum-thread" path="/community/threads/:id" element={<ThreadPage />} />,
    <Route key="forum-questions" path="/community/questions" element={<ThreadsPage kind="question" />} />,
    <Route key="forum-ask" path="/community/questions/new" element={member(<NewThreadPage kind="question" />)} />,
    <Route key="forum-bookmarks" path="/community/bookmarks" element={member(<BookmarksPage />)} />,
  ];
}
