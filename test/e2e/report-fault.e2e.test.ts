import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOf, ticketSchema, ticketWithSlaSchema } from '@weibao/api';
import { demoContracts } from '@weibao/usecases';
import { fitsWidth, openTab, phone, pickOption, signInAs, startE2e, type E2e } from './support.ts';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

const subsystem = '临床路径系统';
const subsystemId = demoContracts
  .find((c) => c.hospitalId === 'whzx')!
  .terms.subsystems.find((s) => s.name === subsystem)!.id;

async function whzxTicketCount(): Promise<number> {
  const res = await e2e.stack.fetchAs(
    'admin@vendor.example',
    '/api/hospitals/whzx/tickets?limit=100',
  );
  return listOf(ticketSchema).parse(await res.json()).items.length;
}

describe('the fault form on a ward’s phone', () => {
  it('asks for a severity, takes campus, place, phone and a photo, offers the open ticket of the same subsystem, and joins it without opening another', async () => {
    // Prepare: the IT center reported the outage ten seconds ago
    const res = await e2e.stack.fetchAs('it@whch.example', '/api/hospitals/whzx/tickets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'fault',
        severity: 'fatal',
        subsystemId,
        title: '临床路径无法入径',
        description: '信息中心已发现，全院无法入径。',
      }),
    });
    expect(res.status).toBe(201);
    const first = ticketWithSlaSchema.parse(await res.json()).ticket;
    const before = await whzxTicketCount();
    const tab = await openTab(e2e, { viewport: phone });
    const { page } = tab;
    await signInAs(page, 'dept@whch.example');
    await page.goto('/tickets/new');

    // Act 1: words without a severity are not sent
    await page.getByTestId('report-title').fill('心内科无法入径');
    await page.getByTestId('report-description').fill('心内科病区入径时提示系统错误。');
    await page.getByTestId('report-submit').click();

    // Assess 1: the field says what is missing
    await page.getByText('请选择严重程度').waitFor();

    // Act 2: severity, campus, place, phone, a photo, then the subsystem
    await page.getByTestId('report-severity').getByText('严重错误').click();
    await pickOption(page, page.getByTestId('report-campus'), '后湖院区');
    await page.getByTestId('report-place').fill('心内科病区 3 楼护士站');
    await page.getByTestId('report-phone').fill('027-82211234');
    await page.locator('input[type=file]').setInputFiles({
      name: '入径报错.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4096, 9)]),
    });
    await page.locator('.ant-upload-list-item-done', { hasText: '入径报错.jpg' }).waitFor();
    await pickOption(page, page.getByTestId('report-subsystem'), subsystem);

    // Assess 2: the open ticket is offered, and the form's own button now reports separately
    const offer = page.getByTestId('similar-offer');
    await offer.waitFor();
    expect(await offer.textContent()).toContain('可能是同一故障');
    expect(await offer.textContent()).toContain(first.number);
    expect(await page.getByTestId('report-submit').textContent()).toContain('仍然新建');
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({
      path: 'test-results/e2e/report-fault-offer-phone.png',
      fullPage: true,
    });

    // Act 3: join it
    await page.getByTestId(`join-${first.number}`).click();

    // Assess 3: joined, no second ticket; the ticket shows the ward's report with where and the photo
    const joined = page.getByTestId('joined-number');
    await joined.waitFor();
    expect(await joined.textContent()).toContain(first.number);
    expect(await whzxTicketCount()).toBe(before);
    await page.getByRole('button', { name: '查看工单' }).click();
    await page.waitForURL(new RegExp(`/tickets/${first.id}$`));
    const timeline = page.getByTestId('timeline');
    await timeline.getByText('同一故障的报告').waitFor();
    const words = (await timeline.textContent()) ?? '';
    expect(words).toContain('心内科病区入径时提示系统错误。');
    expect(words).toContain('后湖院区 · 心内科病区 3 楼护士站');
    expect(words).toContain('027-82211234');
    expect(await timeline.getByTestId('event-attachments').textContent()).toContain('入径报错.jpg');
    expect(await fitsWidth(page)).toBe(true);
    await tab.finish('report-fault-joined-phone');
  });
});
