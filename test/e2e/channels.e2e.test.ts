import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitsWidth, openTab, phone, signInAs, startE2e, type E2e } from './support.ts';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

const wecomKey = '2b1f6c0e-5d3a-4c8e-9f70-61a2b3c4d5e6';

async function reportFatal(title: string): Promise<string> {
  const res = await e2e.stack.fetchAs('engineer@vendor.example', '/api/hospitals/whzx/tickets', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'fault',
      severity: 'fatal',
      channel: 'phone',
      subsystemId: 's1',
      title,
      description: '全院无法开立医嘱',
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { ticket: { number: string } }).ticket.number;
}

async function posted(number: string) {
  for (let i = 0; i < 150; i += 1) {
    const found = e2e.stack.webhooks.posts().filter((p) => p.text.includes(number));
    if (found.length > 0) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no robot post about ${number}`);
}

describe('a hospital’s notification channels, set in the browser by its IT center', () => {
  it('refuses an address that is not WeCom’s at the field, keeps the right one masked, and shows each delivery and a robot’s refusal in Chinese', async () => {
    // Prepare
    const tab = await openTab(e2e, { expectedConsole: [/400/] });
    const { page } = tab;
    await signInAs(page, 'it@whch.example');
    await page.goto('/hospitals/whzx');
    const card = page.getByTestId('channels-card');
    await card.getByText('尚未设置通知渠道，目前只发送邮件。').waitFor();

    // Act: an address of another host first
    await page.getByTestId('add-channel').click();
    await page.getByTestId('channel-name').fill('信息中心值班群');
    await page
      .getByTestId('channel-webhook')
      .fill(`https://qyapi.weixin.qq.com.example/cgi-bin/webhook/send?key=${wecomKey}`);
    await page.getByTestId('save-channel').click();

    // Assess: refused at the field, in Chinese, nothing saved
    await page
      .getByText('只能发往 qyapi.weixin.qq.com：企业微信群机器人的地址应为', { exact: false })
      .waitFor();

    // Act: the robot's own address
    await page
      .getByTestId('channel-webhook')
      .fill(`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${wecomKey}`);
    await page.getByTestId('save-channel').click();

    // Assess: listed with its events; the key is nowhere on the page
    const row = page
      .getByTestId('channel-table')
      .locator('tbody tr', { hasText: '信息中心值班群' });
    await row.waitFor();
    expect(await row.textContent()).toContain('新致命故障工单');
    expect(await row.textContent()).toContain('尚未发送');
    expect(await page.content()).not.toContain(wecomKey);

    // Act: a fatal fault is reported; then the robot refuses the next one for good
    const first = await reportFatal('门诊收费系统停机');
    expect((await posted(first))[0]?.answered).toBe(200);
    await page.reload();
    await row.getByText(/发送成功/).waitFor();
    e2e.stack.webhooks.answerNext({ errcode: 93000 });
    const second = await reportFatal('住院收费系统停机');
    await posted(second);
    await new Promise((r) => setTimeout(r, 500));
    await page.reload();

    // Assess: the channel says what the robot answered, in Chinese
    await row
      .getByTestId('channel-error')
      .getByText(/发送失败：errcode 93000：企业微信：机器人地址无效或机器人已被移出群/)
      .waitFor();
    await tab.finish('channels-it-center');

    // And on a phone the card fits the screen's width
    const small = await openTab(e2e, { viewport: phone });
    await signInAs(small.page, 'it@whch.example');
    await small.page.goto('/hospitals/whzx');
    await small.page.getByTestId('channel-table').getByText('信息中心值班群').waitFor();
    await expect.poll(() => fitsWidth(small.page)).toBe(true);
    await small.finish('channels-it-center-phone');
  });
});
