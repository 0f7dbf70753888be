import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketWithSlaSchema } from '@weibao/api';
import { fitsWidth, openTab, phone, signInAs, startE2e, type E2e } from './support.ts';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

/** A serious fault reported by phone 41 minutes ago and not answered yet. */
async function seriousReportedAgo(minutes: number, title: string) {
  const res = await e2e.stack.fetchAs('engineer@vendor.example', '/api/hospitals/whzx/tickets', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'fault',
      severity: 'serious',
      channel: 'phone',
      subsystemId: 's1',
      title,
      description: '电话报障：长期医嘱无法停止。',
      reportedAt: new Date(e2e.stack.now() - minutes * 60_000).toISOString(),
    }),
  });
  expect(res.status).toBe(201);
  return ticketWithSlaSchema.parse(await res.json()).ticket;
}

/** 2026-12-04 11:00:00 as the app writes Beijing time. */
const beijing = (ms: number) =>
  new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

describe('one clock for the money in the browser', () => {
  it('shows a serious ticket its 60-minute deduction deadline first, before the 2-hour response target, on the ticket page and in the queue', async () => {
    // Prepare
    const ticket = await seriousReportedAgo(41, '长期医嘱无法停止（扣款时限）');
    const due = Date.parse(ticket.reportedAt) + 60 * 60_000;
    const tab = await openTab(e2e);
    const { page } = tab;
    await signInAs(page, 'engineer@vendor.example');

    // Act: the ticket page
    await page.goto(`/hospitals/whzx/tickets/${ticket.id}`);
    const next = page.getByTestId('next-deadline');
    await next.waitFor();

    // Assess: the deduction is named first, with its countdown and its time in Beijing time
    expect(await next.getAttribute('data-kind')).toBe('deduction');
    expect(await next.getByTestId('next-deadline-name').textContent()).toBe('响应超时扣款');
    const countdown = next.getByTestId('next-deadline-countdown');
    expect(await countdown.getAttribute('data-state')).toBe('pending');
    expect(await countdown.textContent()).toMatch(/^计时中 00:1[89]:\d\d$/);
    expect(await next.getByTestId('next-deadline-at').textContent()).toBe(
      `截止 ${beijing(due)}（北京时间）`,
    );
    expect(await next.textContent()).toContain('¥1,880.00');
    const rows = page.getByTestId('deadline-table').locator('tbody tr');
    expect(await rows.nth(0).textContent()).toContain('响应超时扣款');
    expect(await rows.nth(1).textContent()).toContain('响应时限');
    // One clock table on the page: the response target's countdown is in it, nowhere else
    expect(await page.locator('table').filter({ hasText: '响应时限' }).count()).toBe(1);
    expect(await rows.nth(1).getByTestId('clock-response').getAttribute('data-state')).toBe(
      'pending',
    );
    // Above the ticket's own card: the first thing the engineer reads
    const cardTop = (id: string) =>
      page.getByTestId(id).evaluate((el) => el.getBoundingClientRect().top);
    expect(await cardTop('deadlines-card')).toBeLessThan(await cardTop('ticket-card'));
    await page.screenshot({ path: 'test-results/e2e/money-clock-ticket.png', fullPage: true });

    // Act: the queue
    await page.goto('/queue');
    const row = page.getByTestId('queue-table').locator('tr', { hasText: ticket.number });
    await row.waitFor();
    // Assess
    expect(await row.getByTestId('next-deadline-name').textContent()).toBe('响应超时扣款');
    expect(await row.getByTestId('ticket-countdown').getAttribute('data-kind')).toBe('deduction');
    expect(await row.getByTestId('ticket-countdown').textContent()).toMatch(
      /^计时中 00:1[89]:\d\d$/,
    );
    await tab.finish('money-clock-queue');
  });

  it('fits the deadlines of a serious ticket on a phone of 390 px', async () => {
    const ticket = await seriousReportedAgo(5, '临床路径无法出径（手机）');
    const tab = await openTab(e2e, { viewport: phone });
    const { page } = tab;
    await signInAs(page, 'engineer@vendor.example');
    await page.goto(`/hospitals/whzx/tickets/${ticket.id}`);
    await page.getByTestId('next-deadline-name').waitFor();
    expect(await page.getByTestId('next-deadline-name').textContent()).toBe('响应超时扣款');
    expect(await fitsWidth(page)).toBe(true);
    await tab.finish('money-clock-ticket-phone');
  });
  // Last in this file: the clock it moves is this file's stack's, for every test after it.
  it('lets a trainer move the clock from the strip atop the page: the countdowns on the page follow it past the deduction deadline and its ¥1,880.00 is booked once, on a phone too', async () => {
    // Prepare: a serious ticket reported 5 minutes ago, on the ticket page of a phone
    const ticket = await seriousReportedAgo(5, '出院结算失败（培训演示）');
    const tab = await openTab(e2e, { viewport: phone });
    const { page } = tab;
    await signInAs(page, 'engineer@vendor.example');
    await page.goto(`/hospitals/whzx/tickets/${ticket.id}`);
    const strip = page.getByTestId('training-clock');
    await strip.waitFor();
    const before = Date.parse(
      `${(await page.getByTestId('training-clock-now').textContent())!.replace(' ', 'T')}+08:00`,
    );

    // Act: 快进 61 分钟, clicked on the strip
    await strip.getByRole('button', { name: '快进 61 分钟' }).click();

    // Assess: the strip tells the move; the page read again shows the deadline passed and booked
    await strip.getByText('已快进 1 小时 1 分钟').waitFor();
    const after = Date.parse(
      `${(await page.getByTestId('training-clock-now').textContent())!.replace(' ', 'T')}+08:00`,
    );
    expect(after - before).toBeGreaterThanOrEqual(61 * 60_000);
    // The page's countdowns follow the stack's clock, not the browser's: the deduction has passed
    await page
      .getByTestId('deadline-table')
      .locator('[data-testid="deadline-state"][data-state="breached"]')
      .waitFor();
    expect(await page.getByTestId('next-deadline').getAttribute('data-kind')).toBe('sla');
    const ledger = await e2e.stack.fetchAs(
      'admin@vendor.example',
      '/api/hospitals/whzx/contracts/01KAW00000000000000000WHZX/ledger',
    );
    const entries = (
      (await ledger.json()) as { items: { ticketId: string | null; amountFen: number }[] }
    ).items.filter((e) => e.ticketId === ticket.id);
    expect(entries.map((e) => e.amountFen)).toEqual([188_000]);
    expect(await fitsWidth(page)).toBe(true);
    await tab.finish('training-clock-phone');
  });
});
