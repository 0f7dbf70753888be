import { LoginOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/auth-context.tsx';
import { listDemoUsers, localToken, type DemoUser } from '../auth/local-sign-in.ts';
import { safeReturnTo } from '../auth/oidc.ts';
import { PageLoading, ProblemAlert } from '../components/page-states.tsx';
import { LanguageSwitch } from '../layout/app-shell.tsx';
import { useT } from '../i18n/locale.tsx';

function returnToOf(state: unknown): string {
  const r = (state as { returnTo?: unknown } | null)?.returnTo;
  return typeof r === 'string' ? safeReturnTo(r) : '/';
}

function DemoUsers({ returnTo }: { returnTo: string }) {
  const t = useT();
  const { signedIn } = useAuth();
  const navigate = useNavigate();
  const users = useQuery({ queryKey: ['local-users'], queryFn: () => listDemoUsers() });
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const signInAs = async (user: DemoUser) => {
    setBusy(user.email);
    setError(null);
    try {
      signedIn(await localToken(user.email));
      navigate(returnTo, { replace: true });
    } catch (err) {
      setError(err);
      setBusy(null);
    }
  };

  if (users.isPending) return <PageLoading rows={4} />;
  if (users.isError)
    return <ProblemAlert error={users.error} onRetry={() => void users.refetch()} />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {error ? <ProblemAlert error={error} /> : null}
      <Row gutter={[12, 12]}>
        {users.data.map((u) => (
          <Col xs={24} sm={12} lg={8} key={u.email}>
            <Card size="small" className="demo-user" data-testid={`demo-user-${u.email}`}>
              <div className="demo-user-body">
                <div style={{ minWidth: 0 }}>
                  <Space size={6} wrap>
                    <Typography.Text strong>{u.name}</Typography.Text>
                    <Tag color={u.hospitalId ? 'green' : 'blue'}>{t.roles[u.role]}</Tag>
                  </Space>
                  <div>
                    <Typography.Text type="secondary">
                      {u.hospitalName ?? (u.hospitalId ? u.hospitalId : t.signIn.vendorSide)}
                    </Typography.Text>
                  </div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {u.email}
                  </Typography.Text>
                </div>
                <Button
                  type="primary"
                  icon={<LoginOutlined />}
                  loading={busy === u.email}
                  disabled={busy !== null && busy !== u.email}
                  onClick={() => void signInAs(u)}
                  aria-label={`${t.signIn.signInAs} ${u.name}`}
                >
                  {t.signIn.signInAs}
                </Button>
              </div>
            </Card>
          </Col>
        ))}
      </Row>
    </Space>
  );
}

function CognitoSignIn({ returnTo }: { returnTo: string }) {
  const t = useT();
  const { startSignIn } = useAuth();
  const [error, setError] = useState<unknown>(null);
  return (
    <Space orientation="vertical" size={12}>
      <Typography.Paragraph>{t.signIn.cognitoHint}</Typography.Paragraph>
      {error ? <ProblemAlert error={error} /> : null}
      <Button
        type="primary"
        size="large"
        icon={<LoginOutlined />}
        onClick={() => startSignIn(returnTo).catch(setError)}
      >
        {t.signIn.cognitoButton}
      </Button>
    </Space>
  );
}

export function SignInPage() {
  const t = useT();
  const { config, token, expired } = useAuth();
  const location = useLocation();
  const returnTo = returnToOf(location.state);
  if (token) return <Navigate to={returnTo} replace />;
  return (
    <div className="sign-in">
      <div className="sign-in-top">
        <Space size={8} align="center">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t.app.product}
          </Typography.Title>
        </Space>
        <LanguageSwitch />
      </div>
      <Card
        title={config.mode === 'local' ? t.signIn.localTitle : t.signIn.title}
        className="sign-in-card"
      >
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {expired ? <Alert type="warning" showIcon title={t.signIn.expired} /> : null}
          {config.mode === 'local' ? (
            <>
              <Alert type="info" showIcon title={t.signIn.localHint} />
              <DemoUsers returnTo={returnTo} />
            </>
          ) : (
            <CognitoSignIn returnTo={returnTo} />
          )}
        </Space>
      </Card>
    </div>
  );
}
