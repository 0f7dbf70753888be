import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitsWidth, openTab, phone, pickOption, signInAs, startE2e, type E2e } from './support.ts';

const whzxContract = '/hospitals/whzx/contracts/01KAW00000000000000000WHZX';
let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

describe('reading hospitals and contracts in the browser', () => {
  it('shows the vendor admin 武汉市中心医院 and its contract: ¥188,000.00, eight subsystems, the SLA matrix', async () => {
    const tab = await openTab(e2e);
    const { page } = tab;

    await signInAs(page, 'admin@vendor.example');
    // Vendor staff start at the overview; the hospital list is one menu entry away.
    await page.waitForURL(/\/overview$/);
    await page.getByRole('menuitem', { name: '医院' }).click();
    await page.waitForURL(/\/hospitals$/);
    await expect.poll(() => page.getByTestId('user-name').textContent()).toBe('张伟');
    await expect.poll(() => page.getByTestId('user-role').textContent()).toBe('厂商管理员');
    await expect.poll(() => page.getByTestId('user-hospital').textContent()).toBe('全部医院');
    const table = page.getByTestId('hospital-table');
    await table.getByRole('link', { name: '武汉市中心医院' }).waitFor();
    expect(await table.getByRole('link', { name: '江城第二人民医院' }).count()).toBe(1);
    await tab.page.screenshot({ path: 'test-results/e2e/vendor-hospital-list.png' });

    await page.getByPlaceholder('按名称、编码或院区搜索').fill('后湖');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    await table.getByRole('link', { name: '武汉市中心医院' }).click();

    await page.waitForURL(/\/hospitals\/whzx$/);
    await page.getByTestId('contract-table').getByRole('link').first().click();
    await page.waitForURL(new RegExp(`${whzxContract}$`));

    await expect.poll(() => page.getByTestId('contract-total').textContent()).toBe('¥188,000.00');
    const subsystems = page.getByTestId('subsystem-table').locator('tbody tr.ant-table-row');
    expect(await subsystems.count()).toBe(8);
    await expect.poll(() => subsystems.first().textContent()).toContain('¥23,500.00');
    await expect.poll(() => page.getByTestId('subsystem-sum').textContent()).toBe('¥188,000.00');
    const sla = page.getByTestId('sla-table').locator('tbody tr.ant-table-row');
    expect(await sla.count()).toBe(3);
    await expect
      .poll(() => sla.nth(0).textContent())
      .toMatch(/致命错误1 小时2 小时2 小时服务方式：致命错误/);
    await expect.poll(() => sla.nth(2).textContent()).toContain('下一补丁包（Service Pack）');
    const overview = await page.getByTestId('contract-overview').textContent();
    expect(overview).toContain('住院医生工作站系统病历医嘱一体化系统（CPOE）');
    expect(overview).toContain('2026-01-05 ~ 2027-01-04');
    await expect.poll(() => page.getByTestId('deduction-table').textContent()).toContain('1%');
    await expect
      .poll(() => page.getByTestId('renewal-count').textContent())
      .toBe('已续签 0 次 / 最多 2 次');
    await expect
      .poll(() => page.getByTestId('contact-table').textContent())
      .toContain('it-director@whch.example');
    expect(await page.getByTestId('edit-contract').count()).toBe(1);
    await tab.finish('vendor-admin-contract');
  });

  it('lets the vendor admin read the audit log with before and after, and switch to English', async () => {
    const tab = await openTab(e2e);
    const { page } = tab;
    await signInAs(page, 'admin@vendor.example');
    await page.goto('/hospitals/whzx/audit');
    const rows = page.getByTestId('audit-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    // Newest first: the seed's obligation plan comes after the contract it was made from, and
    // the demo people are invited after both.
    const texts = await rows.allTextContents();
    expect(texts.findIndex((x) => x.includes('生成履约计划'))).toBeLessThan(
      texts.findIndex((x) => x.includes('创建合同')),
    );
    expect(texts.some((x) => x.includes('邀请人员'))).toBe(true);
    const created = rows.filter({ hasText: '创建合同' }).first();
    await created.getByRole('button').first().click();
    // The created contract reads by its fields' Chinese names; the raw record stays folded away
    const change = page.getByTestId('audit-change').first();
    await change.waitFor();
    const shown = await change.innerText();
    expect(shown).toContain('合同条款 · 名称');
    expect(shown).toContain('合同条款 · 合同总额');
    expect(shown).toContain('¥188,000.00');
    expect(shown).not.toMatch(/"terms"|totalFen|hospitalId/);
    await change.getByText('技术详情（原始记录）').click();
    await expect.poll(() => change.innerText()).toMatch(/"totalFen": 18800000/);
    expect(await fitsWidth(page)).toBe(true);
    await tab.page.screenshot({ path: 'test-results/e2e/audit-log.png', fullPage: true });

    await page.getByTestId('language').click();
    await page.getByText('Audit log').first().waitFor();
    await page.reload();
    await expect.poll(() => page.getByTestId('user-role').textContent()).toBe('Vendor admin');
    await tab.finish('audit-log-english');
  });

  it('shows the second hospital’s IT center only 江城第二人民医院, and not-found for 武汉市中心医院', async () => {
    const tab = await openTab(e2e, { expectedConsole: [/status of 404/] });
    const { page } = tab;
    await signInAs(page, 'it@second.example');
    await page.waitForURL(/\/hospitals\/jcey$/);
    await expect
      .poll(() => page.getByTestId('user-hospital').textContent())
      .toBe('江城第二人民医院');
    await expect
      .poll(() => page.getByRole('heading', { level: 4 }).textContent())
      .toBe('江城第二人民医院');

    await page.goto('/hospitals');
    const names = page.getByTestId('hospital-table').locator('tbody tr.ant-table-row');
    await names.first().waitFor();
    expect(await names.allTextContents()).toEqual([expect.stringContaining('江城第二人民医院')]);

    await page.goto('/hospitals/whzx');
    await page.getByTestId('not-found').waitFor();
    expect(await page.content()).not.toContain('武汉市中心医院');
    await tab.finish('second-hospital-not-found');
  });

  it('shows the department user the contract without any edit control', async () => {
    const tab = await openTab(e2e);
    const { page } = tab;
    await signInAs(page, 'dept@whch.example');
    await page.waitForURL(/\/hospitals\/whzx$/);
    await expect.poll(() => page.getByTestId('user-role').textContent()).toBe('使用科室');
    await page.goto(`${whzxContract}/edit`);
    await page.getByTestId('not-found').waitFor();

    await page.goto('/hospitals/whzx');
    await page.getByTestId('contract-table').getByRole('link').first().click();
    await expect.poll(() => page.getByTestId('contract-total').textContent()).toBe('¥188,000.00');
    await page.getByTestId('contact-table').waitFor();
    expect(await page.getByTestId('edit-contract').count()).toBe(0);
    expect(await page.getByRole('button', { name: /编辑|编 辑/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: '审计日志' }).count()).toBe(0);
    await tab.finish('department-read-only');
  });

  it('fits a phone screen of 390×844: sign-in, contract, hospital list', async () => {
    const tab = await openTab(e2e, { viewport: phone });
    const { page } = tab;
    await page.goto('/sign-in');
    await page.getByTestId('demo-user-it@whch.example').waitFor();
    // Polled: the layout settles after the data arrives; an overflow that stays still fails.
    await expect.poll(() => fitsWidth(page)).toBe(true);
    await page.screenshot({ path: 'test-results/e2e/phone-sign-in.png', fullPage: true });

    await signInAs(page, 'it@whch.example');
    await page.waitForURL(/\/hospitals\/whzx$/);
    // Polled: the layout settles after the data arrives; an overflow that stays still fails.
    await expect.poll(() => fitsWidth(page)).toBe(true);
    await page.getByTestId('contract-table').getByRole('link').first().click();
    await page.getByTestId('contract-total').waitFor();
    await expect.poll(() => page.getByTestId('contract-total').textContent()).toBe('¥188,000.00');
    // Polled: the layout settles after the data arrives; an overflow that stays still fails.
    await expect.poll(() => fitsWidth(page)).toBe(true);
    await page.screenshot({ path: 'test-results/e2e/phone-contract.png', fullPage: true });

    await page.goto('/hospitals');
    await page
      .getByTestId('hospital-table')
      .getByRole('link', { name: '武汉市中心医院' })
      .waitFor();
    // Polled: the layout settles after the data arrives; an overflow that stays still fails.
    await expect.poll(() => fitsWidth(page)).toBe(true);
    await tab.finish('phone-hospital-list');
  });

  it('pages and searches 57 hospitals on the server, picks one by a search, and reads no whole hospital list on the overview or the queue', async () => {
    // Arrange: 55 more hospitals, ids after whzx so the demo's two stay on the first page
    for (let i = 1; i <= 55; i += 1) {
      const n = String(i).padStart(2, '0');
      const res = await e2e.stack.fetchAs('admin@vendor.example', '/api/hospitals', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          id: `zz-p${n}`,
          name: i === 55 ? '黄石市中医医院' : `测试第${n}医院`,
          code: `ZP${n}`,
          campuses: [],
          intakeLocalPart: `zz-p${n}`,
        }),
      });
      expect(res.status).toBe(201);
    }
    const tab = await openTab(e2e);
    const { page } = tab;
    const hospitalReads: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/hospitals') hospitalReads.push(url.search);
    });

    // Act 1: the admin's overview and the manager-like queue name hospitals by id only
    await signInAs(page, 'admin@vendor.example');
    await page.waitForURL(/\/overview$/);
    await page.getByTestId('quarter-total').first().waitFor();
    await page.goto('/queue');
    await page.getByTestId('filter-state').waitFor();
    const firstOffer = page.waitForResponse((r) => r.url().endsWith('/api/hospitals?limit=20'));
    await page.getByTestId('filter-hospital').click();
    // Assess 1: the picker offers 20 and says how to find the rest; the pages read no full list
    const offer = (await (await firstOffer).json()) as { items: unknown[]; next: string | null };
    expect(offer.items).toHaveLength(20);
    expect(offer.next).not.toBeNull();
    await page.getByTestId('hospital-select-more').waitFor();
    await page.keyboard.press('Escape');
    await pickOption(page, page.getByTestId('filter-hospital'), '黄石市中医医院', { type: '中医' });
    await expect
      .poll(() => page.getByTestId('filter-hospital').textContent())
      .toContain('黄石市中医医院');
    expect(hospitalReads.length).toBeGreaterThan(0);
    for (const search of hospitalReads) expect(search).toMatch(/[?&](ids|q)=|^\?limit=20$/);

    // Act 2: the hospital list, 50 a page, then a search on the server
    await page.getByRole('menuitem', { name: '医院' }).click();
    await page.waitForURL(/\/hospitals$/);
    const rows = page.getByTestId('hospital-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(50);
    await page
      .getByTestId('hospital-pager')
      .getByRole('button', { name: /下一页/ })
      .click();
    await expect.poll(() => rows.count()).toBe(7);
    expect(await rows.last().textContent()).toContain('黄石市中医医院');
    await page.getByPlaceholder('按名称、编码或院区搜索').fill('zp07');
    // Assess 2: the search starts at its first page and finds one, by its code in lower case
    await expect
      .poll(() => rows.allTextContents())
      .toEqual([expect.stringContaining('测试第07医院')]);
    expect(await page.getByTestId('hospital-pager').count()).toBe(0);
    await tab.finish('hospital-list-search-paged');
  });
});
