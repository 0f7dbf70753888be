import { evaluationWithHashSchema } from '@weibao/api';
import { receivedEmails } from '@weibao/local';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xlsxRows } from '../support/soffice.ts';
import { openTab, phone, signInAs, startE2e, type E2e } from './support.ts';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

const contractId = '01KAW00000000000000000WHZX';
const base = `/api/hospitals/whzx/contracts/${contractId}`;
const manager = 'manager@vendor.example';

async function api(email: string, method: string, path: string, body?: unknown) {
  const res = await e2e.stack.fetchAs(email, path, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return evaluationWithHashSchema.parse(JSON.parse(text));
}

describe('service evaluations in the browser', () => {
  it('lets the department evaluator enter the quarter’s spot checks through the emailed link, rated live as they type', async () => {
    // Prepare: the manager drafts quarter 1 from the record and emails the evaluators their links
    await api(manager, 'PUT', `${base}/evaluations/q1`);
    const sent = await e2e.stack.fetchAs(manager, `${base}/evaluations/q1/links`, {
      method: 'POST',
    });
    expect(sent.status).toBe(200);
    const mail = (await receivedEmails(e2e.stack.urls.sesv2)).find(
      (m) => m.subject.includes('【服务评价】') && m.destination.to.includes('dept@whch.example'),
    );
    const link = /https?:\/\/\S+\/links\/evaluation\/[A-Za-z0-9_.-]+/.exec(
      mail?.body.text ?? '',
    )?.[0];
    if (!link) throw new Error('no evaluation link in the mail to the department');

    // Act: open it on a phone without an account and type the spot checks
    const tab = await openTab(e2e, { viewport: phone });
    const { page } = tab;
    await page.goto(new URL(link).pathname);
    await page.getByText('服务水平评价（使用科室）').waitFor();
    const live = page.getByTestId('live-rating');
    const before = await live.getAttribute('data-rating');
    await page.getByTestId('part-sampled').fill('10');
    await page.getByTestId('part-passed').fill('9');
    await expect.poll(() => live.getAttribute('data-rating')).toBe('good');
    const good = await live.textContent();
    await page.getByTestId('part-adverse').fill('1');
    await expect.poll(() => live.getAttribute('data-rating')).toBe('unqualified');
    await page.getByTestId('part-adverse').fill('0');
    await page.getByTestId('part-passed').fill('10');
    await expect.poll(() => live.getAttribute('data-rating')).toBe('excellent');
    await page.getByTestId('part-note').fill('抽查10份病历，全部合格');
    await page.getByTestId('part-submit').click();
    await page.getByText('评价已提交，感谢。').waitFor();

    // Assess: nothing was rated before typing; 9 of 10 showed 良好 with its pass rate; the API holds the part
    expect(before).toBe('');
    expect(good).toContain('良好');
    expect(good).toContain('90%');
    expect(await page.getByTestId('evaluation-link-done').textContent()).toContain('优秀');
    const { evaluation } = await api(manager, 'GET', `${base}/evaluations/q1`);
    expect(evaluation.serviceLevel).toMatchObject({
      spotChecks: { sampled: 10, passed: 10 },
      adverseEvents: 0,
      note: '抽查10份病历，全部合格',
      via: 'link',
      enteredBy: { email: 'dept@whch.example', role: 'hospital-dept' },
    });
    await tab.finish('evaluation-link-entered');
  });

  it('shows the IT center its rating and the overall result live, and the supervisor signs the content hash shown', async () => {
    // Prepare: quarter 2 drafted, the department's part entered in the app
    const drafted = await api(manager, 'PUT', `${base}/evaluations/q2`);
    await api('dept@whch.example', 'PUT', `${base}/evaluations/q2/service-level`, {
      version: drafted.evaluation.version,
      spotChecks: { sampled: 8, passed: 8 },
      adverseEvents: 0,
    });
    const path = `/hospitals/whzx/contracts/${contractId}/evaluations/q2`;

    // Act 1: the IT center types its spot checks on the evaluation page
    const it = await openTab(e2e);
    await signInAs(it.page, 'it@whch.example');
    await it.page.goto(`/hospitals/whzx/contracts/${contractId}/evaluations`);
    await it.page.getByTestId('evaluation-q2').click();
    const section = it.page.getByTestId('section-serviceQuality');
    await section.getByTestId('part-sampled').fill('20');
    await section.getByTestId('part-passed').fill('17');
    await expect
      .poll(() => section.getByTestId('live-rating').getAttribute('data-rating'))
      .toBe('qualified');
    const overallLive = await section.getByTestId('live-overall').getAttribute('data-rating');
    await section.getByTestId('part-passed').fill('19');
    await expect
      .poll(() => section.getByTestId('live-overall').getAttribute('data-rating'))
      .toBe('good');
    await section.getByTestId('part-submit').click();
    await it.page.getByTestId('evaluation-overall').waitFor();

    // Assess 1: 17 of 20 (85%) was 合格 overall; saved, the report is rated 良好
    expect(overallLive).toBe('qualified');
    expect(await it.page.getByTestId('evaluation-status').textContent()).toBe('已评价');
    expect(await it.page.getByTestId('evaluation-overall').getAttribute('data-rating')).toBe(
      'good',
    );

    // Assess 1b: the list as shown, exported: Calc opens the same reports, q2 rated 良好
    await it.page.goto(`/hospitals/whzx/contracts/${contractId}/evaluations`);
    const listed = it.page.getByTestId('evaluations-table');
    await listed.getByTestId('evaluation-q2').waitFor();
    const download = it.page.waitForEvent('download');
    await it.page.getByTestId('export-xlsx').click();
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(
      /^武汉市中心医院-维保服务评价-\d{4}-\d{2}-\d{2}\.xlsx$/,
    );
    const [headers, ...exported] = xlsxRows(await readFile((await saved.path())!));
    expect(headers).toEqual([
      '评价期间',
      '起止日期',
      '状态',
      '评价结果',
      '响应大于1小时（次）',
      '扣款合计',
      '签署',
    ]);
    const shown = await listed
      .locator('a[data-testid^="evaluation-"]')
      .evaluateAll((links) => links.map((a) => a.textContent ?? ''));
    expect(exported.map((r) => r[0])).toEqual(shown);
    expect(exported.find((r) => r[0] === '第2季度')?.slice(2, 4)).toEqual(['已评价', '良好']);
    await it.finish('evaluation-it-center-rated');

    // Act 2: the supervisor (a third party without a demo account) signs in the browser
    const token = await e2e.stack.issuer.sign({
      sub: 'e2e-supervisor',
      email: 'supervisor@third.example',
      name: '监理工程师',
      role: 'supervisor',
      hospitalId: 'whzx',
    });
    const sup = await openTab(e2e);
    await sup.context.addInitScript(
      `sessionStorage.setItem('weibao.token', ${JSON.stringify(token)})`,
    );
    await sup.page.goto(path);
    // Who must sign is said before anyone has: the supervisor and the auditor, both awaited
    expect(await sup.page.getByTestId('signers-needed').textContent()).toContain('监理和审计');
    await sup.page.getByTestId('awaiting-supervisor').waitFor();
    await sup.page.getByTestId('awaiting-auditor').waitFor();
    const shownHash = await sup.page.getByTestId('content-hash').textContent();
    await sup.page.getByTestId('sign-evaluation').click();
    await sup.page.getByTestId('signature-supervisor').waitFor();

    // Assess 2: the signature covers exactly the hash that was shown
    const signed = await api(manager, 'GET', `${base}/evaluations/q2`);
    expect(signed.evaluation.signatures).toEqual([
      expect.objectContaining({
        role: 'supervisor',
        email: 'supervisor@third.example',
        contentSha256: shownHash,
      }),
    ]);
    expect(await sup.page.getByTestId('signature-supervisor').textContent()).toContain(shownHash);
    expect(await sup.page.getByTestId('sign-evaluation').count()).toBe(0);
    expect(await sup.page.getByTestId('awaiting-supervisor').count()).toBe(0);
    expect(await sup.page.getByTestId('awaiting-auditor').textContent()).toContain('审计');
    await sup.finish('evaluation-supervisor-signed');
  });
});

describe('home pages that hold work, in the browser', () => {
  it('puts what waits for each hospital-side person first on their home page: the department its spot checks and a big 报障, the IT center its rating, the supervisor the signature', async () => {
    // Prepare: quarter 3 drafted by the service manager
    await api(manager, 'PUT', `${base}/evaluations/q3`);
    const waiting = async (email: string) => {
      const tab = await openTab(e2e);
      await signInAs(tab.page, email);
      await tab.page.waitForURL(/\/hospitals\/whzx$/);
      const list = tab.page.getByTestId('work-list');
      await list.waitFor();
      return { tab, list };
    };

    // Act + Assess 1: the department sees its spot checks and the 报障 button first
    const dept = await waiting('dept@whch.example');
    await expect.poll(() => dept.list.textContent()).toContain('待录入服务水平');
    expect(await dept.list.textContent()).toContain('第3季度');
    await dept.tab.page.getByRole('button', { name: /报障/ }).first().waitFor();
    await dept.tab.finish('home-department');

    // Act + Assess 2: the IT center its own part of the same evaluation
    const it = await waiting('it@whch.example');
    await expect.poll(() => it.list.textContent()).toContain('待录入服务质量');
    expect(await it.list.textContent()).not.toContain('待录入服务水平');
    await it.tab.finish('home-it-center');

    // Act 3: both parts entered; the supervisor 孙监理 signs in
    for (const [who, part] of [
      ['dept@whch.example', 'service-level'],
      ['it@whch.example', 'service-quality'],
    ] as const) {
      const { evaluation: e } = await api(manager, 'GET', `${base}/evaluations/q3`);
      await api(who, 'PUT', `${base}/evaluations/q3/${part}`, {
        version: e.version,
        spotChecks: { sampled: 8, passed: 8 },
        adverseEvents: 0,
      });
    }
    const sup = await waiting('supervisor@jianli.example');

    // Assess 3: the signature waits for the supervisor, and its link opens the evaluation to sign
    await expect.poll(() => sup.list.textContent()).toContain('待签署评价');
    await sup.list.getByRole('link', { name: /第3季度/ }).click();
    await sup.tab.page.getByTestId('sign-evaluation').waitFor();
    await sup.tab.finish('home-supervisor');
  });
});
