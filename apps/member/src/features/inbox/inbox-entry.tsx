import { Badge, List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useUnreadCount } from './use-unread';

/** The "消息通知" row of the Me page, with the unread count. */
export function InboxEntry() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const unread = useUnreadCount();
  return (
    <List.Item
      onClick={() => navigate('/inbox')}
      data-testid="me-inbox"
      extra={unread > 0 ? <Badge content={unread > 99 ? '99+' : unread} data-testid="inbox-unread-count" /> : null}
    >
      {t('inbox.meItem')}
    </List.Item>
  );
}
