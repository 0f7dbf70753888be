import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, fitsWidth, openTab, phone, signInAs, startE2e, type E2e } from './support.ts';

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
    it(`lands each demo user on their work at ${viewport.width}×${viewport.height}, in Chinese, within the screen’s width`, async () => {
      for (const h of homes) {
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
      }
    });
  }
});
