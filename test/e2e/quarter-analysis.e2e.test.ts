import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quarterAnalysisSchema } from '@weibao/api';
import { periodContaining, quarterPeriods, shanghaiDateOf } from '@weibao/domain';
import { demoContracts } from '@weibao/usecases';
import { docxText } from '../support/soffice.ts';
import { openTab, signInAs, startE2e, type E2e } from './support.ts';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

describe('the quarterly analysis in the browser', () => {
  it('lets the service manager write the conclusion and plan, shows them to the IT center read-only, and prints them in the report', async () => {
    // Prepare
    const whzx = demoContracts.find((c) => c.hospitalId === 'whzx')!;
    const today = shanghaiDateOf(new Date(e2e.stack.now()).toISOString());
    const quarter = periodContaining(quarterPeriods(whzx.terms.term), today)!.index;
    const stamp = Date.now();
    const conclusion = `本季度故障集中在住院医生医嘱系统 ${stamp}`;
    const plan = `建议优化医嘱保存的数据库索引 ${stamp}`;
    const manager = await openTab(e2e);
    await signInAs(manager.page, 'manager@vendor.example');

    // Act: the manager writes both parts
    await manager.page.goto(`/hospitals/whzx/contracts/${whzx.id}/deliverables`);
    await manager.page.getByTestId(`quarter-${quarter}`).getByTestId(`analysis-${quarter}`).click();
    await manager.page.getByTestId('analysis-conclusion').fill(conclusion);
    await manager.page.getByTestId('analysis-recommendations').fill(plan);
    await manager.page.getByTestId('analysis-submit').click();
    await manager.page.getByTestId('analysis-submit').waitFor({ state: 'hidden' });
    await manager.finish('quarter-analysis-written');

    // Assess: stored, shown to the IT center without a way to change it, and in the DOCX
    const stored = quarterAnalysisSchema.parse(
      await (
        await e2e.stack.fetchAs(
          'it@whch.example',
          `/api/hospitals/whzx/contracts/${whzx.id}/analyses/${quarter}`,
        )
      ).json(),
    );
    expect(stored).toMatchObject({ version: 1, conclusion, recommendations: plan });
    const itCenter = await openTab(e2e);
    await signInAs(itCenter.page, 'it@whch.example');
    await itCenter.page.goto(`/hospitals/whzx/contracts/${whzx.id}/deliverables`);
    await itCenter.page.getByTestId(`analysis-${quarter}`).click();
    const field = itCenter.page.getByTestId('analysis-recommendations');
    await expect.poll(() => field.inputValue()).toBe(plan);
    expect(await field.isDisabled()).toBe(true);
    expect(await itCenter.page.getByTestId('analysis-submit').isDisabled()).toBe(true);
    await itCenter.finish('quarter-analysis-read');
    const doc = await e2e.stack.fetchAs(
      'it@whch.example',
      `/api/hospitals/whzx/contracts/${whzx.id}/documents/analysis?quarter=${quarter}`,
    );
    const { text } = docxText(Buffer.from(await doc.arrayBuffer()));
    expect(text).toContain(conclusion);
    expect(text).toContain(plan);
  });
});
