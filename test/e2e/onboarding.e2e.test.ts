import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { contractQuarters, type Call } from '../support/contract-quarters.ts';
import { openTab, pickOption, signInAs, startE2e, type E2e } from './support.ts';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

const admin = 'admin@vendor.example';
const manager = 'manager@vendor.example';
const people = {
  it: { name: '孙信息', email: 'it@xgrm.example' },
  dept: { name: '钱科室', email: 'dept@xgrm.example' },
  supervisor: { name: '吴监理', email: 'jianli@xgrm.example' },
  auditor: { name: '郑审计', email: 'shenji@xgrm.example' },
};

/** A day in 北京时间, `months` months before the stack's today. */
function monthsAgo(months: number): string {
  const today = new Date(e2e.stack.now() + 8 * 3_600_000);
  today.setUTCMonth(today.getUTCMonth() - months);
  return today.toISOString().slice(0, 10);
}

/**
 * Invites one person in the open 人员 card or /people page; `role` by its label, a supervisor's or
 * auditor's hospital and contract by their names (the hospital found by typing it).
 */
async function invite(
  page: Page,
  who: { name: string; email: string },
  role: string,
  overseen?: { hospital: string; contract: string },
) {
  await page.getByTestId('invite-person').click();
  await page.getByTestId('person-name').fill(who.name);
  await page.getByTestId('person-email').fill(who.email);
  await pickOption(page, page.getByTestId('person-role'), role, { exact: true });
  if (overseen) {
    await pickOption(page, page.getByTestId('person-hospital'), overseen.hospital, {
      type: overseen.hospital,
    });
    await pickOption(page, page.getByTestId('person-contracts'), overseen.contract);
    await page.keyboard.press('Escape');
  }
  await page.getByTestId('save-person').click();
  await page.getByTestId('person-row').filter({ hasText: who.email }).waitFor();
}

