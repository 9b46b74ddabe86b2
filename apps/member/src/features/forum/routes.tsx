import type { ReactElement } from 'react';

/** The forum pages, mounted by main.tsx; `member` wraps pages that need a login. */
export function forumRoutes(member: (page: ReactElement) => ReactElement): ReactElement[] {
  void member;
  return [];
}
