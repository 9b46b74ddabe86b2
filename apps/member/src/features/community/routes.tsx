import type { ReactElement } from 'react';
import { Route } from 'react-router-dom';
import { ChatPage } from './chat-page';
import './community.css';
import './locales';
import { SearchPage } from './search-page';

/** The community's pages (groups, chat, search), mounted by main.tsx; `member` wraps pages that need a login. */
export function communityRoutes(member: (page: ReactElement) => ReactElement): ReactElement[] {
  return [
    <Route key="community-group" path="/community/groups/:id" element={member(<ChatPage />)} />,
    <Route key="community-search" path="/community/search" element={member(<SearchPage />)} />,
  ];
}
