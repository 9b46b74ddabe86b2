import { ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useNavigate } from 'react-router-dom';
import { AgreementPage } from './features/auth/agreement-page';
import { LoginPage } from './features/auth/login-page';
import { RegisterPage } from './features/auth/register-page';
import { ForgotPasswordPage } from './features/auth/forgot-password-page';
import { AddCardPage } from './features/bank-cards/add-card-page';
import { BankCardsPage } from './features/bank-cards/bank-cards-page';
import { ClosurePage } from './features/closure/closure-page';
import { CommunityPage } from './features/community/community-page';
import { HomePage } from './features/home/home-page';
import { TabLayout } from './features/home/tab-layout';
import { DisclosurePage } from './features/disclosure/disclosure-page';
import { CharterPage } from './features/charter/charter-page';
import { BuyPage } from './features/invest/buy-page';
import { EarningsPage } from './features/invest/earnings-page';
import { HoldingPage } from './features/invest/holding-page';
import { HoldingsPage } from './features/invest/holdings-page';
import { CouponsPage } from './features/coupons/coupons-page';
import { InvestPage } from './features/invest/invest-page';
import { ProductPage } from './features/invest/product-page';
import { MePage } from './features/profile/me-page';
import { RealNamePage } from './features/real-name/real-name-page';
import { PaymentPasswordPage } from './features/security/payment-password-page';
import { PaymentPasswordResetPage } from './features/security/payment-password-reset-page';
import { SecurityPage } from './features/security/security-page';
import { OrderPage } from './features/wallet/order-page';
import { StatementsPage } from './features/wallet/statements-page';
import { TopUpPage } from './features/wallet/top-up-page';
import { WalletPage } from './features/wallet/wallet-page';
import { WithdrawPage } from './features/wallet/withdraw-page';
import { SuitabilityPage } from './features/suitability/suitability-page';
import { InboxPage } from './features/inbox/inbox-page';
import { InboxSettingsPage } from './features/inbox/settings-page';
import { communityRoutes } from './features/community/routes';
import { forumRoutes } from './features/forum/routes';
import { liveRoutes } from './features/live/routes';
import { moderationRoutes } from './features/moderation/routes';
import { loyaltyRoutes } from './features/loyalty/routes';
import { newbieRoutes } from './features/newbie/routes';
import { rewardsRoutes } from './features/rewards/routes';
import { setUnauthenticatedHandler } from './shared/api';
import { captureLandingParams } from './shared/client-context';
import { PageViews } from './shared/analytics';
import './shared/i18n';
import { MeProvider, useMe } from './shared/me-context';
import { MemberRealtime } from './shared/realtime';
import { RequireMember } from './shared/require-member';
import './styles.css';

captureLandingParams();

function SessionWatcher() {
  const navigate = useNavigate();
  const { setMe } = useMe();
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setMe(null);
      navigate(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`, { replace: true });
    });
  }, [navigate, setMe]);
  return null;
}

function App() {
  const { i18n } = useTranslation();
  const member = (page: JSX.Element) => <RequireMember>{page}</RequireMember>;
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN}>
      <div className="app">
        <SessionWatcher />
        <PageViews />
        <MemberRealtime />
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/register" element={<RegisterPage />} />
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
          <Route path="/agreements/:kind" element={<AgreementPage />} />
          <Route path="/disclosure" element={<DisclosurePage />} />
          <Route path="/charter" element={<CharterPage />} />
          <Route element={member(<TabLayout />)}>
            <Route path="/" element={<HomePage />} />
            <Route path="/community" element={<CommunityPage />} />
            <Route path="/invest" element={<InvestPage />} />
            <Route path="/me" element={<MePage />} />
          </Route>
          <Route path="/me/real-name" element={member(<RealNamePage />)} />
          <Route path="/me/bank-cards" element={member(<BankCardsPage />)} />
          <Route path="/me/bank-cards/add" element={member(<AddCardPage />)} />
          <Route path="/me/security" element={member(<SecurityPage />)} />
          <Route path="/me/security/payment-password" element={member(<PaymentPasswordPage />)} />
          <Route path="/me/security/payment-password/reset" element={member(<PaymentPasswordResetPage />)} />
          <Route path="/me/closure" element={member(<ClosurePage />)} />
          <Route path="/me/coupons" element={member(<CouponsPage />)} />
          <Route path="/wallet" element={member(<WalletPage />)} />
          <Route path="/wallet/top-up" element={member(<TopUpPage />)} />
          <Route path="/wallet/withdraw" element={member(<WithdrawPage />)} />
          <Route path="/wallet/orders/:id" element={member(<OrderPage />)} />
          <Route path="/wallet/statements" element={member(<StatementsPage />)} />
          <Route path="/suitability" element={member(<SuitabilityPage />)} />
          <Route path="/products/:id" element={member(<ProductPage />)} />
          <Route path="/products/:id/buy" element={member(<BuyPage />)} />
          <Route path="/holdings" element={member(<HoldingsPage />)} />
          <Route path="/holdings/:id" element={member(<HoldingPage />)} />
          <Route path="/earnings" element={member(<EarningsPage />)} />
          <Route path="/inbox" element={member(<InboxPage />)} />
          <Route path="/inbox/settings" element={member(<InboxSettingsPage />)} />
          {communityRoutes(member)}
          {forumRoutes(member)}
          {liveRoutes(member)}
          {moderationRoutes(member)}
          {loyaltyRoutes(member)}
          {newbieRoutes(member)}
          {rewardsRoutes(member)}
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </div>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <MeProvider>
        <App />
      </MeProvider>
    </BrowserRouter>
  </StrictMode>,
);
