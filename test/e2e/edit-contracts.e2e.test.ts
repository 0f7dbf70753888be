import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, signInAs, startE2e, type E2e } from './support.ts';

const contractPath = '/hospitals/whzx/contracts/01KAW00000000000000000WHZX';
let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

/** Someone else saves the contract with another name, behind the browser's back. */
async function saveElsewhere(name: string): Promise<number> {
  const current = (await (
    await e2e.stack.fetchAs('admin@vendor.example', contractPath.replace(/^/, '/api'))
  ).json()) as {
    terms: { name: string };
    version: number;
  };
  const res = await e2e.stack.fetchAs('admin@vendor.example', `/api${contractPath}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ terms: { ...current.terms, name }, version: current.version }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { version: number }).version;
}

describe('changing a contract and onboarding a hospital in the browser', () => {
  it('keeps what the service manager typed (name, contract number, a phone) when the contract changed meanwhile (409), then saves it on the latest version', async () => {
    const tab = await openTab(e2e, { expectedConsole: [/status of 409/] });
    const { page } = tab;
    await signInAs(page, 'manager@vendor.example');
    await page.goto(`${contractPath}/edit`);
    const name = page.locator('#contract-edit_name');
    const phone = page.locator('#contract-edit_escalationContacts_0_phone');
    await name.waitFor();
    const typedName = '2026年信息化项目售后维保（CPOE）— 服务经理修订';
    await name.fill(typedName);
    await phone.fill('027-8888 6666');
    await page.getByTestId('contract-number').fill('WHZX-WB-2026-001-补');

    const theirVersion = await saveElsewhere('2026年信息化项目售后维保（CPOE）— 管理员修订');
    await page.getByTestId('save-contract').click();

    const conflict = page.getByTestId('conflict');
    await conflict.waitFor();
    await expect.poll(() => conflict.textContent()).toContain(`版本 ${theirVersion}`);
    expect(await name.inputValue()).toBe(typedName);
    expect(await phone.inputValue()).toBe('027-8888 6666');
    await page.screenshot({ path: 'test-results/e2e/contract-conflict.png', fullPage: true });

    await page.getByTestId('reload-latest').click();
    await page.getByTestId('reloaded').waitFor();
    await expect.poll(() => page.getByTestId('reloaded').textContent()).toContain('管理员修订');
    expect(await name.inputValue()).toBe(typedName);

    await page.getByTestId('save-contract').click();
    await page.waitForURL(new RegExp(`${contractPath}$`));
    await page.getByTestId('contract-overview').waitFor();
    await expect.poll(() => page.getByRole('heading', { level: 4 }).textContent()).toBe(typedName);
    await expect
      .poll(() => page.getByTestId('contact-table').textContent())
      .toContain('027-8888 6666');
    expect(await page.getByTestId('contract-number').textContent()).toBe('WHZX-WB-2026-001-补');
    await expect
      .poll(() => page.getByTestId('contract-overview').textContent())
      .toContain(`${theirVersion + 1} ·`);
    await tab.finish('contract-saved-after-conflict');
  });

  it('shows the API’s 400 next to the field its path names', async () => {
    const tab = await openTab(e2e, { expectedConsole: [/status of 400/] });
    const { page } = tab;
    await signInAs(page, 'admin@vendor.example');
    await page.goto(`${contractPath}/edit`);
    await page.locator('#contract-edit_name').fill('维'.repeat(201));
    await page.getByTestId('save-contract').click();
    const nameItem = page
      .locator('.ant-form-item')
      .filter({ has: page.locator('#contract-edit_name') });
    await nameItem.locator('.ant-form-item-explain-error').waitFor();
    await expect
      .poll(() => nameItem.locator('.ant-form-item-explain-error').textContent())
      .toMatch(/200/);
    expect(page.url()).toMatch(/\/edit$/);
    await tab.finish('contract-field-error');
  });

  it('lets the vendor admin onboard a hospital, with the API’s objections at the fields', async () => {
    const tab = await openTab(e2e, { expectedConsole: [/status of 409/] });
    const { page } = tab;
    await signInAs(page, 'admin@vendor.example');
    await page.goto('/hospitals');
    await page.getByRole('button', { name: /新建医院/ }).click();
    await page.waitForURL(/\/hospitals\/new$/);
    await page.locator('#create-hospital_name').fill('汉口协和分院');
    await page.locator('#create-hospital_id').fill('whzx');
    await page.locator('#create-hospital_code').fill('hkxh');
    await page.locator('#create-hospital_campuses').fill('主院区\n西院区');
    expect(await page.locator('#create-hospital_intakeLocalPart').inputValue()).toBe('whzx');
    await page.getByTestId('create-hospital').click();
    const idItem = page
      .locator('.ant-form-item')
      .filter({ has: page.locator('#create-hospital_id') });
    await idItem.locator('.ant-form-item-explain-error').waitFor();
    await expect.poll(() => idItem.textContent()).toContain('医院编号 whzx 已存在');
    await page.screenshot({ path: 'test-results/e2e/hospital-id-taken.png', fullPage: true });

    await page.locator('#create-hospital_id').fill('hkxh');
    await page.getByTestId('create-hospital').click();
    await page.waitForURL(/\/hospitals\/hkxh$/);
    await expect
      .poll(() => page.getByRole('heading', { level: 4 }).textContent())
      .toBe('汉口协和分院');
    await expect
      .poll(() => page.getByTestId('contract-table').textContent())
      .toContain('该医院暂无维保合同');
    await tab.finish('hospital-created');
  });

  it('lets the vendor admin change the subsystem amounts and the term, held while the amounts do not add up to the total', async () => {
    const tab = await openTab(e2e);
    const { page } = tab;
    await signInAs(page, 'admin@vendor.example');
    await page.goto(`${contractPath}/edit`);
    await page.getByTestId('subsystem-amount-0').waitFor();
    await page.getByTestId('subsystem-amount-0').fill('24500');
    const check = page.getByTestId('subsystem-sum-check');
    await expect.poll(() => check.textContent()).toContain('比合同总额多 ¥1,000.00');
    expect(await page.getByTestId('save-contract').isDisabled()).toBe(true);
    await page.getByTestId('subsystem-amount-1').fill('22500');
    await expect.poll(() => check.textContent()).toContain('与合同总额一致');
    await page
      .locator('#contract-edit_coveredSystem')
      .fill('住院医生工作站与电子病历一体化系统（CPOE）');
    await page.getByTestId('save-contract').click();
    await page.waitForURL(/\/contracts\/01KAW00000000000000000WHZX$/);
    const subsystems = page.getByTestId('subsystem-table');
    await expect.poll(() => subsystems.textContent()).toContain('¥24,500.00');
    expect(await subsystems.textContent()).toContain('¥22,500.00');
    await tab.finish('contract-amounts-edited');
  });

  it('lets the vendor admin edit a hospital: a taken intake mailbox refused at its field, a change made meanwhile (409) loaded while what was typed stays', async () => {
    const tab = await openTab(e2e, { expectedConsole: [/status of (400|409)/] });
    const { page } = tab;
    await signInAs(page, 'admin@vendor.example');
    await page.goto('/hospitals/jcey');
    await page.getByTestId('edit-hospital').click();
    await page.locator('#edit-hospital_campuses').fill('本部\n汉阳院区');
    await page.locator('#edit-hospital_intakeLocalPart').fill('whzx');
    await page.getByTestId('save-hospital').click();
    const intake = page
      .locator('.ant-form-item')
      .filter({ has: page.locator('#edit-hospital_intakeLocalPart') });
    await expect
      .poll(() => intake.locator('.ant-form-item-explain-error').textContent())
      .toContain('已被其他医院使用');

    // Someone renames the hospital behind the browser's back
    const current = (await (
      await e2e.stack.fetchAs('admin@vendor.example', '/api/hospitals/jcey')
    ).json()) as {
      version: number;
    };
    const elsewhere = await e2e.stack.fetchAs('admin@vendor.example', '/api/hospitals/jcey', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: current.version, name: '江城市第二人民医院' }),
    });
    expect(elsewhere.status).toBe(200);
    await page.locator('#edit-hospital_intakeLocalPart').fill('jcey');
    await page.getByTestId('save-hospital').click();
    await page.getByText('医院信息刚被他人修改').waitFor();
    expect(await page.locator('#edit-hospital_campuses').inputValue()).toBe('本部\n汉阳院区');

    // Saved on the latest version: the campuses typed, the name as the other saved it
    await page.getByTestId('save-hospital').click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    const info = page.locator('.ant-descriptions');
    await expect.poll(() => info.textContent()).toContain('本部、汉阳院区');
    // The intake mailbox in full, as hospitals mail it, with the domain /config.json names
    expect(await info.textContent()).toContain('jcey@intake.example');
    expect(await page.getByRole('heading', { level: 4 }).textContent()).toBe('江城市第二人民医院');
    await tab.finish('hospital-edited');
  });
});
