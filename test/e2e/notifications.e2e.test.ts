import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOf, ticketSchema } from '@weibao/api';
import { receivedEmails } from '@weibao/local';
import { openTab, pickOption, signInAs, startE2e, type E2e } from './support.ts';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

async function mailTo(number: string, to: string, words: string) {
  await expect
    .poll(
      async () =>
        (await receivedEmails(e2e.stack.urls.sesv2)).filter(
          (m) =>
            m.subject.includes(number) &&
            m.subject.includes(words) &&
            m.destination.to.includes(to),
        ).length,
    )
    .toBe(1);
}

describe('people are told, in the browser', () => {
  it('brings a fatal fault reported on the web to the service manager’s and the hospital’s engineer’s inboxes, lets the engineer claim it, and mails the reporter the resolution', async () => {
    // A hospital IT user reports a fatal fault in the web app
    const reporterTab = await openTab(e2e);
    await signInAs(reporterTab.page, 'it@whch.example');
    await reporterTab.page.goto('/tickets/new');
    await pickOption(
      reporterTab.page,
      reporterTab.page.getByTestId('report-subsystem'),
      '临床路径系统',
    );
    await reporterTab.page.getByTestId('report-severity').getByText('致命错误').click();
    await reporterTab.page.getByTestId('report-title').fill('急诊医生站无法登录（通知）');
    await reporterTab.page.getByTestId('report-description').fill('急诊所有工作站登录失败。');
    await reporterTab.page.getByTestId('report-submit').click();
    const created = reporterTab.page.getByTestId('created-number');
    await created.waitFor();
    const number = /WHZX-\d{4}-\d{5}/.exec((await created.textContent()) ?? '')?.[0] ?? '';
    expect(number).not.toBe('');
    await reporterTab.finish('reporter-fatal-web');

    // The service manager and the engineer assigned to the hospital are mailed at once; the
    // reporter gets the acknowledgement
    await mailTo(number, 'manager@vendor.example', '新致命故障');
    await mailTo(number, 'engineer@vendor.example', '新致命故障');
    await mailTo(number, 'it@whch.example', '已收到您的故障报告');

    // The engineer claims the ticket, responds and resolves it
    const res = await e2e.stack.fetchAs(
      'engineer@vendor.example',
      '/api/hospitals/whzx/tickets?limit=100',
    );
    const ticket = listOf(ticketSchema)
      .parse(await res.json())
      .items.find((t) => t.number === number);
    expect(ticket).toBeDefined();
    const tab = await openTab(e2e);
    const { page } = tab;
    await signInAs(page, 'engineer@vendor.example');
    await page.goto(`/hospitals/whzx/tickets/${ticket?.id}`);
    await page.getByTestId('action-claim').click();
    // 负责人 is the engineer by the name their sign-in carries, not their address
    await expect.poll(() => page.getByTestId('ticket-card').textContent()).toContain('负责人李强');
    await page.getByTestId('action-response').click();
    await page.getByTestId('event-text').fill('已远程排查，正在修复登录服务。');
    await page.getByTestId('event-submit').click();
    await expect.poll(() => page.getByTestId('action-resolution').count()).toBe(1);
    await page.getByTestId('action-resolution').click();
    await page.getByTestId('event-text').fill('登录服务已恢复。');
    await page.getByTestId('event-submit').click();
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('登录服务已恢复');
    await tab.finish('engineer-claimed-resolved');

    // The reporter hears of the response and of the resolution
    await mailTo(number, 'it@whch.example', '工程师已响应');
    await mailTo(number, 'it@whch.example', '故障已解决');
  });
});
