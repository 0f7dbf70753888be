import { listOf, ticketSchema, vendorOverviewSchema } from '@weibao/api';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCny } from '../../web/src/format/format.ts';
import {
  desktop,
  fitsWidth,
  lateWhzxReport,
  openTab,
  phone,
  signInAs,
  startE2e,
  type E2e,
} from './support.ts';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

/**
 * Every demo user's home page: where sign-in lands, what must be there before the page counts as
 * drawn, and the menu entry a phone names as the current page.
 */
const homes = [
  {
    who: 'vendor-admin',
    email: 'admin@vendor.example',
    at: /\/overview$/,
    ready: 'quarter-total',
    nav: '总览',
  },
  {
    who: 'service-manager',
    email: 'manager@vendor.example',
    at: /\/queue$/,
    ready: 'filter-state',
    nav: '工单队列',
  },
  {
    who: 'support-engineer',
    email: 'engineer@vendor.example',
    at: /\/queue$/,
    ready: 'filter-state',
    nav: '工单队列',
  },
  {
    who: 'hospital-it',
    email: 'it@whch.example',
    at: /\/hospitals\/whzx$/,
    ready: 'work-list',
    nav: '本院',
  },
  {
    who: 'hospital-dept',
    email: 'dept@whch.example',
    at: /\/hospitals\/whzx$/,
    ready: 'work-list',
    nav: '本院',
  },
  {
    who: 'hospital-it-jcey',
    email: 'it@second.example',
    at: /\/hospitals\/jcey$/,
    ready: 'work-list',
    nav: '本院',
  },
  {
    who: 'supervisor',
    email: 'supervisor@jianli.example',
    at: /\/hospitals\/whzx$/,
    ready: 'work-list',
    nav: '本院',
  },
  {
    who: 'auditor',
    email: 'auditor@shenji.example',
    at: /\/hospitals\/whzx$/,
    ready: 'work-list',
    nav: '本院',
  },
] as const;

describe('every role’s home page, in zh at both sizes', () => {
  for (const [size, viewport] of [
    ['desktop', desktop],
    ['phone', phone],
  ] as const) {
    // One test per user: eight sign-ins in one test took 30 s alone and near its 60 s timeout on a
    // loaded machine (57 s measured with a clean-clone run beside it).
    for (const h of homes)
      it(`lands ${h.who} on their work at ${viewport.width}×${viewport.height}, in Chinese, within the screen’s width`, async () => {
        // Act: sign in; the app chooses the landing page
        const tab = await openTab(e2e, { viewport });
        await signInAs(tab.page, h.email);
        await tab.page.waitForURL(h.at);
        await tab.page.getByTestId(h.ready).first().waitFor();

        // Assess: fits the width; a phone names the current page; the department's 报障 is on
        // the first screen; no English (finish scans the page and saves its screenshot)
        expect(await fitsWidth(tab.page), `${h.who} at ${size}`).toBe(true);
        if (size === 'phone')
          expect(await tab.page.getByTestId('nav-current').innerText(), h.who).toBe(h.nav);
        // Those who read the ledger see this contract quarter's figures; a department does not
        if (h.at.source.includes('hospitals')) {
          const quarter = tab.page.getByTestId('quarter-card');
          if (h.who === 'hospital-dept') expect(await quarter.count()).toBe(0);
          else
            await expect
              .poll(() => quarter.textContent())
              .toMatch(/第\d+季度 \d{4}-\d{2}-\d{2} ~ \d{4}-\d{2}-\d{2}.*达标率.*扣款¥/);
        }
        if (h.who === 'hospital-dept') {
          const report = tab.page.getByRole('button', { name: /报障/ }).first();
          const box = await report.boundingBox();
          expect(box && box.y + box.height <= viewport.height, `报障 at ${size}`).toBe(true);
        }
        await tab.finish(`home-${h.who}-${size}`);
      });
  }
});

/** Every page of the overview as the API answers it to the admin, ten hospitals a page. */
async function overviewPages() {
  const pages = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const res = await e2e.stack.fetchAs('admin@vendor.example', `/api/overview?limit=10${query}`);
    expect(res.status).toBe(200);
    const page = vendorOverviewSchema.parse(await res.json());
    pages.push(page);
    cursor = page.next;
  } while (cursor);
  return pages;
}

/** The hospitals the 本合同季度 table shows, by their rows' amounts (one per contract or a dash). */
async function hospitalsShown(page: Page): Promise<string[]> {
  const cells = await page
    .getByTestId('quarter-deductions')
    .locator('[data-testid^="quarter-deduction-"]')
    .all();
  const ids = await Promise.all(cells.map((c) => c.getAttribute('data-testid')));
  return [...new Set(ids.map((id) => (id ?? '').replace('quarter-deduction-', '')))].sort();
}

