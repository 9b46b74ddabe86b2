import type { Permission } from '@quanzi/contracts';
import {
  AccountBookOutlined,
  AlertOutlined,
  CalendarOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BookOutlined,
  BankOutlined,
  CommentOutlined,
  CrownOutlined,
  DisconnectOutlined,
  FileSearchOutlined,
  FilterOutlined,
  FundOutlined,
  GiftOutlined,
  HistoryOutlined,
  LinkOutlined,
  MessageOutlined,
  NotificationOutlined,
  OrderedListOutlined,
  PieChartOutlined,
  QuestionCircleOutlined,
  ReadOutlined,
  ReconciliationOutlined,
  RobotOutlined,
  RocketOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  ShoppingCartOutlined,
  SolutionOutlined,
  StopOutlined,
  TeamOutlined,
  TransactionOutlined,
  TrophyOutlined,
  UserOutlined,
  UsergroupAddOutlined,
  VideoCameraOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

export interface MenuItem {
  path: string;
  key: string;
  permission: Permission;
  icon: ReactNode;
}
export interface MenuGroup {
  key: string;
  icon: ReactNode;
  children: MenuItem[];
}

/** The console menu; each item shows only to operators holding its permission, a group only with an item to show. */
export const MENU: Array<MenuItem | MenuGroup> = [
  { path: '/members', key: 'members', permission: 'members.read', icon: <UserOutlined /> },
  { path: '/operators', key: 'operators', permission: 'operators.manage', icon: <TeamOutlined /> },
  { path: '/audit-log', key: 'auditLog', permission: 'audit.read', icon: <AuditOutlined /> },
  { path: '/sms-outbox', key: 'smsOutbox', permission: 'sms.read', icon: <MessageOutlined /> },
  {
    key: 'finance',
    icon: <AccountBookOutlined />,
    children: [
      { path: '/finance/orders', key: 'orders', permission: 'ledger.read', icon: <TransactionOutlined /> },
      { path: '/finance/withdrawals', key: 'withdrawals', permission: 'ledger.read', icon: <ScheduleOutlined /> },
      { path: '/finance/reconciliation', key: 'reconciliation', permission: 'ledger.read', icon: <ReconciliationOutlined /> },
      { path: '/finance/trial-balance', key: 'trialBalance', permission: 'ledger.read', icon: <BankOutlined /> },
      { path: '/finance/accounts', key: 'accounts', permission: 'ledger.read', icon: <FileSearchOutlined /> },
      { path: '/finance/callback-rejections', key: 'callbackRejections', permission: 'ledger.read', icon: <DisconnectOutlined /> },
    ],
  },
  {
    key: 'investing',
    icon: <FundOutlined />,
    children: [
      { path: '/investing/products', key: 'products', permission: 'ledger.read', icon: <AppstoreOutlined /> },
      { path: '/investing/issuers', key: 'issuers', permission: 'ledger.read', icon: <SolutionOutlined /> },
      { path: '/investing/orders', key: 'investOrders', permission: 'ledger.read', icon: <ShoppingCartOutlined /> },
      { path: '/investing/holdings', key: 'holdings', permission: 'ledger.read', icon: <PieChartOutlined /> },
      // Nothing to read there: only operators who may grant see it.
      { path: '/investing/experience-grants', key: 'experienceGrants', permission: 'finance.operate', icon: <GiftOutlined /> },
    ],
  },
  {
    key: 'community',
    icon: <CommentOutlined />,
    children: [
      { path: '/community/groups', key: 'groups', permission: 'community.manage', icon: <UsergroupAddOutlined /> },
      { path: '/community/experts', key: 'experts', permission: 'community.manage', icon: <SafetyCertificateOutlined /> },
      { path: '/community/live', key: 'liveSessions', permission: 'community.manage', icon: <VideoCameraOutlined /> },
      { path: '/community/announcements', key: 'announcements', permission: 'community.manage', icon: <NotificationOutlined /> },
      { path: '/community/questions', key: 'unansweredQuestions', permission: 'community.manage', icon: <QuestionCircleOutlined /> },
      { path: '/community/alarms', key: 'unansweredAlarms', permission: 'community.manage', icon: <AlertOutlined /> },
      { path: '/community/duty-roster', key: 'dutyRoster', permission: 'community.manage', icon: <CalendarOutlined /> },
      { path: '/community/ops', key: 'groupOps', permission: 'community.manage', icon: <RobotOutlined /> },
      { path: '/community/sop-templates', key: 'sopTemplates', permission: 'community.manage', icon: <OrderedListOutlined /> },
      { path: '/community/moderation', key: 'moderationQueue', permission: 'community.moderate', icon: <WarningOutlined /> },
      { path: '/community/modlog', key: 'moderationLog', permission: 'community.moderate', icon: <HistoryOutlined /> },
      { path: '/community/appeals', key: 'appeals', permission: 'community.moderate', icon: <StopOutlined /> },
      { path: '/community/words', key: 'sensitiveWords', permission: 'community.moderate', icon: <FilterOutlined /> },
      { path: '/community/charter', key: 'charter', permission: 'charter.edit', icon: <BookOutlined /> },
    ],
  },
  {
    key: 'newbie',
    icon: <RocketOutlined />,
    children: [
      { path: '/newbie/guide', key: 'newbieGuide', permission: 'newbie.manage', icon: <ReadOutlined /> },
      { path: '/newbie/tasks', key: 'newbieTasks', permission: 'newbie.manage', icon: <TrophyOutlined /> },
    ],
  },
  {
    key: 'growth',
    icon: <GiftOutlined />,
    children: [{ path: '/growth/campaigns', key: 'campaigns', permission: 'growth.manage', icon: <FundOutlined /> }],
  },
  {
    key: 'touch',
    icon: <NotificationOutlined />,
    children: [
      { path: '/touch/templates', key: 'templates', permission: 'touch.manage', icon: <BookOutlined /> },
      { path: '/touch/sends', key: 'sends', permission: 'touch.manage', icon: <ScheduleOutlined /> },
      { path: '/touch/deliveries', key: 'deliveries', permission: 'touch.manage', icon: <HistoryOutlined /> },
      { path: '/touch/mail-outbox', key: 'mailOutbox', permission: 'touch.manage', icon: <MessageOutlined /> },
      { path: '/touch/activity-links', key: 'activityLinks', permission: 'touch.manage', icon: <LinkOutlined /> },
      { path: '/touch/robots', key: 'robots', permission: 'touch.manage', icon: <RobotOutlined /> },
      { path: '/touch/settings', key: 'touchSettings', permission: 'touch.manage', icon: <SettingOutlined /> },
    ],
  },
  {
    key: 'loyalty',
    icon: <CrownOutlined />,
    children: [
      { path: '/loyalty/points', key: 'pointsAdjust', permission: 'loyalty.manage', icon: <GiftOutlined /> },
      { path: '/loyalty/levels', key: 'levelRules', permission: 'loyalty.manage', icon: <OrderedListOutlined /> },
    ],
  },
  {
    key: 'rewards',
    icon: <GiftOutlined />,
    children: [
      { path: '/rewards/wheels', key: 'wheels', permission: 'rewards.manage', icon: <GiftOutlined /> },
      { path: '/rewards/mall/items', key: 'mallItems', permission: 'rewards.manage', icon: <ShoppingCartOutlined /> },
      { path: '/rewards/mall/orders', key: 'mallOrders', permission: 'rewards.manage', icon: <OrderedListOutlined /> },
    ],
  },
];

/** The menu as this operator sees it. */
export function visibleMenu(can: (p: Permission) => boolean): Array<MenuItem | MenuGroup> {
  return MENU.flatMap((entry): Array<MenuItem | MenuGroup> => {
    if ('path' in entry) return can(entry.permission) ? [entry] : [];
    const children = entry.children.filter((c) => can(c.permission));
    return children.length ? [{ ...entry, children }] : [];
  });
}

/** The item a path belongs to: the longest item path that is the path or a parent of it. */
export function selectedItem(items: MenuItem[], pathname: string): MenuItem | undefined {
  return items.filter((m) => pathname === m.path || pathname.startsWith(`${m.path}/`)).sort((a, b) => b.path.length - a.path.length)[0];
}