describe('a new hospital onboarded in the web app alone', () => {
  it('takes a vendor admin from 新建医院 to a contract of their own amounts, its people and an engineer; the invited IT center sees only its hospital, and the supervisor’s and auditor’s signatures make the progress payment eligible', async () => {
    const startsOn = monthsAgo(7);
    const tab = await openTab(e2e);
    const { page } = tab;
    await signInAs(page, admin);

    // Act 1: the hospital
    await page.goto('/hospitals');
    await page.getByRole('button', { name: /新建医院/ }).click();
    await page.locator('#create-hospital_name').fill('孝感市人民医院');
    await page.locator('#create-hospital_id').fill('xgrm');
    await page.locator('#create-hospital_code').fill('XGRM');
    await page.getByTestId('create-hospital').click();
    await page.waitForURL(/\/hospitals\/xgrm$/);

    // Act 2: a contract from the seed template, signed seven months ago, with amounts of its own
    await page
      .getByTestId('contract-table')
      .getByRole('button', { name: /新建合同/ })
      .click();
    await page.waitForURL(/\/hospitals\/xgrm\/contracts\/new$/);
    await page.locator('#contract-new_name').waitFor();
    await page.locator('#contract-new_name').fill('孝感市人民医院 CPOE 维保');
    await page.locator('#contract-new_number').fill('XGRM-WB-001');
    await page.locator('#contract-new_startsOn').fill(startsOn);
    await page.getByTestId('subsystem-amount-0').fill('15500');
    await page.getByTestId('subsystem-amount-1').fill('31500');
    await expect
      .poll(() => page.getByTestId('subsystem-sum-check').textContent())
      .toContain('与合同总额一致');
    await page.locator('#contract-new_serviceManager_name').fill('王芳');
    await page.locator('#contract-new_serviceManager_email').fill(manager);
    await page.locator('#contract-new_escalationContacts_0_name').fill('冯主任');
    await page.locator('#contract-new_escalationContacts_0_title').fill('信息中心主任');
    await page.locator('#contract-new_escalationContacts_0_email').fill('feng@xgrm.example');
    await page.locator('#contract-new_escalationContacts_0_phone').fill('0712-2000000');
    await page.getByTestId('create-contract').click();
    await page.waitForURL(/\/hospitals\/xgrm\/contracts\/[0-9A-HJKMNP-TV-Z]{26}$/);
    const contractId = new URL(page.url()).pathname.split('/').at(-1) as string;
    expect(await page.getByTestId('contacts-missing').count()).toBe(0);

    // Act 3: its IT center and a department on the hospital's 人员 card
    await page.goto('/hospitals/xgrm');
    await page.getByTestId('people-card').waitFor();
    await invite(page, people.it, '信息中心');
    await invite(page, people.dept, '使用科室');

    // Act 4: the supervisor and the auditor of the contract, and the engineer, on /people
    await page.getByRole('link', { name: '人员' }).click();
    await page.waitForURL(/\/people$/);
    await page.getByTestId('people-card').waitFor();
    const overseen = { hospital: '孝感市人民医院', contract: '孝感市人民医院 CPOE 维保' };
    await invite(page, people.supervisor, '监理', overseen);
    await invite(page, people.auditor, '审计', overseen);
    const engineer = page.getByTestId('person-row').filter({ hasText: 'engineer@vendor.example' });
    await engineer.getByTestId('assign-engineer').click();
    await pickOption(page, page.getByTestId('assign-hospitals'), '孝感市人民医院');
    await page.keyboard.press('Escape');
    await page.getByTestId('save-assignment').click();
    await expect
      .poll(() => engineer.getByTestId('engineer-hospitals').textContent())
      .toContain('孝感市人民医院');
    await page.screenshot({ path: 'test-results/e2e/onboarding-people.png', fullPage: true });

    // Assess 1: the invited IT center signs in locally and sees only its hospital
    const itTab = await openTab(e2e);
    await signInAs(itTab.page, people.it.email);
    await itTab.page.goto('/hospitals');
    const hospitals = itTab.page.getByTestId('hospital-table').locator('tr.ant-table-row');
    await hospitals.first().waitFor();
    expect(await hospitals.allTextContents()).toEqual([expect.stringContaining('孝感市人民医院')]);
    await itTab.finish('onboarding-it-center');

    // Prepare: the two quarters' record as the invited people keep it, through the API
    const call: Call<string> = async (as, method, path, body) => {
      const res = await e2e.stack.fetchAs(as, path, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
    };
    const base = `/api/hospitals/xgrm/contracts/${contractId}`;
    const quarters = contractQuarters(call, base, manager);
    const parts = [
      { who: people.dept.email, part: 'service-level' as const },
      { who: people.it.email, part: 'service-quality' as const },
    ];
    await quarters.rate('q1', parts);
    await quarters.sign('q1', [people.supervisor.email, people.auditor.email]);
    await quarters.rate('q2', parts);
    for (const quarter of [1, 2]) {
      await quarters.attach(
        quarter,
        'inspection-report',
        `巡检报告-Q${quarter}.pdf`,
        `巡检 ${quarter}`,
      );
      await quarters.attach(
        quarter,
        'evaluation-report',
        `评价报告-Q${quarter}.pdf`,
        `评价 ${quarter}`,
      );
      await quarters.noneThisQuarter(quarter, [
        'change-request-list',
        'training-records',
        'meeting-minutes',
        'tuning-records',
      ]);
    }
    const before = await quarters.progress();
    expect(before.eligibility.status).toBe('not-eligible');

    // Act 5: the supervisor and then the auditor sign quarter 2 from their home page
    for (const signer of [people.supervisor, people.auditor]) {
      const s = await openTab(e2e);
      await signInAs(s.page, signer.email);
      await s.page.waitForURL(/\/hospitals\/xgrm$/);
      const work = s.page.getByTestId('work-list');
      await expect.poll(() => work.textContent()).toContain('待签署评价');
      await work.getByRole('link', { name: /第2季度/ }).click();
      await s.page.getByTestId('sign-evaluation').click();
      await s.page
        .getByTestId(`signature-${signer === people.supervisor ? 'supervisor' : 'auditor'}`)
        .waitFor();
      await s.finish(
        `onboarding-signed-${signer === people.supervisor ? 'supervisor' : 'auditor'}`,
      );
    }

    // Assess 2: the progress payment is eligible on the payments page
    await page.goto(`/hospitals/xgrm/contracts/${contractId}/payments`);
    await expect
      .poll(() => page.getByTestId('eligibility-progress').textContent())
      .toContain('可开票');
    // The final payment waits for the audit, said in Chinese where its amount will be
    expect(await page.getByTestId('payments-table').textContent()).toContain(
      '验收款按审定总额支付：审计确认审定总额后方可计算',
    );
    await tab.finish('onboarding-progress-eligible');
  });
});
