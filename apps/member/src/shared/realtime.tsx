import { RealtimeClient, realtimeUrl, type ConnectionState } from '@quanzi/realtime-client';
import { NoticeBar } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from './me-context';

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
    const client = new RealtimeClient({ url: realtimeUrl(window.location), onState: setState });
    client.subscribe(`user:${memberId}`, () => void refresh(), { onResync: () => void refresh() });
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
