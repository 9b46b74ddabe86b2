import type { ReactElement } from 'react';

/** The live pages, mounted by main.tsx; `member` wraps pages that need a login. */
export function liveRoutes(member: (page: ReactElement) => ReactElement): ReactElement[] {
  void member;
  return [];
}
