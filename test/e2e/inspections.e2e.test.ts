import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertSoffice, docxText } from '../support/soffice.ts';
import { fitsWidth, openTab, phone, signInAs, startE2e, type E2e } from './support.ts';

let e2e: E2e;
beforeAll(async () => {
  assertSoffice();
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

const contractId = '01KAW00000000000000000WHZX';
// A PNG's signature and a few bytes: the bucket stores what it is sent.
const photo = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('an inspection on a phone, signed by the hospital through links', () => {
  it('records two findings and a photo, the department and IT center sign through their links, the 巡检单 holds the results and both signatures, and the quarter’s inspection is done', async () => {
    // Act 1: the engineer starts the first quarter's inspection on site
    const engineer = await openTab(e2e, { viewport: phone });
    const page = engineer.page;
    await signInAs(page, 'engineer@vendor.example');
    await page.goto(`/hospitals/whzx/contracts/${contractId}/inspections`);
    await page.getByTestId('start-inspection').click();
    await page.waitForURL(/\/inspections\/[0-9A-Z]{26}$/);
    const checks = page.locator('[data-testid^="check-"]');
    await checks.first().waitFor();

    // Act 2: every item checked, the disk abnormal with a remark; a photo; two findings
    const count = await checks.count();
    for (let n = 0; n < count; n++) {
      const card = page.getByTestId(`check-${n}`);
      const abnormal = (await card.textContent())?.includes('磁盘空间使用率');
      await card.getByText(abnormal ? '异常' : '正常', { exact: true }).click();
      if (abnormal) await page.getByTestId(`remark-${n}`).fill('数据盘使用率 91%');
    }
    await page.getByTestId('inspection-place').fill('信息中心机房');
    await page.locator('input[type=file]').setInputFiles({
      name: '磁盘告警.png',
      mimeType: 'image/png',
      buffer: photo,
    });
    await page.getByTestId('photo').waitFor();
    await page.getByTestId('add-finding').click();
    await page.getByTestId('finding-text-0').fill('数据盘使用率 91%，需清理归档日志');
    await page.getByTestId('finding-photos-0').getByText('磁盘告警.png').click();
    await page.getByTestId('add-finding').click();
    await page.getByTestId('finding-text-1').fill('备份任务日志未轮转');
    await page.getByTestId('leftAt-now').click();
    const narrowForm = await fitsWidth(page);
    await page.getByTestId('submit-inspection').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.getByTestId('inspection-state').getByText('待签字').waitFor();

    // Act 3: the finding opens a ticket; the engineer hands out the signing links
    await page.getByTestId('open-ticket-f1').click();
    const ticketLink = page.getByTestId('finding-ticket-f1');
    await ticketLink.getByText(/已开工单 WHZX-\d{4}-\d{5}/).waitFor();
    const ticketNumber = /WHZX-\d{4}-\d{5}/.exec((await ticketLink.textContent()) ?? '')?.[0];
    await page.getByTestId('make-links').click();
    const linkOf = async (signer: string) =>
      new URL((await page.getByTestId(`link-${signer}`).getAttribute('data-url')) ?? '').pathname;
    await page.getByTestId('link-department').waitFor();
    const links = { department: await linkOf('department'), itCenter: await linkOf('it-center') };
    await engineer.finish('inspection-awaiting-signatures');

    // Act 4: each signer opens their link on their own phone, reads and signs
    for (const [path, name, shot] of [
      [links.department, '陈静', 'inspection-link-department'],
      [links.itCenter, '刘洋', 'inspection-link-it-center'],
    ] as const) {
      const signer = await openTab(e2e, { viewport: phone });
      await signer.page.goto(path);
      await signer.page.getByTestId('link-sign').waitFor();
      await signer.page.getByText('数据盘使用率 91%，需清理归档日志').waitFor();
      expect(await fitsWidth(signer.page)).toBe(true);
      await signer.page.getByTestId('link-signer-name').fill(name);
      await signer.page.getByTestId('link-sign').click();
      await signer.page.getByTestId('inspection-signed').waitFor();
      await signer.finish(shot);
    }

    // Act 5: the engineer sees it signed and downloads the 巡检单
    const after = await openTab(e2e, { viewport: phone });
    await signInAs(after.page, 'engineer@vendor.example');
    await after.page.goto(new URL(page.url()).pathname);
    await after.page.getByTestId('inspection-state').getByText('已签字').waitFor();
    await after.page.getByTestId('obligation-done').waitFor();
    const download = after.page.waitForEvent('download');
    await after.page.getByTestId('download-inspection').click();
    const saved = await download;
    const { text } = docxText(await readFile((await saved.path())!));
    await after.finish('inspection-signed');

    // Assess: the form fit the phone; the sheet holds the results, the findings, both signatures
    expect(narrowForm).toBe(true);
    expect(saved.suggestedFilename()).toBe('武汉市中心医院-2026第1季度-系统巡检单.docx');
    expect(text).toContain('第一联 医院留存');
    expect(text).toContain('第二联 厂商留存');
    expect(text).toContain('☑异常');
    expect(text).toContain('数据盘使用率 91%');
    expect(text).toContain('备份任务日志未轮转');
    expect(text).toContain(`已开工单 ${ticketNumber}`);
    expect(text).toContain('照片 1 张');
    expect(text).toContain('使用科室负责人：陈静（dept@whch.example）');
    expect(text).toContain('信息中心负责人：刘洋（it@whch.example）');
    // And the quarter's inspection obligation is done, confirmed by the IT center's signature
    const obligation = (await (
      await e2e.stack.fetchAs(
        'it@whch.example',
        `/api/hospitals/whzx/contracts/${contractId}/obligations/inspection-1`,
      )
    ).json()) as { state: string; acceptance: unknown };
    expect(obligation).toMatchObject({ state: 'done', acceptance: null });
  });
});
