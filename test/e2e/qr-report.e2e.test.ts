import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { listOf, qrLinkSchema, ticketEventSchema, ticketSchema } from '@weibao/api';
import { fitsWidth, openTab, phone, pickOption, signInAs, startE2e, type E2e } from './support.ts';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4096, 5)]);

describe('扫码报修 on a ward’s phone', () => {
  it('opens the poster’s link without an account, takes name, phone, words and a photo, and opens a ticket of the department and campus', async () => {
    // Prepare: the IT center's poster link for a ward of 后湖院区
    const made = await e2e.stack.fetchAs('it@whch.example', '/api/hospitals/whzx/qr-links', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `e2e-qr-${Date.now()}` },
      body: JSON.stringify({ department: '神经内科二病区', campus: '后湖院区' }),
    });
    expect(made.status).toBe(201);
    const link = qrLinkSchema.parse(await made.json());
    const tab = await openTab(e2e, { viewport: phone });
    const { page } = tab;

    // Act: a nurse scans the poster (no sign-in) and reports
    await page.goto(new URL(link.url).pathname);
    await page.getByTestId('qr-name').waitFor();
    const shown = await page.locator('.ant-descriptions').textContent();
    await page.getByTestId('qr-name').fill('李护士');
    await page.getByTestId('qr-phone').fill('027-82215678');
    await page.getByTestId('qr-description').fill('护士站打印机打不出腕带\n换纸后仍然不行');
    await page.locator('input[type=file]').setInputFiles({
      name: '腕带打印.jpg',
      mimeType: 'image/jpeg',
      buffer: photo,
    });
    await page.locator('.ant-upload-list-item-done', { hasText: '腕带打印.jpg' }).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await page.getByTestId('qr-submit').click();
    const done = page.getByTestId('qr-ticket-number');
    await done.waitFor();

    // Assess: the page named the place, and the ticket is the hospital's with the photo
    expect(shown).toContain('神经内科二病区');
    expect(shown).toContain('后湖院区');
    const number = /工单号 (\S+)，/.exec((await done.textContent()) ?? '')?.[1];
    expect(number).toMatch(/^[A-Z0-9]+-\d{4}-\d{5}$/);
    const listed = await e2e.stack.fetchAs(
      'it@whch.example',
      '/api/hospitals/whzx/tickets?limit=100',
    );
    const ticket = listOf(ticketSchema)
      .parse(await listed.json())
      .items.find((t) => t.number === number);
    expect(ticket).toMatchObject({
      channel: 'qr',
      campus: '后湖院区',
      place: '神经内科二病区',
      reporter: expect.objectContaining({ name: '李护士', phone: '027-82215678' }),
    });
    const events = await e2e.stack.fetchAs(
      'it@whch.example',
      `/api/hospitals/whzx/tickets/${ticket?.id}/events`,
    );
    const first = z.object({ items: z.array(ticketEventSchema) }).parse(await events.json())
      .items[0];
    expect(first?.data.attachments).toEqual([
      expect.objectContaining({ filename: '腕带打印.jpg', size: photo.length }),
    ]);
    await tab.finish('qr-report-phone');
  });

  it('lets the IT center make a department’s QR code on the hospital page, download its poster and stop it', async () => {
    // Prepare
    const tab = await openTab(e2e);
    const { page } = tab;
    await signInAs(page, 'it@whch.example');
    await page.goto('/hospitals/whzx');
    const card = page.getByTestId('qr-links-card');
    await card.waitFor();

    // Act 1: a code for 口腔科 of 杨春湖院区
    await page.getByTestId('add-qr-link').click();
    await page.getByTestId('qr-link-department').fill('口腔科');
    await pickOption(page, page.getByTestId('qr-link-campus'), '杨春湖院区');
    await page
      .getByRole('button', { name: '保 存' })
      .or(page.getByRole('button', { name: '保存' }))
      .click();
    const row = card.locator('tr', { hasText: '杨春湖院区 · 口腔科' });
    await row.waitFor();
    const download = page.waitForEvent('download');
    await row.getByTestId('qr-poster').click();
    const saved = await download;

    // Act 2: the poster comes down
    await row.getByTestId('qr-revoke').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: '停 用' })
      .or(page.locator('.ant-popconfirm').getByRole('button', { name: '停用' }))
      .click();
    await row.getByText(/已于 .* 停用/).waitFor();

    // Assess: a new code is in use and unused, its poster is named for the ward, and it stops
    expect(saved.suggestedFilename()).toMatch(/杨春湖院区-口腔科-扫码报修\.docx$/);
    const listed = await e2e.stack.fetchAs('it@whch.example', '/api/hospitals/whzx/qr-links');
    const link = listOf(qrLinkSchema)
      .parse(await listed.json())
      .items.find((l) => l.department === '口腔科');
    expect(link).toMatchObject({
      campus: '杨春湖院区',
      useCount: 0,
      revokedAt: expect.any(String),
    });
    await tab.finish('qr-links-card');
  });
});
