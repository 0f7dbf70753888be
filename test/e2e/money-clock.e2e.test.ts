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
});
