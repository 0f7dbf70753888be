import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, pickOption, signInAs, startE2e, type E2e } from './support.ts';

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

const itUser = 'zhang.xinxi@second.example';
const supervisor = 'zhou.jianli@jianli.example';

describe('the directory in the browser', () => {
  it('lets the vendor admin invite a hospital IT user and a supervisor and assign an engineer; the IT user signs in and sees only that hospital; someone deactivated is no longer offered at sign-in', async () => {
    const tab = await openTab(e2e);
    const { page } = tab;
    await signInAs(page, 'admin@vendor.example');

    // 人员 on 江城第二人民医院's page: invite 张信息 as 信息中心 (the first hospital role)
    await page.goto('/hospitals/jcey');
    const card = page.getByTestId('people-card');
    await card.waitFor();
    await page.getByTestId('invite-person').click();
    await page.getByTestId('person-name').fill('张信息');
    await page.getByTestId('person-email').fill(itUser);
    await page.getByTestId('person-phone').fill('027-8765 4321');
    await expect.poll(() => page.getByTestId('person-role').textContent()).toContain('信息中心');
    await page.getByTestId('save-person').click();
    const itRow = card.getByTestId('person-row').filter({ hasText: itUser });
    await itRow.waitFor();
    const itText = await itRow.textContent();
    expect(itText).toContain('张信息');
    expect(itText).toContain('信息中心');
    expect(itText).toContain('在职');
    expect(itText).toContain('027-8765 4321');

    // /people from the menu: a supervisor for the jcey contract
    await page.getByRole('link', { name: '人员' }).click();
    await page.waitForURL(/\/people$/);
    await page.getByTestId('people-card').waitFor();
    await page.getByTestId('invite-person').click();
    await page.getByTestId('person-name').fill('周监理');
    await page.getByTestId('person-email').fill(supervisor);
    await pickOption(page, page.getByTestId('person-role'), '监理', { exact: true });
    await expect.poll(() => page.getByTestId('person-role').textContent()).toContain('监理');
    // The contracts wait for a hospital; then only that hospital's are offered
    expect(await page.getByTestId('person-contracts').getAttribute('class')).toContain(
      'ant-select-disabled',
    );
    await pickOption(page, page.getByTestId('person-hospital'), '江城第二人民医院', {
      type: '江城',
    });
    await page.getByTestId('person-contracts').click();
    // polled: the hospital's list may still be closing, the contracts' still loading
    const offered = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect
      .poll(() => offered.allTextContents())
      .toEqual([expect.stringMatching(/^\d{4}年电子病历系统售后维保/)]);
    await page.keyboard.press('Escape');
    await pickOption(page, page.getByTestId('person-contracts'), '年电子病历系统售后维保');
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.getByTestId('person-contracts').textContent())
      .toMatch(/\d{4}年电子病历系统售后维保/);
    await page.getByTestId('save-person').click();
    const supRow = page.getByTestId('person-row').filter({ hasText: supervisor });
    await supRow.waitFor();
    await expect.poll(() => supRow.textContent()).toContain('江城第二人民医院 · ');
    expect(await supRow.textContent()).toContain('监理');

    // 分配医院: engineer@vendor.example gets jcey beside the hospital already assigned
    const engRow = page.getByTestId('person-row').filter({ hasText: 'engineer@vendor.example' });
    await engRow.getByTestId('engineer-hospitals').waitFor();
    expect(await engRow.getByTestId('engineer-hospitals').textContent()).not.toContain(
      '江城第二人民医院',
    );
    await engRow.getByTestId('assign-engineer').click();
    await pickOption(page, page.getByTestId('assign-hospitals'), '江城第二人民医院');
    await page.keyboard.press('Escape');
    await page.getByTestId('save-assignment').click();
    await expect
      .poll(() => engRow.getByTestId('engineer-hospitals').textContent())
      .toContain('江城第二人民医院');
    const assigned = (await (
      await e2e.stack.fetchAs(
        'admin@vendor.example',
        '/api/engineers/6f1c2a3e-0002-4a6b-9c1d-7e2f3a4b5c02/hospitals',
      )
    ).json()) as { hospitalIds: string[] | null };
    expect(assigned.hospitalIds).toContain('jcey');

    // A fresh tab: 张信息 signs in on the local sign-in page and sees only her hospital
    const itTab = await openTab(e2e);
    await signInAs(itTab.page, itUser);
    await itTab.page.goto('/hospitals');
    const table = itTab.page.getByTestId('hospital-table');
    await table.locator('tr.ant-table-row').first().waitFor();
    expect(await table.locator('tr.ant-table-row').allTextContents()).toEqual([
      expect.stringContaining('江城第二人民医院'),
    ]);
    await itTab.finish('people-it-user-signed-in');

    // The vendor admin deactivates the supervisor: no longer offered at sign-in
    await supRow.getByTestId('deactivate-person').click();
    await page.getByTestId('confirm-deactivate').click();
    await expect.poll(() => supRow.getByTestId('person-state').textContent()).toBe('已停用');
    await supRow.getByTestId('reactivate-person').waitFor();
    const signIn = await openTab(e2e);
    await signIn.page.goto('/sign-in');
    await signIn.page.getByTestId(`demo-user-${itUser}`).waitFor();
    expect(await signIn.page.getByTestId(`demo-user-${supervisor}`).count()).toBe(0);
    await signIn.finish('people-sign-in-without-deactivated');
    await tab.finish('people-vendor-page');
  });

  it('lets the vendor admin change the contracts the demo supervisor oversees, offering only their hospital’s', async () => {
    const tab = await openTab(e2e);
    const { page } = tab;
    await signInAs(page, 'admin@vendor.example');
    await page.goto('/people');
    const row = page.locator('tr', { hasText: 'supervisor@jianli.example' });
    await row.locator('[data-testid^="oversee-"]').click();
    const picker = page.getByTestId('overseen-contracts');
    await picker.waitFor();
    expect(await picker.textContent()).toContain('2026年信息化项目售后维保（CPOE）');
    await picker.click();
    // Only 武汉市中心医院's contract is offered: 江城二院's would need a new invitation
    const options = page.locator('.ant-select-dropdown .ant-select-item-option');
    await expect
      .poll(() => options.allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('武汉市中心医院')]));
    const offered = await options.allTextContents();
    expect(offered.some((o) => o.includes('江城第二人民医院'))).toBe(false);
    await page.keyboard.press('Escape');
    await page.getByTestId('save-contracts').click();
    await page.getByText('已更新 孙监理 监督的合同').waitFor();
    await tab.finish('people-supervisor-contracts');
  });

  it('shows the API’s Chinese refusal of a malformed e-mail at the e-mail field', async () => {
    const tab = await openTab(e2e, { expectedConsole: [/status of 400/] });
    const { page } = tab;
    await signInAs(page, 'admin@vendor.example');
    await page.goto('/hospitals/jcey');
    await page.getByTestId('invite-person').click();
    await page.getByTestId('person-name').fill('错邮箱');
    await page.getByTestId('person-email').fill('not-an-address');
    await page.getByTestId('save-person').click();
    const item = page.locator('.ant-form-item').filter({ has: page.getByTestId('person-email') });
    await expect
      .poll(() => item.locator('.ant-form-item-explain-error').textContent())
      .toBe('邮箱地址格式不正确');
    await tab.finish('people-invite-bad-email');
  });

  it('says in Chinese that a person changed meanwhile (409), reloads, and deactivates on the next try', async () => {
    const email = 'wu.keshi@second.example';
    const api = (method: string, path: string, body: unknown) =>
      e2e.stack.fetchAs('admin@vendor.example', path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const invited = await api('POST', '/api/hospitals/jcey/people', {
      name: '吴科室',
      email,
      phone: null,
      role: 'hospital-dept',
    });
    expect(invited.status).toBe(200);
    const person = (await invited.json()) as { id: string; version: number };
    const tab = await openTab(e2e, { expectedConsole: [/status of 409/] });
    const { page } = tab;
    await signInAs(page, 'admin@vendor.example');
    await page.goto('/hospitals/jcey');
    const row = page
      .getByTestId('people-card')
      .getByTestId('person-row')
      .filter({ hasText: email });
    await row.waitFor();
    expect(await row.textContent()).toContain('使用科室');

    // Someone else changes the phone behind the browser's back
    const elsewhere = await api('PATCH', `/api/hospitals/jcey/people/${person.id}`, {
      version: person.version,
      phone: '027-1111 2222',
    });
    expect(elsewhere.status).toBe(200);
    await row.getByTestId('deactivate-person').click();
    await page.getByTestId('confirm-deactivate').click();
    await page.getByText('该人员刚被他人修改，已重新加载，请再试一次').waitFor();
    await expect.poll(() => row.textContent()).toContain('027-1111 2222');
    expect(await row.getByTestId('person-state').textContent()).toBe('在职');

    await row.getByTestId('deactivate-person').click();
    await page.getByTestId('confirm-deactivate').last().click();
    await expect.poll(() => row.getByTestId('person-state').textContent()).toBe('已停用');
    await tab.finish('people-conflict-then-deactivated');
  });
});
