import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xlsxRows } from '../support/soffice.ts';
import { fitsWidth, openTab, phone, signInAs, startE2e, type E2e } from './support.ts';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

const contractId = '01KAW00000000000000000WHZX';
const manager = 'manager@vendor.example';

describe('the obligations calendar in the browser', () => {
  it('shows the service manager the demo contract’s 4 inspections and 12 clean-ups; a signed inspection sheet uploaded as proof waits for the IT center, who confirms it from its home page', async () => {
    // Prepare: the manager on the demo contract's page
    const tab = await openTab(e2e);
    const { page } = tab;
    await signInAs(page, manager);
    await page.goto(`/hospitals/whzx/contracts/${contractId}`);

    // Act 1: open the calendar from the contract's header
    await page.getByTestId('open-obligations').click();
    await page.waitForURL(`**/hospitals/whzx/contracts/${contractId}/obligations`);
    const table = page.getByTestId('obligations');
    await table.locator('[data-kind="inspection"]').first().waitFor();

    // Assess 1: the seed's cadences, by Chinese name, and inspection 1 (due 2026-04-07) not done
    const inspections = table.locator('[data-kind="inspection"]');
    const cleanUps = table.locator('[data-kind="clean-up"]');
    expect(await inspections.count()).toBe(4);
    expect(await cleanUps.count()).toBe(12);
    expect(await inspections.first().textContent()).toBe('现场巡检 #1');
    expect(await cleanUps.first().textContent()).toBe('日志与磁盘清理 #1');
    const row = table.locator('tr[data-row-key="inspection-1"]');
    expect(await row.textContent()).toContain('2026-04-07');
    const state = page.getByTestId('state-inspection-1');
    const before = await state.getAttribute('data-state');

    // Act 2: upload a small PDF as the inspection's proof
    await row.locator('input[type=file]').setInputFiles({
      name: '巡检单-第1次.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\n巡检单（签字）\n%%EOF\n'),
    });

    // Assess 2: awaiting the hospital's confirmation, the file listed as its proof, and the API agrees
    // An upload that fails shows its problem: fail with it rather than wait out the poll.
    await page
      .locator(
        '[data-testid="state-inspection-1"][data-state="awaiting"], [data-testid="upload-error"]',
      )
      .first()
      .waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('upload-error').count(), tab.errors.join('\n')).toBe(0);
    const uploadError = page.getByTestId('upload-error');
    if ((await uploadError.count()) > 0) throw new Error(await uploadError.innerText());
    expect(before).not.toBe('done');
    expect(await state.textContent()).toBe('待院方确认');
    expect(await page.getByTestId('acceptance-inspection-1').textContent()).toMatch(
      /^异议期至 \d{4}-\d{2}-\d{2}，期满无异议视为确认$/,
    );
    expect(await page.getByTestId('accept-inspection-1').count()).toBe(0);
    expect(await page.getByTestId('proofs-inspection-1').textContent()).toContain(
      '巡检单-第1次.pdf',
    );
    expect(await page.getByTestId('upload-error').count()).toBe(0);
    const res = await e2e.stack.fetchAs(
      manager,
      `/api/hospitals/whzx/contracts/${contractId}/obligations/inspection-1`,
    );
    const stored = (await res.json()) as {
      state: string;
      proofs: { filename: string; status: string }[];
    };
    expect(stored.state).toBe('awaiting');
    expect(stored.proofs).toMatchObject([{ filename: '巡检单-第1次.pdf', status: 'confirmed' }]);

    // Assess 3: exported to Excel, Calc lists the calendar's rows in its order, the proof beside
    // inspection 1 and each state as the page says it
    const download = page.waitForEvent('download');
    await page.getByTestId('export-xlsx').click();
    const [headers, ...exported] = xlsxRows(await readFile((await (await download).path())!));
    expect(headers?.[0]).toBe('事项');
    const names = await table
      .locator('[data-kind]')
      .evaluateAll((cells) => cells.map((c) => c.textContent ?? ''));
    expect(exported.map((r) => r[0])).toEqual(names);
    expect(exported.find((r) => r[0] === '现场巡检 #1')?.slice(4)).toEqual([
      '待院方确认',
      '巡检单-第1次.pdf',
    ]);
    await tab.finish('obligations-inspection-proven');

    // Act 5: the IT center finds the proof on its home page and confirms it
    const it = await openTab(e2e);
    await signInAs(it.page, 'it@whch.example');
    await it.page.waitForURL(/\/hospitals\/whzx$/);
    const work = it.page.getByTestId('work-list');
    await expect.poll(() => work.textContent()).toContain('待确认履约证明');
    await work.getByRole('link', { name: /现场巡检 #1/ }).click();
    await it.page.waitForURL(
      `**/hospitals/whzx/contracts/${contractId}/obligations?state=awaiting`,
    );
    const itTable = it.page.getByTestId('obligations');
    await it.page.getByTestId('accept-inspection-1').waitFor();
    expect(await itTable.locator('[data-kind]').count()).toBe(1);
    await it.page.getByTestId('accept-inspection-1').click();
    await it.page.getByRole('button', { name: '确认证明' }).last().click();
    // Assess 5: done, with who confirmed it; the filter for awaiting proofs is empty now
    await it.page
      .getByTestId('obligations')
      .getByText('没有符合筛选条件的事项')
      .or(it.page.locator('[data-testid="state-inspection-1"][data-state="done"]'))
      .first()
      .waitFor();
    const confirmed = await (
      await e2e.stack.fetchAs(
        manager,
        `/api/hospitals/whzx/contracts/${contractId}/obligations/inspection-1`,
      )
    ).json();
    expect(confirmed).toMatchObject({
      state: 'done',
      acceptance: { status: 'confirmed', decidedBy: { email: 'it@whch.example' } },
    });
    await it.finish('obligations-it-confirms');

    // Assess 4: the overview lists what is overdue or due soon, each linking to its calendar
    const home = await openTab(e2e);
    await signInAs(home.page, manager);
    await home.page.goto('/overview');
    const due = home.page.getByTestId('obligations-due');
    await due.locator('a[data-testid^="due-"]').first().waitFor();
    expect(await due.getByTestId('due-whzx-inspection-1').count()).toBe(0);
    expect(await due.textContent()).toContain('已逾期');
    await due.locator('a[data-testid^="due-whzx-"]').first().click();
    await home.page.waitForURL(`**/hospitals/whzx/contracts/${contractId}/obligations`);
    await home.page.getByTestId('obligations').waitFor();
    await home.finish('obligations-overview-due');

    // Assess 4: the calendar fits a 390px phone, the table scrolling inside its card
    const small = await openTab(e2e, { viewport: phone });
    await signInAs(small.page, manager);
    await small.page.goto(`/hospitals/whzx/contracts/${contractId}/obligations`);
    await small.page.getByTestId('state-inspection-1').waitFor();
    expect(await small.page.getByTestId('state-inspection-1').textContent()).toBe('已完成');
    expect(await fitsWidth(small.page)).toBe(true);
    // The state and the upload are on the screen, not behind a sideways scroll
    for (const id of ['state-inspection-2', 'upload-inspection-2']) {
      const box = await small.page.getByTestId(id).boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= phone.width, id).toBe(true);
    }
    await small.finish('obligations-phone');
  });
});

