import { receivedEmails } from '@weibao/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, phone, startE2e, type E2e } from './support.ts';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

describe('a signed link from an email, in the browser', () => {
  it('shows the IT center what it will acknowledge, without an account, and acknowledges once on a click', async () => {
    // Prepare: the vendor announces a change; its email carries the link
    const res = await e2e.stack.fetchAs(
      'manager@vendor.example',
      '/api/hospitals/whzx/advance-notices',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          title: '医嘱系统升级（浏览器确认）',
          description: '升级至 5.3',
          windowStart: '2026-12-20T14:00:00Z',
          windowEnd: '2026-12-20T16:00:00Z',
          subsystemIds: ['s1'],
        }),
      },
    );
    expect(res.status).toBe(201);
    const mail = (await receivedEmails(e2e.stack.urls.sesv2)).find((m) =>
      m.subject.includes('浏览器确认'),
    );
    const link = /https?:\/\/\S+\/links\/[A-Za-z0-9_.-]+/.exec(mail?.body.text ?? '')?.[0];
    if (!link) throw new Error('no link in the notice email');

    // Act: open it on a phone, as the IT director would
    // The second visit's GET is answered 410: a spent link reads nothing
    const tab = await openTab(e2e, { viewport: phone, expectedConsole: [/status of 410/] });
    await tab.page.goto(new URL(link).pathname);
    await tab.page.getByText('确认已知悉变更通知').waitFor();
    const card = await tab.page.locator('.signed-link-page').textContent();
    await tab.page.getByRole('button', { name: '确认已知悉' }).click();
    await tab.page.getByText('已确认知悉，感谢。').waitFor();

    // Assess: it said what it would do; a second visit finds it used
    expect(card).toContain('武汉市中心医院');
    expect(card).toContain('医嘱系统升级（浏览器确认）');
    expect(card).toContain('2026-12-20 22:00');
    await tab.page.goto(new URL(link).pathname);
    await tab.page.getByText('该链接已使用，或通知已被确认。').waitFor();
    await tab.finish('signed-link-used');
  });
});
