import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketWithSlaSchema } from '@weibao/api';
import { addDays, periodContaining, quarterPeriods, shanghaiDateOf } from '@weibao/domain';
import { demoContracts } from '@weibao/usecases';
import type { Page } from 'playwright-core';
import { openTab, signInAs, startE2e, type E2e } from './support.ts';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

const today = () => shanghaiDateOf(new Date(e2e.stack.now()).toISOString());

/** A change request as the department would send it, through the API. */
async function request(title: string) {
  const res = await e2e.stack.fetchAs('dept@whch.example', '/api/hospitals/whzx/tickets', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'change-request',
      severity: 'minor',
      title,
      description: '出院小结增加随访计划段落',
      dueOn: addDays(today(), 10),
    }),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`answered ${res.status}: ${text}`);
  return ticketWithSlaSchema.parse(JSON.parse(text)).ticket;
}

/** Presses an action's button, confirms its form, and waits for the progress it leads to. */
async function act(page: Page, action: string, progress: string, fill?: () => Promise<void>) {
  await page.getByTestId(`action-${action}`).click();
  await fill?.();
  await page.getByTestId('event-submit').click();
  await expect.poll(() => page.getByTestId('change-progress').textContent()).toBe(progress);
}

describe('change requests in the browser', () => {
  it('lets the department ask for a change with its requested date in the report form', async () => {
    const tab = await openTab(e2e);
    const { page } = tab;
    await signInAs(page, 'dept@whch.example');
    await page.goto('/tickets/new');
    await page.getByTestId('report-kind').getByText('需求变更').click();
    // The date is asked for a change request only, and required
    await page.getByTestId('report-title').fill(`门诊处方增加用药提醒 ${Date.now()}`);
    await page.getByTestId('report-description').fill('开立处方时提示过敏药物。');
    await page.getByTestId('report-submit').click();
    await page.getByText('必填', { exact: true }).first().waitFor();
    // Three days on: the calendar's six weeks always show it, even at a month's end
    const due = addDays(today(), 3);
    await page.getByTestId('report-dueOn').click();
    // A click while the calendar still slides in can miss its day (seen under load: the
    // dropdown stayed open): wait for the opening animation to end, as a person's eye would.
    const dropdown = page.locator('.ant-picker-dropdown');
    await expect
      .poll(async () => (await dropdown.getAttribute('class')) ?? 'not yet')
      .not.toMatch(/ant-slide-up-(appear|enter)|not yet/);
    // The day picked in the calendar (Enter in the field would submit the form at once)
    await page.locator(`.ant-picker-cell[title="${due}"]`).click();
    await dropdown.waitFor({ state: 'hidden' });
    expect(await page.getByRole('button', { name: '提交需求' }).count()).toBe(1);
    await page.getByTestId('report-submit').click();
    await page.getByTestId('created-number').waitFor();
    await page.getByRole('button', { name: '查看工单' }).click();
    const card = page.getByTestId('change-card');
    await card.waitFor();
    expect(await card.textContent()).toContain(due);
    expect(await page.getByTestId('change-progress').textContent()).toBe('待审批');
    // The department cannot decide
    expect(await page.getByTestId('action-change-approve').count()).toBe(0);
    await tab.finish('change-request-reported');
  });

  it('lets the IT center decline with a reason and approve, and the engineer start approved work only', async () => {
    const declined = await request(`删除历史病历 ${Date.now()}`);
    const approved = await request(`出院小结随访计划 ${Date.now()}`);

    const itCenter = await openTab(e2e);
    await signInAs(itCenter.page, 'it@whch.example');
    // Decline: the reason is asked for
    await itCenter.page.goto(`/hospitals/whzx/tickets/${declined.id}`);
    await act(itCenter.page, 'change-decline', '已拒绝', async () => {
      await itCenter.page.getByTestId('event-submit').click();
      await itCenter.page.getByText('必填', { exact: true }).first().waitFor();
      await itCenter.page.getByTestId('event-reason').fill('违反病历管理规定');
    });
    expect(await itCenter.page.getByTestId('change-card').textContent()).toContain(
      '违反病历管理规定',
    );
    expect(await itCenter.page.getByTestId('action-change-approve').count()).toBe(0);
    // Approve
    await itCenter.page.goto(`/hospitals/whzx/tickets/${approved.id}`);
    await act(itCenter.page, 'change-approve', '已批准');
    const timeline = () => itCenter.page.getByTestId('timeline').textContent();
    await expect.poll(timeline).toContain('需求变更审批');
    expect(await timeline()).toContain('提出需求');
    // The list filters them
    await itCenter.page.goto('/hospitals/whzx/tickets?change=declined');
    await itCenter.page.getByText(declined.number).waitFor();
    expect(await itCenter.page.getByText(approved.number).count()).toBe(0);
    await itCenter.finish('change-request-it-center');

    const engineer = await openTab(e2e);
    await signInAs(engineer.page, 'engineer@vendor.example');
    await engineer.page.goto(`/hospitals/whzx/tickets/${declined.id}`);
    await engineer.page.getByTestId('change-card').waitFor();
    expect(await engineer.page.getByTestId('action-change-start').count()).toBe(0);
    await engineer.page.goto(`/hospitals/whzx/tickets/${approved.id}`);
    await act(engineer.page, 'change-start', '实施中');
    await act(engineer.page, 'change-finish', '已完成');
    await engineer.finish('change-request-engineer');
  });

  it('lets the service manager put the quarter’s generated 需求变更改造清单 on file as its deliverable', async () => {
    // Prepare: one request approved this quarter
    const approved = await request(`护理评估单调整 ${Date.now()}`);
    const version = ticketWithSlaSchema.parse(
      await (
        await e2e.stack.fetchAs('it@whch.example', `/api/hospitals/whzx/tickets/${approved.id}`)
      ).json(),
    ).ticket.version;
    const decided = await e2e.stack.fetchAs(
      'it@whch.example',
      `/api/hospitals/whzx/tickets/${approved.id}/events`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'change-approval', decision: 'approve', version }),
      },
    );
    expect(decided.status).toBe(201);
    const whzx = demoContracts.find((c) => c.hospitalId === 'whzx')!;
    const quarter = periodContaining(quarterPeriods(whzx.terms.term), today())!.index;
    const tab = await openTab(e2e);
    await signInAs(tab.page, 'manager@vendor.example');

    // Act
    await tab.page.goto(`/hospitals/whzx/contracts/${whzx.id}/deliverables`);
    const card = tab.page.getByTestId(`quarter-${quarter}`);
    await card.getByTestId('generate-change-request-list').click();

    // Assess
    const file = card.getByTestId('file-change-request-list');
    await file.waitFor();
    expect(await file.textContent()).toBe(
      `武汉市中心医院-${whzx.terms.term.startsOn.slice(0, 4)}第${quarter}季度-需求变更改造清单.docx`,
    );
    expect(await card.textContent()).toContain('系统生成');
    await tab.finish('change-request-list-generated');
  });
});