describe('the obligations calendar’s filters and month view in the browser', () => {
  it('narrows the calendar by state and kind, kept in the address, exports the narrowed view and shows it as a month', async () => {
    const tab = await openTab(e2e);
    const { page } = tab;
    await signInAs(page, manager);
    // A view sent by a colleague: the overdue ones
    await page.goto(`/hospitals/whzx/contracts/${contractId}/obligations?state=overdue`);
    const table = page.getByTestId('obligations');
    await table.locator('[data-state]').first().waitFor();
    const states = await table
      .locator('[data-state]')
      .evaluateAll((tags) => tags.map((t) => t.getAttribute('data-state')));
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states)).toEqual(new Set(['overdue']));
    expect(await page.getByTestId('filter-count').textContent()).toMatch(/^显示 \d+ \/ \d+ 项$/);

    // And of those, the clean-ups: picked from the list of kinds by its Chinese name
    await page.getByTestId('filter-kind').click();
    await page.keyboard.type('日志与磁盘清理');
    await page.locator('.ant-select-item-option-active', { hasText: '日志与磁盘清理' }).waitFor();
    await page.keyboard.press('Enter');
    await page.waitForURL(/kind=clean-up/);
    await expect
      .poll(async () => [
        ...new Set(
          await table
            .locator('[data-kind]')
            .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-kind'))),
        ),
      ])
      .toEqual(['clean-up']);
    expect(page.url()).toContain('state=overdue');
    const names = await table
      .locator('[data-kind]')
      .evaluateAll((cells) => cells.map((c) => c.textContent ?? ''));
    const firstDue = /\d{4}-\d{2}-\d{2}/.exec(
      (await table.locator('tr.ant-table-row').first().locator('td').nth(2).textContent()) ?? '',
    )?.[0];

    // The export takes the view as shown
    const download = page.waitForEvent('download');
    await page.getByTestId('export-xlsx').click();
    const [, ...exported] = xlsxRows(await readFile((await (await download).path())!));
    expect(exported.map((r) => r[0])).toEqual(names);

    // As a month: it opens on the earliest of them, each on its due day
    await page.getByTestId('obligation-view').getByText('月历').click();
    await page.waitForURL(/view=month/);
    const month = page.getByTestId('obligation-month');
    await month.waitFor();
    expect(await month.getAttribute('data-month')).toBe(firstDue?.slice(0, 7));
    const tags = month.locator('[data-obligation]');
    await tags.first().waitFor();
    expect(await tags.first().textContent()).toBe(names[0]);
    expect(await tags.first().getAttribute('data-testid')).toBe(`due-on-${firstDue}`);
    const inFirstMonth = await tags.count();
    await tab.finish('obligations-month-overdue-clean-ups');

    // 年: the year's months, each with how many fall due in it; a month opens again as a month
    const yearTab = await openTab(e2e);
    await signInAs(yearTab.page, manager);
    await yearTab.page.goto(new URL(page.url()).pathname + new URL(page.url()).search);
    const again = yearTab.page.getByTestId('obligation-month');
    await again.locator('[data-obligation]').first().waitFor();
    await again.locator('.ant-picker-calendar-header').getByText('年', { exact: true }).click();
    await expect.poll(() => again.getAttribute('data-mode')).toBe('year');
    const dueIn = again.getByTestId(`due-in-${firstDue?.slice(0, 7)}`);
    expect(await dueIn.textContent()).toBe(`到期 ${inFirstMonth} 项`);
    await dueIn.click();
    await expect.poll(() => again.getAttribute('data-mode')).toBe('month');
    await yearTab.finish('obligations-year');
  });
});

