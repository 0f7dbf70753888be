import { FieldTimeOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useAuth } from '../auth/auth-context.tsx';
import { formatShanghai } from '../format/format.ts';
import { useLocale } from '../i18n/locale.tsx';
import { followServerClock, useNow } from '../sla/use-now.ts';

const steps = [
  { minutes: 15, key: 'm15' },
  { minutes: 61, key: 'm61' },
  { minutes: 24 * 60, key: 'd1' },
] as const;

interface ClockState {
  now: string;
  offsetMs: number;
}

async function readClock(init?: RequestInit): Promise<ClockState> {
  const res = await fetch('/local/clock', { cache: 'no-store', ...init });
  const body = (await res.json()) as ClockState & { detail?: string };
  if (!res.ok) throw new Error(body.detail ?? String(res.status));
  return body;
}

/**
 * The local stack's training clock, atop every page of `npm start` (never on AWS, whose
 * config.json says "cognito"): the server's time in 北京时间, live, and buttons that move it on, so
 * a trainer shows a breach, its escalation and its deduction in a minute. Every page's data is read
 * again after a move.
 */
export function TrainingClockStrip() {
  const { config } = useAuth();
  if (config.mode !== 'local') return null;
  return <Strip />;
}

function Strip() {
  const { t } = useLocale();
  const queryClient = useQueryClient();
  const now = useNow();
  const [state, setState] = useState<ClockState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const follow = useCallback((s: ClockState) => {
    followServerClock(s.offsetMs);
    setState(s);
  }, []);
  useEffect(() => {
    let live = true;
    const load = () =>
      readClock()
        .then((s) => live && follow(s))
        .catch(() => undefined);
    void load();
    const timer = setInterval(() => void load(), 30_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [follow]);

  const advance = async (minutes: number) => {
    setBusy(true);
    setError(null);
    try {
      follow(
        await readClock({
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ advanceMinutes: minutes }),
        }),
      );
      await queryClient.invalidateQueries();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  if (!state) return null;
  return (
    <Alert
      type={state.offsetMs === 0 ? 'info' : 'warning'}
      banner
      showIcon
      icon={<FieldTimeOutlined />}
      data-testid="training-clock"
      message={
        <Space wrap size={[8, 4]}>
          <span>
            {t.trainingClock.label}
            <Typography.Text strong data-testid="training-clock-now">
              {formatShanghai(new Date(now).toISOString())}
            </Typography.Text>
            {t.trainingClock.beijing}
          </span>
          {state.offsetMs === 0 ? null : (
            <Typography.Text type="secondary">
              {t.trainingClock.ahead(Math.round(state.offsetMs / 60_000))}
            </Typography.Text>
          )}
          {steps.map((s) => (
            <Button
              key={s.key}
              size="small"
              disabled={busy}
              onClick={() => void advance(s.minutes)}
            >
              {t.trainingClock[s.key]}
            </Button>
          ))}
          {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
        </Space>
      }
    />
  );
}
