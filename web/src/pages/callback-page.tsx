import { Button, Result, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useAuth } from '../auth/auth-context.tsx';
import { completeSignIn } from '../auth/oidc.ts';
import { useT } from '../i18n/locale.tsx';

/** /auth/callback: Cognito sends the browser here with ?code&state. */
export function CallbackPage() {
  const t = useT();
  const { config, storage, signedIn } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  // The pending sign-in is used once; a second run (React's strict mode) must not consume it again.
  const started = useRef(false);

  useEffect(() => {
    if (started.current || config.mode !== 'cognito') return;
    started.current = true;
    completeSignIn(config, window.location.href, { fetch, storage })
      .then(({ idToken, returnTo }) => {
        signedIn(idToken);
        navigate(returnTo, { replace: true });
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, [config, storage, signedIn, navigate]);

  if (config.mode !== 'cognito' || error) {
    return (
      <Result
        status="error"
        title={t.signIn.failed}
        subTitle={error ?? undefined}
        extra={
          <Button type="primary" onClick={() => navigate('/sign-in', { replace: true })}>
            {t.signIn.title}
          </Button>
        }
      />
    );
  }
  return (
    <div className="full-page-center">
      <Spin size="large" description={t.signIn.callback} />
    </div>
  );
}
