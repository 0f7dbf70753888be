import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, startE2e, type E2e } from './support.ts';

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

describe('sign-in in cognito mode, against a stand-in provider', () => {
  // Cognito itself cannot run here. The browser is told it is on AWS (config.json in cognito
  // mode) and a provider on the same origin answers discovery, authorize and token as Cognito
  // does; the ID token it hands out is a local one, so the API accepts it.
  it('sends a PKCE S256 challenge and state, checks the state, redeems the code with the verifier', async () => {
    const tab = await openTab(e2e);
    const { page } = tab;
    const idp = `${e2e.origin}/idp`;
    let challenge = '';
    let exchange: URLSearchParams | undefined;
    await page.route('**/config.json', (route) =>
      route.fulfill({
        json: {
          mode: 'cognito',
          authority: idp,
          clientId: 'spa-client',
          redirectUri: `${e2e.origin}/auth/callback`,
        },
      }),
    );
    await page.route(`${idp}/.well-known/openid-configuration`, (route) =>
      route.fulfill({
        json: {
          authorization_endpoint: `${idp}/oauth2/authorize`,
          token_endpoint: `${idp}/oauth2/token`,
        },
      }),
    );
    await page.route(
      (url) => url.pathname === '/idp/oauth2/authorize',
      (route) => {
        const asked = new URL(route.request().url()).searchParams;
        expect(asked.get('code_challenge_method')).toBe('S256');
        expect(asked.get('client_id')).toBe('spa-client');
        challenge = asked.get('code_challenge') ?? '';
        const back = `${e2e.origin}/auth/callback?code=CODE1&state=${asked.get('state')}`;
        return route.fulfill({ status: 302, headers: { location: back } });
      },
    );
    await page.route(`${idp}/oauth2/token`, async (route) => {
      exchange = new URLSearchParams(route.request().postData() ?? '');
      return route.fulfill({
        json: { id_token: await e2e.stack.tokenFor('it@whch.example'), token_type: 'Bearer' },
      });
    });

    await page.goto('/hospitals/whzx/audit');
    await page.waitForURL(/\/sign-in$/);
    await page.getByRole('button', { name: /前往登录/ }).click();
    await page.waitForURL(/\/hospitals\/whzx\/audit$/);
    await expect.poll(() => page.getByTestId('user-name').textContent()).toBe('刘洋');
    await page.getByTestId('audit-table').locator('tbody tr.ant-table-row').first().waitFor();

    expect(exchange?.get('grant_type')).toBe('authorization_code');
    expect(exchange?.get('code')).toBe('CODE1');
    const verifier = exchange?.get('code_verifier') ?? '';
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(challenge);
    await tab.finish('cognito-mode-signed-in');
  });

  it('refuses a callback whose state this tab did not send', async () => {
    const tab = await openTab(e2e);
    const { page } = tab;
    await page.route('**/config.json', (route) =>
      route.fulfill({
        json: {
          mode: 'cognito',
          authority: `${e2e.origin}/idp`,
          clientId: 'spa-client',
          redirectUri: `${e2e.origin}/auth/callback`,
        },
      }),
    );
    await page.goto('/auth/callback?code=STOLEN&state=forged');
    await page.getByText('登录失败').waitFor();
    expect(await page.evaluate('sessionStorage.getItem("weibao.token")')).toBeNull();
    await tab.finish('cognito-mode-forged-callback');
  });
});
