/**
 * A demo user's token from a running local stack, the way the SPA and browser tests get one:
 * POST /local/token. `origin` is the stack's web URL (http://127.0.0.1:3000).
 */
export async function fetchLocalToken(origin: string, email: string): Promise<string> {
  const res = await fetch(new URL('/local/token', origin), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  if (!res.ok) throw new Error(`POST /local/token answered ${res.status}: ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  return token;
}
