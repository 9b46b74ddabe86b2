import { useCallback, useEffect, useState } from 'react';
import { useMemberEvent } from '../../shared/realtime';
import { inboxApi } from './inbox-api';

/** The member's unread count, refreshed whenever any of their devices changes the inbox. */
export function useUnreadCount(): number {
  const [unread, setUnread] = useState(0);
  const refresh = useCallback(() => {
    inboxApi.page('unread', undefined, 1).then(
      (page) => setUnread(page.unread),
      () => undefined,
    );
  }, []);
  useEffect(refresh, [refresh]);
  useMemberEvent('inbox.changed', refresh);
  return unread;
}
