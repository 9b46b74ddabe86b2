import { List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../../shared/me-context';
import { NewbieEntryCard } from '../newbie/entry-card';
import { NewbieTasks } from './newbie-tasks';

export function HomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me } = useMe();
  if (!me) return null;
  return (
    <>
      <div className="hero">
        <h2>{t('home.greeting', { name: me.nickname })}</h2>
        <p>{me.phoneMasked}</p>
      </div>
      <div className="overlap">
        <NewbieTasks me={me} />
        <NewbieEntryCard />
        <div className="card" style={{ padding: 0, overflow: 'hidden' }}>
          <List>
            <List.Item onClick={() => navigate('/invest')} description={t('home.investText')} data-testid="home-invest">
              {t('home.investTitle')}
            </List.Item>
          </List>
        </div>
        <div className="card">
          <h3>{t('home.aboutTitle')}</h3>
          <p className="muted">{t('home.aboutText')}</p>
        </div>
        <div className="risk-note">{t('common.riskNote')}</div>
      </div>
    </>
  );
}
