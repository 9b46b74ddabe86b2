import { List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import './locales';

/** The home page's way into the newbie zone and the task center. */
export function NewbieEntryCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="card" style={{ padding: 0, overflow: 'hidden' }}>
      <List>
        <List.Item onClick={() => navigate('/newbie')} description={t('newbie.zoneEntryDesc')} data-testid="home-newbie-zone">
          {t('newbie.zoneEntry')}
        </List.Item>
        <List.Item onClick={() => navigate('/tasks')} description={t('newbie.tasksEntryDesc')} data-testid="home-tasks">
          {t('newbie.tasksEntry')}
        </List.Item>
      </List>
    </div>
  );
}
