import type { ReactElement } from 'react';
import { Route } from 'react-router-dom';
import { CheckinPage } from './checkin-page';
import { LevelPage } from './level-page';
import './locales';
import './loyalty.css';
import { PointsPage } from './points-page';

/** Points, level and check-in pages, mounted by main.tsx; all need a login. */
export function loyaltyRoutes(member: (page: ReactElement) => ReactElement): ReactElement[] {
  return [
    <Route key="points" path="/me/points" element={member(<PointsPage />)} />,
    <Route key="level" path="/me/level" element={member(<LevelPage />)} />,
    <Route key="checkin" path="/me/checkin" element={member(<CheckinPage />)} />,
  ];
}
