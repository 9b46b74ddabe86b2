import type { ReactElement } from 'react';
import { Route } from 'react-router-dom';
import '../forum/forum.css';
import '../forum/locales';
import { AppealPage } from './appeal-page';
import { AppealsPage } from './appeals-page';
import './locales';
import './moderation.css';
import { ModlogEntryPage } from './modlog-entry-page';
import { ModlogPage } from './modlog-page';
import { ReportPage } from './report-page';

/** The moderation pages, mounted by main.tsx; `member` wraps pages that need a login. The log is public. */
export function moderationRoutes(member: (page: ReactElement) => ReactElement): ReactElement[] {
  return [
    <Route key="mod-report" path="/community/report" element={member(<ReportPage />)} />,
    <Route key="mod-appeal-new" path="/community/appeals/new" element={member(<AppealPage />)} />,
    <Route key="mod-appeals" path="/community/appeals" element={member(<AppealsPage />)} />,
    <Route key="mod-modlog" path="/modlog" element={<ModlogPage />} />,
    <Route key="mod-modlog-entry" path="/modlog/:id" element={<ModlogEntryPage />} />,
  ];
}
