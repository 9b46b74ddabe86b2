import { TabBar } from 'antd-mobile';
import { AppOutline, ContentOutline, PayCircleOutline, UserOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';

/** The four tabs: 首页 · 圈子 · 理财 · 我的. */
export function TabLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tabs = [
    { key: '/', title: t('tabs.home'), icon: <AppOutline /> },
    { key: '/community', title: t('tabs.community'), icon: <ContentOutline /> },
    { key: '/invest', title: t('tabs.invest'), icon: <PayCircleOutline /> },
    { key: '/me', title: t('tabs.me'), icon: <UserOutline /> },
  ];
  return (
    <div className="page">
      <Outlet />
      <div className="tabbar">
        <TabBar activeKey={pathname} onChange={(key) => navigate(key)}>
          {tabs.map((tab) => (
            <TabBar.Item key={tab.key} icon={tab.icon} title={tab.title} />
          ))}
        </TabBar>
      </div>
    </div>
  );
}
