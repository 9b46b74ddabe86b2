import type { Permission } from '@quanzi/contracts';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AuditLogPage } from './features/audit-log/audit-log-page';
import { LoginPage } from './features/auth/login-page';
import { AnnouncementPage } from './features/announcements/announcement-page';
import { AppealsPage } from './features/appeals/appeals-page';
import { CharterPage } from './features/charter/charter-page';
import { GroupsPage } from './features/community-groups/groups-page';
import { ExpertsPage } from './features/experts/experts-page';
import { LivePage } from './features/live-sessions/live-page';
import { ModlogPage } from './features/moderation-log/modlog-page';
import { QueuePage } from './features/moderation-queue/queue-page';
import { WordsPage } from './features/sensitive-words/words-page';
import { UnansweredPage } from './features/unanswered-questions/unanswered-page';
import { AlarmsPage } from './features/community-ops/alarms-page';
import { GroupOpsPage } from './features/community-ops/group-ops-page';
import { RosterPage } from './features/community-ops/roster-page';
import { SopTemplatesPage } from './features/community-ops/sop-page';
import { CallbackRejectionsPage } from './features/callback-rejections/callback-rejections-page';
import { ExperienceGrantPage } from './features/experience-grants/experience-grant-page';
import { LevelRulesPage } from './features/loyalty/level-rules-page';
import { PointsAdjustPage } from './features/loyalty/points-adjust-page';
import { HoldingsPage } from './features/investing-holdings/holdings-page';
import { IssuersPage } from './features/investing-issuers/issuers-page';
import { InvestOrdersPage } from './features/investing-orders/invest-orders-page';
import { ProductDetailPage } from './features/investing-products/product-detail-page';
import { ProductsPage } from './features/investing-products/products-page';
import { ConsoleLayout } from './features/layout/console-layout';
import { RequirePermission } from './features/layout/require-permission';
import { MallItemsPage, MallOrdersPage } from './features/rewards/mall-pages';
import { WheelDetailPage } from './features/rewards/wheel-detail-page';
import { WheelsPage } from './features/rewards/wheels-page';
import { AccountsPage } from './features/ledger-accounts/accounts-page';
import { StatementPage } from './features/ledger-accounts/statement-page';
import { MemberDetailPage } from './features/members/member-detail-page';
import { MembersPage } from './features/members/members-page';
import { OperatorsPage } from './features/operators/operators-page';
import { ReconciliationPage } from './features/reconciliation/reconciliation-page';
import { SmsOutboxPage } from './features/sms-outbox/sms-outbox-page';
import { TrialBalancePage } from './features/trial-balance/trial-balance-page';
import { OrdersPage } from './features/wallet-orders/orders-page';
import { WithdrawalReviewPage } from './features/withdrawal-review/withdrawal-review-page';
import { GuidePage } from './features/newbie/guide-page';
import { TaskRewardsPage } from './features/newbie/tasks-page';
import { OperatorProvider } from './shared/operator-context';
import { CampaignBuilderPage } from './features/growth/campaign-builder-page';
import { CampaignDetailPage } from './features/growth/campaign-detail-page';
import { CampaignsPage } from './features/growth/campaigns-page';
import './styles.css';
import { ActivityLinksPage, RobotsPage, TouchSettingsPage } from './features/touch/touch-ops-pages';
import { DeliveriesPage, MailOutboxPage, SendsPage, TemplatesPage } from './features/touch/touch-pages';

/**
 * The community section (社区): groups, experts, live sessions, announcements and unanswered questions with
 * `community.manage`; the moderation queue, log, appeals and sensitive words with `community.moderate`.
 */
const COMMUNITY_ROUTES: Array<[string, ReactNode, Permission]> = [
  ['community/groups', <GroupsPage />, 'community.manage'],
  ['community/experts', <ExpertsPage />, 'community.manage'],
  ['community/live', <LivePage />, 'community.manage'],
  ['community/announcements', <AnnouncementPage />, 'community.manage'],
  ['community/questions', <UnansweredPage />, 'community.manage'],
  ['community/alarms', <AlarmsPage />, 'community.manage'],
  ['community/duty-roster', <RosterPage />, 'community.manage'],
  ['community/ops', <GroupOpsPage />, 'community.manage'],
  ['community/sop-templates', <SopTemplatesPage />, 'community.manage'],
  ['community/moderation', <QueuePage />, 'community.moderate'],
  ['community/modlog', <ModlogPage />, 'community.moderate'],
  ['community/appeals', <AppealsPage />, 'community.moderate'],
  ['community/words', <WordsPage />, 'community.moderate'],
];

/** The touch section (触达): templates, sends, the delivery log, the mail outbox, activity links, robots and settings, with `touch.manage` (writes that need `touch.approve` check it themselves). */
const TOUCH_ROUTES: Array<[string, ReactNode]> = [
  ['touch/templates', <TemplatesPage />],
  ['touch/sends', <SendsPage />],
  ['touch/deliveries', <DeliveriesPage />],
  ['touch/mail-outbox', <MailOutboxPage />],
  ['touch/activity-links', <ActivityLinksPage />],
  ['touch/robots', <RobotsPage />],
  ['touch/settings', <TouchSettingsPage />],
];

