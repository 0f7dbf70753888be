import type { LocalStack } from '@weibao/local';

/** A demo user's call against a running local stack; the answer's status, headers and JSON. */
export function caller(stack: LocalStack) {
  const tokens = new Map<string, string>();
  return async (
    email: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; headers: Headers; body: unknown; ms: number }> => {
    let token = tokens.get(email);
    if (!token) tokens.set(email, (token = await stack.tokenFor(email)));
    const started = performance.now();
    const res = await fetch(new URL(path, stack.urls.api), {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: text ? (JSON.parse(text) as unknown) : null,
      ms: performance.now() - started,
    };
  };
}

/** A fault reported by phone `agoMs` ago, as the engineer would enter it. */
export function phoneReport(title: string, agoMs = 60_000, severity = 'serious') {
  return {
    kind: 'fault',
    severity,
    channel: 'phone',
    subsystemId: 's1',
    title,
    description: '医嘱提交缓慢',
    reporter: { name: '刘洋', phone: '027-00000000' },
    reportedAt: new Date(Date.now() - agoMs).toISOString(),
  };
}

export const engineer = 'engineer@vendor.example';
export const admin = 'admin@vendor.example';