describe('the vendor overview, ten hospitals a page', () => {
  it('shows ten hospitals, the rest after 下一页, and on each page the deductions total and open tickets of all hospitals', async () => {
    // Arrange: eleven hospitals whose ids sort before the demo's, so that 武汉市中心医院 (with a
    // contract, open tickets and deductions) lies past the first page; and a late phone report
    // there, which books a deduction this quarter and leaves an open breached ticket.
    for (let i = 1; i <= 11; i += 1) {
      const n = String(i).padStart(2, '0');
      const created = await e2e.stack.jsonAs('admin@vendor.example', 'POST', '/api/hospitals', {
        id: `a${n}-fy`,
        name: `分页测试医院${n}`,
        code: `FY${n}`,
        campuses: [],
        intakeLocalPart: `a${n}-fy`,
      });
      expect(created.status).toBe(201);
    }
    const late = await e2e.stack.jsonAs(
      'engineer@vendor.example',
      'POST',
      '/api/hospitals/whzx/tickets',
      lateWhzxReport(),
    );
    expect(late.status).toBe(201);
    // The overview reads rollups, which follow the table's stream.
    await e2e.stack.streamDrained();
    const pages = await overviewPages();
    const [first, second] = pages;
    const ids = (p: (typeof pages)[number]) => p.hospitals.map((h) => h.hospitalId).sort();
    const deductions = (hs: (typeof pages)[number]['hospitals']) =>
      hs.flatMap((h) => h.contractQuarters).reduce((sum, q) => sum + q.deductionsFen, 0);
    const all = pages.flatMap((p) => p.hospitals);
    const openOfAll = (s: 'fatal' | 'serious' | 'minor') =>
      all.reduce((sum, h) => sum + h.open[s], 0);
    // The API: two pages, 10 and 3 hospitals; its totals are all hospitals', not the first page's
    expect(pages.map((p) => p.hospitals.length)).toEqual([10, 3]);
    expect(first!.currentQuarterFen).toBe(deductions(all));
    expect(deductions(first!.hospitals)).toBeLessThan(first!.currentQuarterFen);
    expect(first!.open).toEqual({
      fatal: openOfAll('fatal'),
      serious: openOfAll('serious'),
      minor: openOfAll('minor'),
    });
    expect(first!.open.serious).toBeGreaterThanOrEqual(1);

    // Act: the admin's home, then 下一页
    const tab = await openTab(e2e);
    const { page } = tab;
    await signInAs(page, 'admin@vendor.example');
    await page.waitForURL(/\/overview$/);
    await page.getByTestId('quarter-total').waitFor();
    const onScreen = async () => ({
      hospitals: await hospitalsShown(page),
      total: await page.getByTestId('quarter-total').textContent(),
      fatal: await page.getByTestId('open-fatal').textContent(),
      serious: await page.getByTestId('open-serious').textContent(),
      minor: await page.getByTestId('open-minor').textContent(),
    });
    const expected = (p: (typeof pages)[number]) => ({
      hospitals: ids(p),
      total: formatCny(first!.currentQuarterFen),
      fatal: String(first!.open.fatal),
      serious: String(first!.open.serious),
      minor: String(first!.open.minor),
    });

    // Assess: the first ten hospitals, labelled as all hospitals' total; 已超时 counted exactly,
    // as the queue's tickets past their next deadline (the whole queue fits its first page)
    await expect.poll(onScreen).toEqual(expected(first!));
    expect(await page.getByTestId('quarter-deductions').textContent()).toContain('全部医院合计');
    const queue = listOf(ticketSchema).parse(
      await (await e2e.stack.fetchAs('admin@vendor.example', '/api/queue?limit=50')).json(),
    );
    expect(queue.next).toBeNull();
    await expect
      .poll(async () => page.getByTestId('open-breached').textContent())
      .toBe(
        String(
          queue.items.filter((tk) => tk.nextDeadline && Date.parse(tk.nextDeadline) < Date.now())
            .length,
        ),
      );
    expect(await page.getByTestId('open-at-risk').textContent()).toMatch(/^\d+$/);
    // The charts are of the page's hospitals: none of the first ten has a fault or deduction
    await page.getByText('本页医院近四个自然季度暂无故障与扣款').waitFor();
    expect(await page.getByTestId('deduction-chart').count()).toBe(0);
    const pager = page.getByTestId('overview-pager');
    expect(await pager.textContent()).toContain('第 1 页');
    await pager.getByRole('button', { name: '下一页' }).click();
    await expect.poll(onScreen).toEqual(expected(second!));
    expect(await pager.textContent()).toContain('第 2 页');
    expect(await pager.getByRole('button', { name: '下一页' }).isDisabled()).toBe(true);
    await page.getByTestId('deduction-chart').locator('canvas').waitFor();
    await pager.getByRole('button', { name: '上一页' }).click();
    await expect.poll(onScreen).toEqual(expected(first!));
    await tab.finish('overview-pages');
  });
});