describe('work records in the browser', () => {
  it('records a monthly clean-up against its obligation, which submits the clean-up to the IT center as done on the day of the work', async () => {
    // Prepare
    const tab = await openTab(e2e);
    const { page } = tab;
    await signInAs(page, manager);
    await page.goto(`/hospitals/whzx/contracts/${contractId}/obligations`);
    await page.getByTestId('state-clean-up-2').waitFor();
    const before = await page.getByTestId('state-clean-up-2').getAttribute('data-state');

    // Act: 新增工作记录, a clean-up of 2026-03-02 for 日志与磁盘清理 #2
    await page.getByTestId('add-work-record').click();
    await page.getByTestId('work-record-obligation').click();
    await page.keyboard.type('日志与磁盘清理 #2');
    // Picked with the keyboard once the search shows it: a click on an option of the opening
    // dropdown can land while its animation still moves it.
    await page
      .locator('.ant-select-item-option-active', { hasText: '日志与磁盘清理 #2' })
      .waitFor();
    await page.keyboard.press('Enter');
    // Each input is read back before it is relied on: a pick or a date the form did not take
    // fails here, by name, instead of as a clean-up that never becomes done.
    await expect
      .poll(() => page.getByTestId('work-record-obligation').textContent())
      .toContain('日志与磁盘清理 #2');
    await page.getByTestId('work-record-date').click();
    await page.getByTestId('work-record-date').fill('2026-03-02');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('work-record-date').inputValue()).toBe('2026-03-02');
    await page
      .getByTestId('work-record-summary')
      .fill('清理应用服务器日志 12 GB，磁盘使用率降至 41%');
    await page.getByTestId('work-record-submit').click();

    // Assess: the record is stored against clean-up #2 with the day of the work, the dialog
    // closed on success, and the calendar shows the clean-up done
    await page.getByTestId('work-record-submit').waitFor({ state: 'detached' });
    const listed = await e2e.stack.fetchAs(
      manager,
      `/api/hospitals/whzx/contracts/${contractId}/work-records`,
    );
    const records = (await listed.json()) as {
      items: { obligationId: string | null; performedOn: string }[];
    };
    expect(records.items).toMatchObject([
      { obligationId: 'clean-up-2', performedOn: '2026-03-02' },
    ]);
    const stored = await e2e.stack.fetchAs(
      manager,
      `/api/hospitals/whzx/contracts/${contractId}/obligations/clean-up-2`,
    );
    // The vendor's record waits for the IT center; once confirmed it is done on the day of the work.
    expect(await stored.json()).toMatchObject({ state: 'awaiting', doneOn: '2026-03-02' });
    await page.getByTestId('work-records').getByText('清理应用服务器日志').waitFor();
    await expect
      .poll(() => page.getByTestId('state-clean-up-2').getAttribute('data-state'))
      .toBe('awaiting');
    expect(before).toBe('overdue');
    expect(await page.locator('tr[data-row-key="clean-up-2"]').textContent()).toContain('异议期至');
    const rows = await page
      .getByTestId('work-records')
      .locator('tr.ant-table-row')
      .allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('2026-03-02');
    expect(rows[0]).toContain('日志与磁盘清理');
    await tab.finish('obligations-work-record');
  });
});
