import type { ReactElement } from 'react';
import { Route } from 'react-router-dom';
import './locales';
import { TasksPage } from './tasks-page';
import { ZonePage } from './zone-page';

/** The newbie zone and the task center, mounted by main.tsx (both need a login: the API asks for one). */
export function newbieRoutes(member: (page: ReactElement) => ReactElement): ReactElement[] {
  return [
    <Route key="newbie-zone" path="/newbie" element={member(<ZonePage />)} />,
    <Route key="newbie-tasks" path="/tasks" element={member(<TasksPage />)} />,
  ];
}
