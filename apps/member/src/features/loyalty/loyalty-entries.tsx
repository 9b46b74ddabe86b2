import { List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import './locales';

/** The 我的 page's entries to points, level and check-in. */
export function LoyaltyEntries() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <List.Item onClick={() => navigate('/me/checkin')} data-testid="me-checkin">
        {t('loyalty.entry.checkin')}
      </List.Item>
      <List.Item onClick={() => navigate('/me/points')} data-testid="me-points">
        {t('loyalty.entry.points')}
      </List.Item>
      <List.Item onClick={() => navigate('/me/level')} data-testid="me-level">
        {t('loyalty.entry.level')}
      </List.Item>
    </>
  );
}
