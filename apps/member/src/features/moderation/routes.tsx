import type { ReactElement } from 'react';

/** The moderation pages, mounted by main.tsx; `member` wraps pages that need a login. */
export function moderationRoutes(member: (page: ReactElement) => ReactElement): ReactElement[] {
  void member;
  return [];
}
