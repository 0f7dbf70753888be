import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { feedbackRoundSchema, hospitalQuarterSchema } from '@weibao/api';
import { fitsWidth, openTab, phone, signInAs, startE2e, type E2e } from './support.ts';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

const contractId = '01KAW00000000000000000WHZX';
const rounds = `/api/hospitals/whzx/contracts/${contractId}/feedback-rounds`;

async function currentQuarter(): Promise<number> {
  const res = await e2e.stack.fetchAs('it@whch.example', '/api/hospitals/whzx/quarter');
  const q = hospitalQuarterSchema
    .parse(await res.json())
    .contractQuarters.find((c) => c.contractId === contractId);
  expect(q).toBeDefined();
  return q!.index;
}

async function listRounds() {
  const res = await e2e.stack.fetchAs('it@whch.example', rounds);
  expect(res.status).toBe(200);
  return z.object({ items: z.array(feedbackRoundSchema) }).parse(await res.json()).items;
}

describe('用户意见收集 through a department’s link', () => {
  let quarter = 0;

  it('lets a head nurse answer on a phone without an account, once; the link then says it was answered', async () => {
    // Prepare: the IT center opened the quarter's survey for two wards
    quarter = await currentQuarter();
    const made = await e2e.stack.fetchAs('it@whch.example', rounds, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `e2e-fb-${Date.now()}` },
      body: JSON.stringify({
        quarter,
        departments: [{ name: '心内科一病区' }, { name: '骨科二病区' }],
      }),
    });
    expect(made.status).toBe(201);
    const round = feedbackRoundSchema.parse(await made.json());
    const link = new URL(round.departments[0]!.url).pathname;
    // The link opened again after answering is refused (410) on purpose.
    const tab = await openTab(e2e, { viewport: phone, expectedConsole: [/status of 410/] });
    const { page } = tab;

    // Act: the nurse opens the link, scores each subsystem, writes one remark and submits
    await page.goto(link);
    await page.getByTestId('feedback-name').waitFor();
    expect(await page.getByTestId('feedback-department').textContent()).toBe('心内科一病区');
    const groups = page.locator('[data-testid^="feedback-score-"]');
    const count = await groups.count();
    expect(count).toBeGreaterThan(1);
    // Submitting with nothing chosen names the first missing score in Chinese
    await page.getByTestId('feedback-submit').click();
    await page.getByText('请选择满意度').first().waitFor();
    for (let i = 0; i < count; i++)
      await page
        .getByTestId(`feedback-score-${i}`)
        .getByText(i === 0 ? '5' : '4', { exact: true })
        .click();
    await page.getByTestId('feedback-comment-0').fill('医嘱开立速度明显变快');
    await page.getByTestId('feedback-name').fill('王护士长');
    await page.getByTestId('feedback-role').fill('护士长');
    expect(await fitsWidth(page)).toBe(true);
    await page.getByTestId('feedback-submit').click();
    await page.getByText('提交成功，感谢您的反馈！').waitFor();
    // The same link opened again
    await page.goto(link);
    await page.getByText('本科室本季度的满意度调查已经提交').waitFor();

    // Assess: the round holds the answer, averaged per subsystem
    const stored = (await listRounds()).find((r) => r.quarter === quarter)!;
    expect(stored.departments.find((d) => d.name === '心内科一病区')).toMatchObject({
      respondent: '王护士长（护士长）',
      answeredAt: expect.any(String),
    });
    expect(stored.subsystems[0]).toMatchObject({ count: 1, averageHundredths: 500 });
    expect(stored.subsystems[1]).toMatchObject({ count: 1, averageHundredths: 400 });
    expect(stored.comments).toEqual([
      expect.objectContaining({ department: '心内科一病区', comment: '医嘱开立速度明显变快' }),
    ]);
    await tab.finish('feedback-link-phone');
  });

  it('shows the IT center the quarter’s results per subsystem, who has not answered, the remarks, and the report', async () => {
    // Prepare
    const tab = await openTab(e2e);
    const { page } = tab;
    await signInAs(page, 'it@whch.example');
    // Act
    await page.goto(`/hospitals/whzx/contracts/${contractId}`);
    await page.getByTestId('open-feedback').click();
    const card = page.getByTestId(`feedback-round-${quarter}`);
    await card.waitFor();
    const download = page.waitForEvent('download');
    await card.getByTestId('feedback-report').click();
    const saved = await download;
    // Assess
    const results = await card.getByTestId('feedback-results').textContent();
    expect(results).toContain('5.00');
    expect(results).toContain('4.00');
    expect(await card.textContent()).toContain('已答 1 / 2 个科室');
    expect(await card.locator('tr', { hasText: '骨科二病区' }).textContent()).toContain('未答');
    expect(await card.getByTestId('feedback-comments').textContent()).toContain('心内科一病区（');
    expect(saved.suggestedFilename()).toMatch(/系统应用效果评价报告\.docx$/);
    await tab.finish('feedback-results');
  });

  it('puts the 系统应用效果评价报告 on file as the quarter’s evaluation-report deliverable (系统生成)', async () => {
    // Prepare
    const tab = await openTab(e2e);
    await signInAs(tab.page, 'manager@vendor.example');
    // Act
    await tab.page.goto(`/hospitals/whzx/contracts/${contractId}/deliverables`);
    const card = tab.page.getByTestId(`quarter-${quarter}`);
    await card.getByTestId('generate-evaluation-report').click();
    // Assess
    const file = card.getByTestId('file-evaluation-report');
    await file.waitFor();
    expect(await file.textContent()).toMatch(
      new RegExp(`^武汉市中心医院-\\d{4}第${quarter}季度-系统应用效果评价报告\\.docx$`),
    );
    expect(await card.textContent()).toContain('系统生成');
    await tab.finish('feedback-report-deliverable');
  });
});
