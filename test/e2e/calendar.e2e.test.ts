import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listOf, obligationSchema } from '@weibao/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ics2027 } from '../support/calendar-2027.ts';
import { openTab, signInAs, startE2e, type E2e } from './support.ts';

let e2e: E2e;
let dir: string;
beforeAll(async () => {
  e2e = await startE2e();
  dir = await mkdtemp(join(tmpdir(), 'weibao-calendar-e2e-'));
});
afterAll(async () => {
  await e2e?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const demoContract = '01KAW00000000000000000WHZX';
async function waitingFor2027() {
  const res = await e2e.stack.fetchAs(
    'manager@vendor.example',
    `/api/hospitals/whzx/contracts/${demoContract}/obligations`,
  );
  return listOf(obligationSchema)
    .parse(await res.json())
    .items.filter((o) => o.dueOn === null && o.calendarGap?.year === 2027);
}

describe('next year’s public holidays, entered by a vendor admin in the browser', () => {
  it('reads the notice’s days from an ICS file, shows a wrong 调休 line at its line in Chinese, and once saved the demo contract’s 2027 obligations have due dates', async () => {
    // Prepare
    const waiting = await waitingFor2027();
    const first = waiting[0];
    expect(first).toBeDefined();
    const file = join(dir, '2027.ics');
    await writeFile(file, ics2027);
    const tab = await openTab(e2e, { expectedConsole: [/400/] });
    const { page } = tab;
    await signInAs(page, 'admin@vendor.example');
    // Before: the obligation shows the contract's calendar date as an estimate, marked as one
    const obligationsPage = `/hospitals/whzx/contracts/${demoContract}/obligations`;
    await page.goto(obligationsPage);
    const estimate = page.getByTestId(`estimate-${first?.id}`);
    await estimate.waitFor();
    expect(await estimate.textContent()).toBe(`约 ${first?.nominalDueOn}（估计）`);
    expect(await page.getByTestId(`gap-${first?.id}`).textContent()).toBe('2027年节假日未公布');

    // Act: from the menu, enter 2027 from the file, with one wrong make-up day added by hand
    await page.getByRole('menuitem', { name: '节假日' }).click();
    await page.waitForURL(/\/calendar$/);
    await page.getByTestId('enter-calendar-year').click();
    const year = page.getByTestId('calendar-year');
    await year.fill('2027');
    await page
      .getByTestId('calendar-notice')
      .fill('国务院办公厅关于2027年部分节假日安排的通知（测试）');
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByText('已读入 31 天放假、3 天调休上班，请核对后保存。').waitFor();
    const workdays = page.getByTestId('calendar-workdays');
    await workdays.fill(`${await workdays.inputValue()}\n2027-03-10 春节`);
    await page.getByTestId('save-calendar-year').click();

    // Assess: refused at the line it is on, in Chinese, and nothing saved
    await page.getByText('第 4 行：2027 年：调休上班日必须是周六或周日').waitFor();
    expect(await waitingFor2027()).toHaveLength(waiting.length);

    // Act: without the wrong line
    await workdays.fill((await workdays.inputValue()).replace(/\n2027-03-10 春节$/, ''));
    await page.getByTestId('save-calendar-year').click();

    // Assess: the year is listed, and nothing of the demo contract waits for 2027 any more
    await page.getByText(/已录入 2027 年的安排；\d+ 份合同已重新排期/).waitFor();
    const row = page.getByTestId('calendar-year-table').locator('tbody tr', { hasText: '2027' });
    await row.waitFor();
    expect(await row.textContent()).toContain('31 天');
    expect(await waitingFor2027()).toEqual([]);
    // The obligation now has its working-day due date, no estimate
    await page.goto(obligationsPage);
    await page.getByTestId(`state-${first?.id}`).waitFor();
    expect(await page.getByTestId(`estimate-${first?.id}`).count()).toBe(0);
    await tab.finish('calendar-years');
  });

  it('lets the vendor admin enter the company as documents print it, keeping what was typed over a change made meanwhile (409)', async () => {
    const tab = await openTab(e2e, { expectedConsole: [/status of 409/] });
    const { page } = tab;
    await signInAs(page, 'admin@vendor.example');
    await page.getByRole('menuitem', { name: '服务商信息' }).click();
    await page.waitForURL(/\/vendor-profile$/);
    await page.getByText('尚未填写').waitFor();
    await page.locator('#vendor-profile_name').fill('楚天医疗软件有限公司');
    await page.locator('#vendor-profile_address').fill('武汉市东湖新技术开发区光谷大道 77 号');
    await page.getByTestId('save-profile').click();
    await page.getByText('服务商信息已保存').waitFor();
    await page.getByText('最后修改').waitFor();

    // Someone enters the seal holder elsewhere while the name is being corrected here
    const elsewhere = await e2e.stack.fetchAs('admin@vendor.example', '/api/vendor-profile', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        version: 1,
        name: '楚天医疗软件有限公司',
        address: '武汉市东湖新技术开发区光谷大道 77 号',
        sealHolder: '王建国',
      }),
    });
    expect(elsewhere.status).toBe(200);
    await page.locator('#vendor-profile_name').fill('湖北楚天医疗软件股份有限公司');
    await page.getByTestId('save-profile').click();
    await page.getByText('服务商信息刚被他人修改').waitFor();
    expect(await page.locator('#vendor-profile_sealHolder').inputValue()).toBe('王建国');
    expect(await page.locator('#vendor-profile_name').inputValue()).toBe(
      '湖北楚天医疗软件股份有限公司',
    );
    await page.getByTestId('save-profile').click();
    await expect
      .poll(
        async () =>
          (await (
            await e2e.stack.fetchAs('admin@vendor.example', '/api/vendor-profile')
          ).json()) as unknown,
      )
      .toMatchObject({ name: '湖北楚天医疗软件股份有限公司', sealHolder: '王建国', version: 3 });
    await tab.finish('vendor-profile');
  });
});
