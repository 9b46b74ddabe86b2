import { ActionSheet, Dialog, List, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../shared/api';
import { LANGUAGES, setLanguage } from '../../shared/i18n';
import { useMe } from '../../shared/me-context';
import { inboxApi } from '../inbox/inbox-api';
import { InboxEntry } from '../inbox/inbox-entry';
import { LoyaltyEntries } from '../loyalty/loyalty-entries';

export function MePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { me, setMe } = useMe();
  const [languageOpen, setLanguageOpen] = useState(false);
  if (!me) return null;

  const logout = async () => {
    if (!(await Dialog.confirm({ content: t('me.logoutConfirm') }))) return;
    try {
      await api('POST', '/auth/logout');
    } catch (err) {
      Toast.show({ content: errorMessage(err) });
    }
    setMe(null);
    navigate('/login', { replace: true });
  };

  return (
    <>
      <div className="hero">
        <h2>{me.nickname}</h2>
        <p>{me.phoneMasked}</p>
      </div>
      <div className="overlap">
        <div className="card" style={{ padding: 0, overflow: 'hidden' }}>
          <List>
            <List.Item onClick={() => navigate('/wallet')} data-testid="me-wallet">
              {t('me.wallet')}
            </List.Item>
            <List.Item onClick={() => navigate('/holdings')} data-testid="me-holdings">
              {t('me.holdings')}
            </List.Item>
            <List.Item onClick={() => navigate('/me/coupons')} data-testid="me-coupons">
              {t('coupons.title')}
            </List.Item>
            <InboxEntry />
            <LoyaltyEntries />
            <List.Item
              onClick={() => navigate('/me/real-name')}
              extra={me.realName ? <Tag color="success">{t('me.verified')}</Tag> : <Tag color="warning">{t('me.unverified')}</Tag>}
              description={me.realName ? `${me.realName.nameMasked} · ${me.realName.idNumberMasked}` : undefined}
            >
              {t('me.realName')}
            </List.Item>
            <List.Item onClick={() => navigate('/me/bank-cards')} extra={t('me.cardCount', { count: me.bankCards.length })}>
              {t('me.bankCards')}
            </List.Item>
            <List.Item onClick={() => navigate('/lottery')}>{t('rewards.lottery.title')}</List.Item>
            <List.Item onClick={() => navigate('/mall')}>{t('rewards.mall.title')}</List.Item>
            <List.Item onClick={() => navigate('/invite')} data-testid="me-invite">
              {t('rewards.invite.title')}
            </List.Item>
            <List.Item onClick={() => navigate('/me/security')}>{t('me.security')}</List.Item>
            <List.Item onClick={() => setLanguageOpen(true)} extra={LANGUAGES.find((l) => l.code === i18n.language)?.label}>
              {t('me.language')}
            </List.Item>
            <List.Item onClick={() => navigate('/agreements/user')}>{t('auth.userAgreement')}</List.Item>
            <List.Item onClick={() => navigate('/agreements/privacy')}>{t('auth.privacyPolicy')}</List.Item>
            <List.Item onClick={() => navigate('/charter')} data-testid="me-charter">
              {t('charter.link')}
            </List.Item>
            <List.Item onClick={() => navigate('/me/closure')}>{t('me.closure')}</List.Item>
            <List.Item onClick={logout}>
              <span style={{ color: '#ff3141' }}>{t('me.logout')}</span>
            </List.Item>
          </List>
        </div>
      </div>
      <ActionSheet
        visible={languageOpen}
        onClose={() => setLanguageOpen(false)}
        actions={LANGUAGES.map((l) => ({
          key: l.code,
          text: l.label,
          onClick: () => {
            setLanguage(l.code);
            // Notifications and operator sends follow the app's language (best effort: the app's own switch has happened).
            void inboxApi.setLocale(l.code).catch(() => undefined);
          },
        }))}
        cancelText={t('common.cancel')}
      />
    </>
  );
}
