import { RealtimeClient, realtimeUrl, type ConnectionState } from '@quanzi/realtime-client';
import { NoticeBar } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from './me-context';

/** Events on the member's own channel, for pages that show what they change (the wallet listens for `wallet.changed`). */
export const memberEvents = new EventTarget();

/** Calls `handler` whenever the member's channel carries `name`. */
export function useMemberEvent(name: string, handler: () => void): void {
  useEffect(() => {
    memberEvents.addEventListener(name, handler);
    return () => memberEvents.removeEventListener(name, handler);
  }, [name, handler]);
}

/**
 * The member's live connection: their own channel tells the app when something about them changed
 * (verified, card bound, …) so every open device refreshes; a banner shows while it reconnects.
 */
export function MemberRealtime() {
  const { t } = useTranslation();
  const { me, refresh } = useMe();
  const [state, setState] = useState<ConnectionState>('closed');
  const memberId = me?.id;
  useEffect(() => {
    if (!memberId) return;
    // The session cookie authenticates the socket: same origin, nothing in the URL.
    const client = new RealtimeClient({
      url: realtimeUrl(window.location),
      onState: setState,
      // Signed out here or on another device (or the account closed): refetching "me" shows the login.
      onSignedOut: () => void refresh(),
    });
    client.subscribe(
      `user:${memberId}`,
      (event) => {
        if (event.name === 'profile.changed') void refresh();
        memberEvents.dispatchEvent(new Event(event.name));
      },
      {
        // Too long away to replay what was missed: refetch everything the member may be looking at.
        onResync: () => {
          void refresh();
          memberEvents.dispatchEvent(new Event('wallet.changed'));
          memberEvents.dispatchEvent(new Event('inbox.changed'));
        },
      },
    );
    client.start();
    return () => client.stop();
  }, [memberId, refresh]);
  if (state !== 'reconnecting') return null;
  return (
    <div style={{ position: 'sticky', top: 0, zIndex: 20 }} role="status">
      <NoticeBar content={t('common.reconnecting')} color="alert" />
    </div>
  );
}
