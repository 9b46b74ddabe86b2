import { RealtimeClient, realtimeUrl } from '@quanzi/realtime-client';
import { notification } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useOperator } from '../../shared/operator-context';

/** Alarm events for pages that show them (the board reloads on `alarm.raised` / `alarm.cleared`). */
export const alarmEvents = new EventTarget();

/**
 * The console's ear for the unanswered-question alarm: community managers (and administrators)
 * hear `alarm.raised` on their `ops:<role>` channel; the operator on duty gets a notification that
 * opens the board; every open board refreshes.
 */
export function AlarmWatch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { operator, can, refresh } = useOperator();
  const id = operator?.id;
  const role = operator?.roles.includes('community_manager') ? 'community_manager' : operator?.roles.includes('admin') ? 'admin' : null;
  const allowed = can('community.manage');
  useEffect(() => {
    if (!id || !role || !allowed) return;
    // The console cookie authenticates the socket: same origin, nothing in the URL.
    const client = new RealtimeClient({
      url: realtimeUrl(window.location),
      // The session ended (signed out elsewhere, revoked by an administrator): ask who is signed in,
      // which shows the login when nobody is — instead of a silent board that never refreshes again.
      onSignedOut: () => void refresh(),
    });
    client.subscribe(`ops:${role}`, (event) => {
      if (event.name !== 'alarm.raised' && event.name !== 'alarm.cleared') return;
      alarmEvents.dispatchEvent(new Event(event.name));
      const data = event.data as { excerpt?: string; dutyOperatorIds?: string[] };
      if (event.name === 'alarm.raised' && data.dutyOperatorIds?.includes(id))
        notification.warning({
          key: 'ops-alarm',
          message: t('ops.alarms.toast'),
          description: data.excerpt,
          onClick: () => navigate('/community/alarms'),
          duration: 0,
        });
    });
    client.start();
    return () => client.stop();
  }, [id, role, allowed, t, navigate, refresh]);
  return null;
}
