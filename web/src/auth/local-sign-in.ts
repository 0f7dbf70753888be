import type { Role } from '@weibao/domain/roles';
import { errorFromResponse } from '../api/api-error.ts';

/** A demo user of the local Cognito stand-in (GET /local/users). Local mode only. */
export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  hospitalId: string | null;
  hospitalName: string | null;
}

export async function listDemoUsers(fetchFn: typeof fetch = fetch): Promise<DemoUser[]> {
  const res = await fetchFn('/local/users');
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw errorFromResponse(res.status, res.statusText, body);
  return (body as { items: DemoUser[] }).items;
}

export async function localToken(email: string, fetchFn: typeof fetch = fetch): Promise<string> {
  const res = await fetchFn('/local/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw errorFromResponse(res.status, res.statusText, body);
  return (body as { token: string }).token;
}
