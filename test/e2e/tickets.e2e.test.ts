import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deductionSummarySchema, ticketWithSlaSchema, vendorOverviewSchema } from '@weibao/api';
import { periodContaining, quarterPeriods } from '@weibao/domain';
import { demoContracts } from '@weibao/usecases';
import { readFile } from 'node:fs/promises';
import { xlsxRows } from '../support/soffice.ts';
import {
  fitsWidth,
  lateWhzxReport,
  openTab,
  phone,
  pickOption,
  signInAs,
  startE2e,
  type E2e,
} from './support.ts';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

async function post(email: string, path: string, body: unknown) {
  const res = await e2e.stack.fetchAs(email, path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`${path} answered ${res.status}: ${text}`);
  return ticketWithSlaSchema.parse(JSON.parse(text)).ticket;
}

async function whzxDeductionsThisQuarter(): Promise<number> {
  // The contract's quarter, as the overview counts this quarter: from its start date, not 1 October.
  // The summary reads the rollups, which follow the table's stream.
  await e2e.stack.streamDrained();
  const today = new Date(e2e.stack.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const terms = demoContracts.find((c) => c.hospitalId === 'whzx')!.terms;
  const endsOn = periodContaining(quarterPeriods(terms.term), today)?.endsOn ?? today;
  const res = await e2e.stack.fetchAs(
    'admin@vendor.example',
    `/api/deductions/summary?from=${endsOn}&to=${endsOn}&limit=100`,
  );
  const summary = deductionSummarySchema.parse(await res.json());
  return summary.items.filter((r) => r.hospitalId === 'whzx').reduce((s, r) => s + r.amountFen, 0);
}

const yuan = (fen: number) =>
  `¥${Math.trunc(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;

describe('tickets in the browser', () => {
  it('lets a hospital IT user report a fatal fault on a phone and shows its number and a one-hour response countdown', async () => {
    const tab = await openTab(e2e, { viewport: phone });
    const { page } = tab;
    await signInAs(page, 'it@whch.example');
    await page.goto('/tickets/new');
    await pickOption(page, page.getByTestId('report-subsystem'), '临床路径系统');
    await page.getByTestId('report-severity').getByText('致命错误').click();
    await page.getByTestId('report-title').fill('住院医生站无法开立医嘱');
    await page
      .getByTestId('report-description')
      .fill('内科病区所有工作站开立医嘱时报错，无法保存。');
    await page.getByTestId('report-submit').click();

    const number = page.getByTestId('created-number');
    await number.waitFor();
    expect(await number.textContent()).toMatch(/已提交报障，工单号 WHZX-\d{4}-\d{5}/);
    const countdown = page.getByTestId('created-countdown');
    expect(await countdown.getAttribute('data-state')).toBe('pending');
    const first = await countdown.textContent();
    expect(first).toMatch(/^计时中 (01:00:00|00:59:\d\d)$/);
    // It ticks: a second later the time left is less.
    await expect.poll(() => countdown.textContent(), { timeout: 3000 }).not.toBe(first);
    expect(await fitsWidth(page)).toBe(true);
    await tab.page.screenshot({ path: 'test-results/e2e/report-fault-phone.png', fullPage: true });

    await page.getByRole('button', { name: '查看工单' }).click();
    await page.getByTestId('ticket-number').waitFor();
    expect(await page.getByTestId('ticket-description').textContent()).toContain('内科病区');
    expect(await page.getByTestId('clock-response').getAttribute('data-state')).toBe('pending');
    // A hospital user may comment but not respond.
    expect(await page.getByTestId('action-comment').count()).toBe(1);
    expect(await page.getByTestId('action-response').count()).toBe(0);
    expect(await fitsWidth(page)).toBe(true);
    await tab.finish('hospital-it-ticket-phone');
  });

  it('lets the engineer find the ticket in the queue, export the queue to Excel, respond, and see the response clock turn met', async () => {
    const ticket = await post('it@whch.example', '/api/hospitals/whzx/tickets', {
      kind: 'fault',
      severity: 'serious',
      subsystemId: 's1',
      title: '医嘱打印格式错乱',
      description: '长期医嘱单打印时列错位。',
    });
    const tab = await openTab(e2e);
    const { page } = tab;
    await signInAs(page, 'engineer@vendor.example');
    // An engineer starts at the queue: the work comes first.
    await page.waitForURL(/\/queue$/);
    const row = page.getByTestId('queue-table').locator('tr', { hasText: ticket.number });
    await row.waitFor();
    expect(await row.getByTestId('ticket-countdown').getAttribute('data-state')).toBe('pending');
    await tab.page.screenshot({ path: 'test-results/e2e/engineer-queue.png', fullPage: true });
    // The queue as shown, exported: Calc opens the same tickets in the same order, by name
    const download = page.waitForEvent('download');
    await page.getByTestId('export-xlsx').click();
    const [headers, ...exported] = xlsxRows(await readFile((await (await download).path())!));
    expect(headers?.slice(0, 3)).toEqual(['工单号', '标题', '医院']);
    const shown = await page
      .getByTestId('queue-table')
      .getByTestId('ticket-link')
      .evaluateAll((links) => links.map((a) => a.textContent ?? ''));
    expect(exported.map((r) => r[0])).toEqual(shown);
    expect(exported.find((r) => r[0] === ticket.number)?.slice(1, 4)).toEqual([
      '医嘱打印格式错乱',
      '武汉市中心医院',
      '严重错误',
    ]);

    await row.getByRole('link', { name: ticket.number }).click();
    await page.waitForURL(new RegExp(`/tickets/${ticket.id}$`));
    const response = page.getByTestId('clock-response');
    expect(await response.getAttribute('data-state')).toBe('pending');
    await page.getByTestId('action-response').click();
    await page.getByTestId('event-text').fill('已远程查看，正在修正打印模板。');
    await page.getByTestId('event-submit').click();

    await expect.poll(() => response.getAttribute('data-state')).toBe('met');
    expect(await response.textContent()).toBe('已达标');
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('已远程查看');
    expect(await page.getByTestId('action-response').count()).toBe(0);

    // On paper: the ticket with its clocks and timeline, stamped with what and when, no menu or actions
    expect(await page.locator('.side-card').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('print-stamp').textContent()).toMatch(
      new RegExp(
        `^武汉市中心医院 · ${ticket.number} · 打印于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}（北京时间）$`,
      ),
    );
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.getByTestId('print').isVisible()).toBe(false);
    expect(await page.locator('.side-card').isVisible()).toBe(false);
    expect(await page.getByTestId('timeline').isVisible()).toBe(true);
    expect(await response.isVisible()).toBe(true);
    await page.screenshot({ path: 'test-results/e2e/ticket-print.png', fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByTestId('print-stamp').isVisible()).toBe(false);
    await tab.finish('engineer-responded');
  });

  it('fits the engineer’s queue on a phone of 390 px, with its filters and countdowns, each row with its title and hospital', async () => {
    const tab = await openTab(e2e, { viewport: phone });
    const { page } = tab;
    await signInAs(page, 'engineer@vendor.example');
    await page.goto('/queue');
    await page.getByTestId('queue-table').getByTestId('ticket-countdown').first().waitFor();
    expect(await fitsWidth(page)).toBe(true);
    // Each row says what and where, not only a number: two fatal tickets read differently
    const row = page.getByTestId('queue-table').locator('tbody tr.ant-table-row').first();
    expect((await row.getByTestId('ticket-title').textContent())?.length).toBeGreaterThan(0);
    // the hospital's name comes by its own request, after the rows (加载中… until then)
    await expect
      .poll(() => row.getByTestId('ticket-hospital').textContent())
      .toBe('武汉市中心医院');
    // The navigation names the page the engineer is on, and opens the others from there
    expect(await page.getByTestId('nav-current').textContent()).toBe('工单队列');
    await page.getByTestId('nav-current').click();
    await page.getByRole('menuitem', { name: '总览' }).waitFor();
    await tab.finish('engineer-queue-phone');
  });

  it('shows the vendor admin a late response’s deduction in this quarter’s figures for 武汉市中心医院, and exports the ledger to an .xlsx Calc opens with the same rows', async () => {
    const before = await whzxDeductionsThisQuarter();
    const late = await post(
      'engineer@vendor.example',
      '/api/hospitals/whzx/tickets',
      lateWhzxReport(),
    );
    expect(late.deductionIds.length).toBe(1);
    const after = await whzxDeductionsThisQuarter();
    expect(after - before).toBe(188_000);

    const tab = await openTab(e2e);
    const { page } = tab;
    await signInAs(page, 'admin@vendor.example');
    await page.waitForURL(/\/overview$/);
    await expect
      .poll(() => page.getByTestId('quarter-deduction-whzx').textContent())
      .toBe(yuan(after));
    expect(Number(await page.getByTestId('open-serious').textContent())).toBeGreaterThanOrEqual(1);
    await page.getByTestId('deduction-chart').locator('canvas').waitFor();
    await page.getByTestId('compliance-chart').locator('canvas').waitFor();
    // The same figure straight from the overview route the page reads.
    const res = await e2e.stack.fetchAs('admin@vendor.example', '/api/overview');
    const overview = vendorOverviewSchema.parse(await res.json());
    expect(
      overview.hospitals.find((h) => h.hospitalId === 'whzx')?.contractQuarters[0],
    ).toMatchObject({
      deductionsFen: after,
    });
    await tab.page.screenshot({ path: 'test-results/e2e/vendor-overview.png', fullPage: true });

    // The ledger of the contract lists the entry at ¥1,880.00 with its rule.
    await page.goto('/hospitals/whzx/contracts/01KAW00000000000000000WHZX/ledger');
    await expect.poll(() => page.getByTestId('ledger-table').textContent()).toContain('¥1,880.00');
    expect(await page.getByTestId('ledger-table').textContent()).toContain('响应超时');
    await page.screenshot({ path: 'test-results/e2e/vendor-overview-ledger.png', fullPage: true });

    // Exported to Excel: Calc opens it with the same rows as the screen, money as numbers
    const download = page.waitForEvent('download');
    await page.getByTestId('export-xlsx').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^武汉市中心医院-扣款台账-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const [headers, ...rows] = xlsxRows(await readFile((await file.path())!));
    expect(headers?.slice(0, 3)).toEqual(['发生时间', '工单', '扣款规则']);
    const onScreen = await page
      .getByTestId('ledger-table')
      .locator('tbody tr.ant-table-row')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.querySelectorAll('td')[1]?.textContent ?? '',
          tr.querySelectorAll('td')[2]?.textContent ?? '',
          tr.querySelector('[data-testid="ledger-amount"]')?.textContent ?? '',
        ]),
      );
    expect(rows.length).toBe(onScreen.length);
    expect(rows.map((r) => [r[0], r[1], r[6]])).toEqual(
      // Calc shows the amount as the screen does: a number in yuan with the ¥#,##0.00 format
      onScreen,
    );

    // Printed: every row, the amounts and the stamp; the menu, the buttons and the dispute column stay off paper
    expect(await page.getByTestId('export-xlsx').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('print-stamp').textContent()).toContain('武汉市中心医院 · ');
    expect(await page.getByTestId('print-stamp').textContent()).toContain('扣款台账 · 打印于');
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.getByTestId('export-xlsx').isVisible()).toBe(false);
    const printedRows = page.getByTestId('ledger-table').locator('tbody tr.ant-table-row');
    expect(await printedRows.count()).toBe(onScreen.length);
    expect(await printedRows.first().isVisible()).toBe(true);
    expect(await page.getByTestId('ledger-table').locator('th.no-print').first().isVisible()).toBe(
      false,
    );
    await page.screenshot({ path: 'test-results/e2e/ledger-print.png', fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await tab.finish('vendor-overview-ledger-exported');
  });

  it('finds a closed ticket again on the hospital’s list by a word of its description and its report day, and keeps the search in the address', async () => {
    // Prepare: two reports with the same word, one of three days ago taken to 已关闭, one open today
    const stamp = Date.now();
    const threeDaysAgo = new Date(e2e.stack.now() - 3 * 86_400_000);
    const day = new Date(threeDaysAgo.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const report = (title: string, reportedAt: string) =>
      post('engineer@vendor.example', '/api/hospitals/whzx/tickets', {
        kind: 'fault',
        severity: 'minor',
        channel: 'phone',
        subsystemId: 's2',
        title,
        description: `药房窗口打印发药单缺字 ${stamp}`,
        reportedAt,
      });
    const events = (id: string) => `/api/hospitals/whzx/tickets/${id}/events`;
    let old = await report('发药单缺字（三天前）', threeDaysAgo.toISOString());
    old = await post('engineer@vendor.example', events(old.id), {
      type: 'response',
      version: old.version,
      text: '已收到。',
    });
    old = await post('engineer@vendor.example', events(old.id), {
      type: 'resolution',
      version: old.version,
      text: '已更新打印模板。',
    });
    old = await post('it@whch.example', events(old.id), { type: 'close', version: old.version });
    expect(old.status).toBe('closed');
    const today = await report('发药单缺字（今天）', new Date(e2e.stack.now()).toISOString());

    // Act: the IT center searches its list for the word and 已关闭
    const tab = await openTab(e2e);
    const { page } = tab;
    await signInAs(page, 'it@whch.example');
    await page.goto('/hospitals/whzx/tickets');
    const table = page.getByTestId('hospital-ticket-table');
    await table.locator('tr.ant-table-row').first().waitFor();
    const words = page.getByPlaceholder('搜索编号、标题、描述、报告人');
    await words.fill(`缺字 ${stamp}`);
    await words.press('Enter');
    await expect
      .poll(() => table.locator('tr.ant-table-row').allTextContents())
      .toEqual([expect.stringContaining(today.number), expect.stringContaining(old.number)]);
    await pickOption(page, page.getByTestId('filter-status'), '已关闭');

    // Assess: only the closed one; the count says so; a reload of the address shows the same
    await expect
      .poll(() => table.locator('tr.ant-table-row').allTextContents())
      .toEqual([expect.stringContaining(old.number)]);
    expect(await page.getByTestId('search-count').textContent()).toMatch(/符合条件 1 张/);
    expect(new URL(page.url()).searchParams.get('status')).toBe('closed');
    await page.goto(`/hospitals/whzx/tickets?q=${encodeURIComponent(stamp)}&from=${day}&to=${day}`);
    await expect
      .poll(() => table.locator('tr.ant-table-row').allTextContents())
      .toEqual([expect.stringContaining(old.number)]);
    await tab.finish('ticket-search-closed');
  });

  it('lets the service manager search every hospital’s tickets at once (工单查询), closed ones included, narrow them to one hospital and export them', async () => {
    // Prepare: the same words reported to 武汉市中心医院 (then closed) and to 江城第二人民医院
    const stamp = `跨院 ${Date.now()}`;
    const report = (hospitalId: string, title: string) =>
      post('manager@vendor.example', `/api/hospitals/${hospitalId}/tickets`, {
        kind: 'fault',
        severity: 'minor',
        channel: 'phone',
        title,
        description: `检验报告打印乱码 ${stamp}`,
        reportedAt: new Date(e2e.stack.now() - 60_000).toISOString(),
      });
    const events = (id: string) => `/api/hospitals/whzx/tickets/${id}/events`;
    let whzx = await report('whzx', '检验报告乱码（中心医院）');
    for (const body of [
      { type: 'response', text: '已收到。' },
      { type: 'resolution', text: '已修正字体。' },
    ])
      whzx = await post('engineer@vendor.example', events(whzx.id), {
        ...body,
        version: whzx.version,
      });
    whzx = await post('it@whch.example', events(whzx.id), { type: 'close', version: whzx.version });
    expect(whzx.status).toBe('closed');
    const jcey = await report('jcey', '检验报告乱码（二院）');

    // Act 1: the manager opens 工单查询 from the menu and searches the words
    const tab = await openTab(e2e);
    const { page } = tab;
    const ticketReads: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (/^\/api\/(tickets|hospitals\/[^/]+\/tickets)$/.test(url.pathname))
        ticketReads.push(url.pathname + url.search);
    });
    await signInAs(page, 'manager@vendor.example');
    await page.getByRole('menuitem', { name: '工单查询' }).click();
    await page.waitForURL(/\/tickets$/);
    const table = page.getByTestId('all-ticket-table');
    await table.locator('tr.ant-table-row').first().waitFor();
    const words = page.getByPlaceholder('搜索编号、标题、描述、报告人');
    await words.fill(stamp);
    await words.press('Enter');

    // Assess 1: both hospitals' tickets, the closed one too, each with its hospital
    await expect.poll(() => table.locator('tr.ant-table-row').count()).toBe(2);
    // the hospitals' names come by their own request, after the rows
    await expect.poll(() => table.textContent()).toContain('江城第二人民医院');
    const text = await table.textContent();
    for (const expected of [
      whzx.number,
      jcey.number,
      '武汉市中心医院',
      '江城第二人民医院',
      '已关闭',
    ])
      expect(text).toContain(expected);
    // searched on the server, a page at a time, not hospital by hospital
    const searches = ticketReads.filter((u) => u.startsWith('/api/tickets?'));
    expect(searches.map((u) => new URL(u, 'http://x').searchParams.get('q'))).toContain(stamp);
    expect(ticketReads.filter((u) => u.startsWith('/api/hospitals/'))).toEqual([]);
    // a subsystem belongs to one hospital: offered once a hospital is chosen
    expect(await page.getByTestId('filter-subsystem').getAttribute('class')).toContain(
      'ant-select-disabled',
    );

    // Act 2: narrowed to one hospital, kept in the address, exported
    await pickOption(page, page.getByTestId('filter-hospital'), '江城第二人民医院');
    await expect
      .poll(() => table.locator('tr.ant-table-row').allTextContents())
      .toEqual([expect.stringContaining(jcey.number)]);
    expect(new URL(page.url()).searchParams.get('hospitalId')).toBe('jcey');
    expect(await page.getByTestId('filter-subsystem').getAttribute('class')).not.toContain(
      'ant-select-disabled',
    );
    const download = page.waitForEvent('download');
    await page.getByTestId('export-xlsx').click();
    const [, ...rows] = xlsxRows(await readFile((await (await download).path())!));
    expect(rows.map((r) => r[0])).toEqual([jcey.number]);

    // Act 3: words no ticket holds
    await words.fill(`${stamp} 无此工单`);
    await words.press('Enter');
    // Assess 3: the server found nothing: said as such, not as a hospital without tickets
    await expect.poll(() => table.textContent()).toContain('没有符合筛选条件的工单');
    await tab.finish('ticket-search-all-hospitals');
  });

  it('shows a description carrying <script> and onerror as text and runs nothing', async () => {
    const hostile = `<script>window.__pwned = 1; alert('script')</script>\n<img src=x onerror="window.__pwned = 2; alert(1)">`;
    const ticket = await post('it@whch.example', '/api/hospitals/whzx/tickets', {
      kind: 'fault',
      severity: 'minor',
      title: '<img src=x onerror=alert(1)>',
      description: hostile,
    });
    const tab = await openTab(e2e);
    const { page } = tab;
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signInAs(page, 'engineer@vendor.example');
    await page.goto(`/hospitals/whzx/tickets/${ticket.id}`);
    const description = page.getByTestId('ticket-description');
    await description.waitFor();
    expect(await description.textContent()).toBe(hostile);
    expect(await page.getByTestId('ticket-card').locator('img, script').count()).toBe(0);
    expect(await page.getByTestId('ticket-card').textContent()).toContain(
      '<img src=x onerror=alert(1)>',
    );

    await page.goto('/queue');
    await page.getByTestId('queue-table').locator('tr', { hasText: ticket.number }).waitFor();
    expect(await page.getByTestId('queue-table').locator('img').count()).toBe(0);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(dialogs).toEqual([]);
    await tab.finish('hostile-description-as-text');
  });
});

describe('ledger disputes, advance notices and a stale ticket in the browser', () => {
  it('keeps the engineer’s typed response when someone else changed the ticket (409), then records it on the latest version', async () => {
    const ticket = await post('it@whch.example', '/api/hospitals/whzx/tickets', {
      kind: 'fault',
      severity: 'minor',
      title: '检索系统查询缓慢',
      description: '临床数据检索查询超过一分钟。',
    });
    const tab = await openTab(e2e, { expectedConsole: [/status of 409/] });
    const { page } = tab;
    await signInAs(page, 'engineer@vendor.example');
    await page.goto(`/hospitals/whzx/tickets/${ticket.id}`);
    await page.getByTestId('action-response').click();
    const typed = '已登录服务器分析慢查询。';
    await page.getByTestId('event-text').fill(typed);
    // Meanwhile the hospital comments: the version the page read is stale now.
    const comment = await e2e.stack.fetchAs(
      'it@whch.example',
      `/api/hospitals/whzx/tickets/${ticket.id}/events`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'comment',
          version: ticket.version,
          text: '补充：仅内科病区。',
        }),
      },
    );
    expect(comment.status).toBe(201);
    await page.getByTestId('event-submit').click();
    await page.getByText(/工单已被他人更新/).waitFor();
    expect(await page.getByTestId('event-text').inputValue()).toBe(typed);
    await page.getByTestId('event-submit').click();
    await expect
      .poll(() => page.getByTestId('clock-response').getAttribute('data-state'))
      .toBe('met');
    // The timeline is read again after the write: wait for it.
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain(typed);
    expect(await page.getByTestId('timeline').textContent()).toContain('补充：仅内科病区。');
    await tab.finish('stale-ticket-response-kept');
  });

  it('lets the service manager dispute a deduction and the hospital IT center decide it', async () => {
    await post('engineer@vendor.example', '/api/hospitals/whzx/tickets', {
      kind: 'fault',
      severity: 'fatal',
      channel: 'phone',
      subsystemId: 's3',
      title: '检索系统宕机（争议）',
      description: '电话报障。',
      reportedAt: new Date(Date.now() - 65 * 60_000).toISOString(),
    });
    const ledgerPath = '/hospitals/whzx/contracts/01KAW00000000000000000WHZX/ledger';
    const manager = await openTab(e2e);
    await signInAs(manager.page, 'manager@vendor.example');
    await manager.page.goto(ledgerPath);
    const row = manager.page
      .getByTestId('ledger-table')
      .locator('tr.ant-table-row', { hasText: '¥1,880.00' })
      .filter({ has: manager.page.getByTestId('raise-dispute') })
      .first();
    await row.waitFor();
    await row.getByTestId('raise-dispute').click();
    await manager.page
      .getByTestId('dispute-reason')
      .fill('医院电话记录时间有误，实际 10 分钟内已回电。');
    await manager.page.getByTestId('dispute-submit').click();
    await manager.page.getByText('争议中').first().waitFor();
    await manager.finish('ledger-dispute-raised');

    const it = await openTab(e2e);
    await signInAs(it.page, 'it@whch.example');
    await it.page.goto(ledgerPath);
    const disputed = it.page
      .getByTestId('ledger-table')
      .locator('tr.ant-table-row', { hasText: '争议中' });
    await disputed.getByRole('button', { name: '裁决争议' }).click();
    const modal = it.page.locator('.ant-modal');
    // A click while the modal still zooms in can miss the radio (seen under load: "did not
    // change its state"): wait for the opening animation to end, as a person's eye would.
    await expect
      .poll(async () => (await modal.getAttribute('class')) ?? 'not yet')
      .not.toMatch(/ant-zoom-(appear|enter)|not yet/);
    await modal.getByRole('radio', { name: '争议成立，撤销扣款' }).check();
    await modal.locator('textarea').fill('核实通话记录，同意撤销。');
    // The decision's answer, so that a refusal fails here with what the API said.
    const answered = it.page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/disputes'),
    );
    await it.page.getByTestId('dispute-submit').click();
    const answer = await answered;
    expect(answer.status(), await answer.text()).toBe(200);
    await modal.waitFor({ state: 'hidden' });
    await disputed.first().waitFor({ state: 'detached' });
    await it.page
      .getByTestId('ledger-table')
      .locator('tr.ant-table-row', { hasText: '争议成立（已撤销）' })
      .waitFor();
    await it.finish('ledger-dispute-decided');
  });

  it('lets the vendor announce a change and the hospital IT center acknowledge it in the list', async () => {
    const vendor = await openTab(e2e);
    await signInAs(vendor.page, 'manager@vendor.example');
    await vendor.page.goto('/hospitals/whzx/notices');
    await vendor.page.getByTestId('create-notice').click();
    await vendor.page.getByTestId('notice-title').fill('CPOE 5.4 升级');
    const range = vendor.page.locator('.ant-modal .ant-picker-range input');
    await range.first().fill('2026-12-27 22:00:00');
    await range.first().press('Enter');
    await range.nth(1).fill('2026-12-27 23:30:00');
    await range.nth(1).press('Enter');
    await vendor.page.locator('.ant-modal textarea').fill('升级医嘱系统至 5.4，期间医嘱只读。');
    await vendor.page.getByTestId('notice-submit').click();
    const row = vendor.page.getByTestId('notice-table').locator('tr', { hasText: 'CPOE 5.4 升级' });
    await row.waitFor();
    expect(await row.textContent()).toContain('待确认');
    expect(await row.textContent()).toContain('2026-12-27 22:00:00');
    await vendor.finish('notice-created');

    const it = await openTab(e2e, { viewport: phone });
    await signInAs(it.page, 'it@whch.example');
    await it.page.goto('/hospitals/whzx/notices');
    const itRow = it.page.getByTestId('notice-table').locator('tr', { hasText: 'CPOE 5.4 升级' });
    await itRow.getByTestId('acknowledge-notice').click();
    await itRow.getByText('已确认').waitFor();
    expect(await fitsWidth(it.page)).toBe(true);
    await it.finish('notice-acknowledged-phone');
  });
});
