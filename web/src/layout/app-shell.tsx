import { LogoutOutlined, MenuOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, Grid, Layout, Menu, Space, Tag, Typography } from 'antd';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useHospital, useCurrentUser } from '../api/queries.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { navItems } from './nav.ts';
import { TrainingClockStrip } from './training-clock.tsx';

const { Header, Content } = Layout;

/** Who is signed in and for which hospital: always visible, since a vendor works across many. */
function UserBadge({ compact }: { compact: boolean }) {
  const { t } = useLocale();
  const me = useCurrentUser();
  const { claims, signOut } = useAuth();
  const hospital = useHospital(me.hospitalId);
  const navigate = useNavigate();
  const name = claims?.name ?? me.email ?? me.sub;
  const hospitalName =
    me.hospitalId === null ? t.header.allHospitals : (hospital.data?.name ?? me.hospitalId);
  const onSignOut = async () => {
    await signOut();
    navigate('/sign-in', { replace: true });
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'who',
            disabled: true,
            label: (
              <div style={{ lineHeight: 1.6 }}>
                <div>{name}</div>
                {me.email ? <Typography.Text type="secondary">{me.email}</Typography.Text> : null}
                <div>
                  {t.roles[me.role]} · {hospitalName}
                </div>
              </div>
            ),
          },
          { type: 'divider' },
          {
            key: 'sign-out',
            icon: <LogoutOutlined />,
            label: t.header.signOut,
            onClick: () => void onSignOut(),
          },
        ],
      }}
    >
      <Button type="text" data-testid="user-menu" style={{ paddingInline: 4, height: 40 }}>
        <Space size={6}>
          <Avatar size="small" icon={<UserOutlined />} />
          {compact ? null : (
            <>
              <span data-testid="user-name">{name}</span>
              <Tag color="blue" style={{ marginInlineEnd: 0 }} data-testid="user-role">
                {t.roles[me.role]}
              </Tag>
              <Typography.Text type="secondary" data-testid="user-hospital">
                {hospitalName}
              </Typography.Text>
            </>
          )}
        </Space>
      </Button>
    </Dropdown>
  );
}

export function LanguageSwitch() {
  const { locale, setLocale, t } = useLocale();
  return (
    <Button
      type="text"
      icon={<TranslationOutlined />}
      onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
      data-testid="language"
    >
      {t.common.language}
    </Button>
  );
}

export function AppShell() {
  const { t } = useLocale();
  const me = useCurrentUser();
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  const compact = !screens.md;
  const items = navItems(me, t);
  const selected = items.filter((i) => i.match.test(pathname)).map((i) => i.key);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header className="app-header">
        <Link to="/" className="app-brand">
          <img src="/favicon.svg" alt="" width={24} height={24} />
          {compact ? null : <span>{t.app.product}</span>}
        </Link>
        {compact ? (
          // A phone names the page it is on, and opens the rest from there: a collapsed "…"
          // would hide where the person is.
          <div style={{ flex: 1, minWidth: 0 }}>
            <Dropdown
              trigger={['click']}
              menu={{
                selectedKeys: selected,
                items: items.map((i) => ({ key: i.key, label: <Link to={i.to}>{i.label}</Link> })),
              }}
            >
              <Button type="text" data-testid="nav-current" style={{ paddingInline: 8 }}>
                <Space size={4}>
                  <MenuOutlined />
                  <span>{items.find((i) => selected.includes(i.key))?.label ?? t.app.name}</span>
                </Space>
              </Button>
            </Dropdown>
          </div>
        ) : (
          <Menu
            mode="horizontal"
            selectedKeys={selected}
            items={items.map((i) => ({ key: i.key, label: <Link to={i.to}>{i.label}</Link> }))}
            style={{ flex: 1, minWidth: 0, borderBottom: 'none' }}
          />
        )}
        <LanguageSwitch />
        <UserBadge compact={compact} />
      </Header>
      <TrainingClockStrip />
      <Content className="app-content">
        <Outlet />
      </Content>
    </Layout>
  );
}
