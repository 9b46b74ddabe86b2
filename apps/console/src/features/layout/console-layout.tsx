import { Button, Layout, Menu, Segmented, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../../shared/api';
import { setLanguage } from '../../shared/i18n';
import { useOperator } from '../../shared/operator-context';
import { RoleTags } from '../../shared/roles';
import { selectedItem, visibleMenu } from './menu';
import { AlarmWatch } from '../community-ops/alarm-watch';

export function ConsoleLayout() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { operator, loading, setOperator, can } = useOperator();
  if (loading) return <Spin fullscreen />;
  if (!operator) return <Navigate to={`/login?next=${encodeURIComponent(pathname)}`} replace />;
  const menu = visibleMenu(can);
  const leaves = menu.flatMap((m) => ('path' in m ? [m] : m.children));
  const selected = selectedItem(leaves, pathname)?.path;

  const logout = async () => {
    await api('POST', '/auth/logout').catch(() => undefined);
    setOperator(null);
    navigate('/login', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <AlarmWatch />
      <Layout.Sider width={208} theme="dark">
        <div className="brand">{t('brand')}</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          defaultOpenKeys={menu.flatMap((m) => ('path' in m ? [] : [m.key]))}
          items={menu.map((m) =>
            'path' in m
              ? { key: m.path, icon: m.icon, label: t(`menu.${m.key}`) }
              : {
                  key: m.key,
                  icon: m.icon,
                  label: t(`menu.${m.key}`),
                  children: m.children.map((c) => ({ key: c.path, icon: c.icon, label: t(`menu.${c.key}`) })),
                },
          )}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', paddingInline: 24 }}>
          <Space size="middle">
            <Typography.Text strong>{operator.displayName}</Typography.Text>
            <span>
              <RoleTags roles={operator.roles} />
            </span>
            <Segmented
              size="small"
              value={i18n.language === 'en' ? 'en' : 'zh-CN'}
              options={[
                { label: '中文', value: 'zh-CN' },
                { label: 'EN', value: 'en' },
              ]}
              onChange={(v) => setLanguage(v as 'zh-CN' | 'en')}
            />
            <Button onClick={logout}>{t('layout.logout')}</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          {pathname === '/' ? <Navigate to={leaves[0]?.path ?? '/members'} replace /> : <Outlet />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
