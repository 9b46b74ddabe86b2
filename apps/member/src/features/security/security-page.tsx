import { List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../../shared/me-context';
import { Page } from '../../shared/page';
import { DevicesList } from './devices-list';
import { LoginHistory } from './login-history';

export function SecurityPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me } = useMe();
  if (!me) return null;
  return (
    <Page title={t('security.title')} back="/me">
      <div className="page-body">
        <div className="card" style={{ padding: 0, overflow: 'hidden' }}>
          <List>
            <List.Item
              onClick={() => navigate('/me/security/payment-password')}
              extra={me.hasPaymentPassword ? t('security.change') : t('security.notSet')}
            >
              {t('security.paymentPassword')}
            </List.Item>
            {me.hasPaymentPassword && (
              <List.Item onClick={() => navigate('/me/security/payment-password/reset')}>{t('security.resetPin')}</List.Item>
            )}
          </List>
        </div>
        <DevicesList />
        <LoginHistory />
      </div>
    </Page>
  );
}
