import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, signInAs, startE2e, type E2e } from './support.ts';

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

describe('a new contract from a template in the browser', () => {
  it('lets the vendor admin create a contract for a new hospital from the seed template, refusing to save while the subsystem amounts do not add up to the total', async () => {
    const tab = await openTab(e2e, { expectedConsole: [/status of 400/] });
    const { page } = tab;
    await signInAs(page, 'admin@vendor.example');
    await page.goto('/hospitals/new');
    await page.locator('#create-hospital_name').fill('黄陂区人民医院');
    await page.locator('#create-hospital_id').fill('hpqy');
    await page.locator('#create-hospital_code').fill('HPQY');
    await page.getByTestId('create-hospital').click();
    await page.waitForURL(/\/hospitals\/hpqy$/);
    const table = page.getByTestId('contract-table');
    await expect.poll(() => table.textContent()).toContain('该医院暂无维保合同');

    // Prepare: the empty state offers 新建合同, with the seed template preselected.
    await table.getByRole('button', { name: /新建合同/ }).click();
    await page.waitForURL(/\/hospitals\/hpqy\/contracts\/new$/);
    const form = page.locator('form#contract-new');
    await page.locator('#contract-new_name').waitFor();
    expect(await page.locator('#contract-new_name').inputValue()).toBe(
      '2026年信息化项目售后维保（CPOE）',
    );
    expect(await page.locator('#contract-new_total').inputValue()).toBe('188000.00');
    await expect
      .poll(() => form.textContent())
      .toContain('子系统金额合计 ¥188,000.00，与合同总额一致');
    // The template's SLA and deduction rules are shown with their clauses.
    await expect
      .poll(() => page.getByTestId('new-contract-sla').textContent())
      .toContain('响应时间 1个小时');
    await expect
      .poll(() => page.getByTestId('new-contract-deductions').textContent())
      .toContain('扣减1%合同款');

    await page.locator('#contract-new_number').fill('HPQY-WB-2027-001');
    await page.locator('#contract-new_startsOn').fill('2027-01-01');
    expect(await page.locator('#contract-new_endsOn').inputValue()).toBe('2027-12-31');

    // Act: one subsystem 8,000 元 lower; the sum falls short and 保存 stays disabled.
    await page.getByTestId('subsystem-amount-0').fill('15500');
    const check = page.getByTestId('subsystem-sum-check');
    await expect
      .poll(() => check.textContent())
      .toBe('子系统金额合计 ¥180,000.00，比合同总额少 ¥8,000.00');
    const save = page.getByTestId('create-contract');
    expect(await save.isDisabled()).toBe(true);
    await page.screenshot({ path: 'test-results/e2e/contract-new-sum-short.png', fullPage: true });

    await page.getByTestId('subsystem-amount-1').fill('31500.01');
    await expect
      .poll(() => check.textContent())
      .toBe('子系统金额合计 ¥188,000.01，比合同总额多 ¥0.01');
    expect(await save.isDisabled()).toBe(true);
    await page.getByTestId('subsystem-amount-1').fill('31500');
    await expect.poll(() => check.textContent()).toContain('与合同总额一致');
    expect(await save.isDisabled()).toBe(false);

    // Contacts are required: a save without them is held at the fields.
    await page.locator('#contract-new_serviceManager_name').fill('');
    await save.click();
    await expect
      .poll(() => form.locator('.ant-form-item-explain-error').count())
      .toBeGreaterThan(0);
    expect(page.url()).toMatch(/\/contracts\/new$/);
    await page.locator('#contract-new_serviceManager_name').fill('王芳');
    await page.locator('#contract-new_serviceManager_email').fill('manager@vendor.example');
    await page.locator('#contract-new_escalationContacts_0_name').fill('吴主任');
    await page.locator('#contract-new_escalationContacts_0_title').fill('信息科主任');
    await page.locator('#contract-new_escalationContacts_0_email').fill('wu@hpqy.example');
    // A phone longer than the API takes: its 400 shows at the phone, in Chinese.
    const phone = page.locator('#contract-new_escalationContacts_0_phone');
    await phone.fill('0'.repeat(41));
    await save.click();
    const phoneItem = page.locator('.ant-form-item').filter({ has: phone });
    await expect
      .poll(() => phoneItem.locator('.ant-form-item-explain-error').textContent())
      .toBe('不能超过 40 个字符');
    expect(page.url()).toMatch(/\/contracts\/new$/);
    await phone.fill('027-6188 0000');
    await save.click();

    // Assess: the contract's page, with its number, total, amounts and contacts.
    await page.waitForURL(/\/hospitals\/hpqy\/contracts\/[0-9A-HJKMNP-TV-Z]{26}$/);
    await page.getByTestId('contract-overview').waitFor();
    await expect
      .poll(() => page.getByTestId('contract-number').textContent())
      .toBe('HPQY-WB-2027-001');
    expect(await page.getByTestId('contract-total').textContent()).toBe('¥188,000.00');
    expect(await page.getByTestId('contract-overview').textContent()).toContain(
      '2027-01-01 ~ 2027-12-31',
    );
    const subsystems = await page.getByTestId('subsystem-table').textContent();
    expect(subsystems).toContain('¥15,500.00');
    expect(subsystems).toContain('¥31,500.00');
    expect(await page.getByTestId('contact-table').textContent()).toContain('027-6188 0000');
    expect(await page.getByTestId('contacts-missing').count()).toBe(0);
    await tab.finish('contract-new-created');
  });

  it('does not offer 新建合同 to the hospital’s IT center, nor open the page for it', async () => {
    const tab = await openTab(e2e);
    const { page } = tab;
    await signInAs(page, 'it@whch.example');
    await page.goto('/hospitals/whzx');
    await expect
      .poll(() => page.getByTestId('contract-table').textContent())
      .toContain('2026年信息化项目售后维保（CPOE）');
    expect(await page.getByTestId('new-contract').count()).toBe(0);
    expect(await page.getByRole('button', { name: /新建合同/ }).count()).toBe(0);
    await page.goto('/hospitals/whzx/contracts/new');
    await expect
      .poll(() => page.locator('body').textContent())
      .toContain('页面不存在，或您无权访问');
    expect(await page.locator('form#contract-new').count()).toBe(0);
    await tab.finish('contract-new-not-for-it');
  });

  it('warns on the contract page that a contract without a service manager or escalation contacts cannot send its reminders', async () => {
    // Prepare: a contract made through the API from the template as it is, with no one on it.
    const templates = (await (
      await e2e.stack.fetchAs('admin@vendor.example', '/api/contract-templates')
    ).json()) as { items: { example: Record<string, unknown> }[] };
    const terms = { ...templates.items[0]!.example, serviceManager: null, escalationContacts: [] };
    const res = await e2e.stack.fetchAs('admin@vendor.example', '/api/hospitals/jcey/contracts', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ terms }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };

    // Act
    const tab = await openTab(e2e);
    const { page } = tab;
    await signInAs(page, 'admin@vendor.example');
    await page.goto(`/hospitals/jcey/contracts/${id}`);

    // Assess
    const alert = page.getByTestId('contacts-missing');
    await alert.waitFor();
    const text = await alert.textContent();
    expect(text).toContain('该合同没有服务经理，维保义务提醒和 SLA 即将超时提醒无法发送');
    expect(text).toContain('该合同没有升级联系人，SLA 超时升级通知无法发送');
    expect(text).toContain('请在编辑合同中补充');
    await page.goto('/hospitals/whzx/contracts/01KAW00000000000000000WHZX');
    await page.getByTestId('contract-overview').waitFor();
    expect(await page.getByTestId('contacts-missing').count()).toBe(0);
    await tab.finish('contract-without-contacts');
  });
});