/** The finance section: every page reads with `ledger.read`; its writes check `finance.operate` themselves. */
const FINANCE_ROUTES: Array<[string, ReactNode]> = [
  ['finance/orders', <OrdersPage />],
  ['finance/withdrawals', <WithdrawalReviewPage />],
  ['finance/reconciliation', <ReconciliationPage />],
  ['finance/trial-balance', <TrialBalancePage />],
  ['finance/accounts', <AccountsPage />],
  ['finance/accounts/:id', <StatementPage />],
  ['finance/callback-rejections', <CallbackRejectionsPage />],
];

/** The investing section, for finance: read with `ledger.read`, writes check `finance.operate`; granting is all write. */
const INVESTING_ROUTES: Array<[string, ReactNode, Permission]> = [
  ['investing/products', <ProductsPage />, 'ledger.read'],
  ['investing/products/:id', <ProductDetailPage />, 'ledger.read'],
  ['investing/issuers', <IssuersPage />, 'ledger.read'],
  ['investing/orders', <InvestOrdersPage />, 'ledger.read'],
  ['investing/holdings', <HoldingsPage />, 'ledger.read'],
  ['investing/experience-grants', <ExperienceGrantPage />, 'finance.operate'],
];

/** Loyalty (points adjustments, level rules): everything needs `loyalty.manage`. */
const LOYALTY_ROUTES: Array<[string, ReactNode]> = [
  ['loyalty/points', <PointsAdjustPage />],
  ['loyalty/levels', <LevelRulesPage />],
];

/** Lottery wheels and the points mall, with `rewards.manage`. */
const REWARDS_ROUTES: Array<[string, ReactNode]> = [
  ['rewards/wheels', <WheelsPage />],
  ['rewards/wheels/:id', <WheelDetailPage />],
  ['rewards/mall/items', <MallItemsPage />],
  ['rewards/mall/orders', <MallOrdersPage />],
];

/** The growth section (增长运营): campaigns, their builder and detail (burn-down, grants log), with `growth.manage`. */
const GROWTH_ROUTES: Array<[string, ReactNode]> = [
  ['growth/campaigns', <CampaignsPage />],
  ['growth/campaigns/new', <CampaignBuilderPage />],
  ['growth/campaigns/:id', <CampaignDetailPage />],
];

function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1677ff' } }}
      button={{ autoInsertSpace: false }}
    >
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/" element={<ConsoleLayout />}>
          <Route
            path="members"
            element={
              <RequirePermission permission="members.read">
                <MembersPage />
              </RequirePermission>
            }
          />
          <Route
            path="members/:id"
            element={
              <RequirePermission permission="members.read">
                <MemberDetailPage />
              </RequirePermission>
            }
          />
          <Route
            path="operators"
            element={
              <RequirePermission permission="operators.manage">
                <OperatorsPage />
              </RequirePermission>
            }
          />
          <Route
            path="audit-log"
            element={
              <RequirePermission permission="audit.read">
                <AuditLogPage />
              </RequirePermission>
            }
          />
          <Route
            path="sms-outbox"
            element={
              <RequirePermission permission="sms.read">
                <SmsOutboxPage />
              </RequirePermission>
            }
          />
          <Route
            path="community/charter"
            element={
              <RequirePermission permission="charter.edit">
                <CharterPage />
              </RequirePermission>
            }
          />
          {GROWTH_ROUTES.map(([path, page]) => (
            <Route key={path} path={path} element={<RequirePermission permission="growth.manage">{page}</RequirePermission>} />
          ))}
          {TOUCH_ROUTES.map(([path, page]) => (
            <Route key={path} path={path} element={<RequirePermission permission="touch.manage">{page}</RequirePermission>} />
          ))}
          {COMMUNITY_ROUTES.map(([path, page, permission]) => (
            <Route key={path} path={path} element={<RequirePermission permission={permission}>{page}</RequirePermission>} />
          ))}
          {FINANCE_ROUTES.map(([path, page]) => (
            <Route key={path} path={path} element={<RequirePermission permission="ledger.read">{page}</RequirePermission>} />
          ))}
          <Route
            path="newbie/guide"
            element={
              <RequirePermission permission="newbie.manage">
                <GuidePage />
              </RequirePermission>
            }
          />
          <Route
            path="newbie/tasks"
            element={
              <RequirePermission permission="newbie.manage">
                <TaskRewardsPage />
              </RequirePermission>
            }
          />
          {REWARDS_ROUTES.map(([path, page]) => (
            <Route key={path} path={path} element={<RequirePermission permission="rewards.manage">{page}</RequirePermission>} />
          ))}
          {INVESTING_ROUTES.map(([path, page, permission]) => (
            <Route key={path} path={path} element={<RequirePermission permission={permission}>{page}</RequirePermission>} />
          ))}
          {LOYALTY_ROUTES.map(([path, page]) => (
            <Route key={path} path={path} element={<RequirePermission permission="loyalty.manage">{page}</RequirePermission>} />
          ))}
        </Route>
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter basename="/console">
      <OperatorProvider>
        <App />
      </OperatorProvider>
    </BrowserRouter>
  </StrictMode>,
);
