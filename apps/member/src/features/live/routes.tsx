import type { ReactElement } from 'react';
import { Route } from 'react-router-dom';
import '../forum/forum.css';
import '../forum/locales';
import './live.css';
import { LiveListPage } from './live-list-page';
import { LiveRoomPage } from './live-room-page';
import './locales';

/** The live pages, mounted by main.tsx; `member` wraps pages that need a login (all of them: the API asks for one). */
export function liveRoutes(member: (page: ReactElement) => ReactElement): ReactElement[] {
  return [
    <Route key="live-list" path="/community/live" element={member(<LiveListPage />)} />,
    <Route key="live-room" path="/community/live/:id" element={member(<LiveRoomPage />)} />,
  ];
}
