import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractSchema, ticketWithSlaSchema } from '@weibao/api';
import { phoneReport } from '../faults/support.ts';
import { openTab, signInAs, startE2e, type E2e } from './support.ts';

const contractPath = '/hospitals/whzx/contracts/01KAW00000000000000000WHZX';
let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

describe('暂停计时 in the browser', () => {
  it('lets the service manager allow pausing on the contract, the engineer pause with a reason, and the hospital see it and object', async () => {
    // Act 1: the service manager ticks 允许暂停计时 on the contract's edit page
    const manager = await openTab(e2e);
    await signInAs(manager.page, 'manager@vendor.example');
    await manager.page.goto(`${contractPath}/edit`);
    const allowed = manager.page.getByTestId('sla-pause-allowed');
    await allowed.waitFor();
    expect(await allowed.isChecked()).toBe(false);
    expect(await manager.page.textContent('body')).toContain('允许暂停计时');
    await allowed.check();
    await manager.page.getByTestId('save-contract').click();
    await manager.page.waitForURL(new RegExp(`${contractPath}$`));
    await expect
      .poll(() => manager.page.getByTestId('contract-sla-pause').textContent())
      .toContain('允许暂停计时：');
    await manager.finish('sla-pause-contract-saved');
    const contract = contractSchema.parse(
      await (await e2e.stack.fetchAs('manager@vendor.example', `/api${contractPath}`)).json(),
    );
    expect(contract.terms.slaPause).toEqual({ allowed: true });

    // Prepare: a fatal fault reported by phone five minutes ago on the stack's clock
    const created = await e2e.stack.fetchAs(
      'engineer@vendor.example',
      '/api/hospitals/whzx/tickets',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...phoneReport('医嘱无法打印（等待院方确认）', 0, 'fatal'),
          reportedAt: new Date(e2e.stack.now() - 5 * 60_000).toISOString(),
        }),
      },
    );
    expect(created.status).toBe(201);
    const ticket = ticketWithSlaSchema.parse(await created.json()).ticket;

    // Act 2: the engineer pauses with a reason
    const engineer = await openTab(e2e);
    await signInAs(engineer.page, 'engineer@vendor.example');
    await engineer.page.goto(`/hospitals/whzx/tickets/${ticket.id}`);
    await engineer.page.getByTestId('action-pause').click();
    await engineer.page.getByTestId('event-reason').fill('等待院方确认打印机型号');
    await engineer.page.getByTestId('event-submit').click();
    const banner = engineer.page.getByTestId('pause-banner');
    await banner.waitFor();
    // The ticket and its timeline are read again after the post: the reason comes with the timeline
    await expect.poll(() => banner.textContent()).toContain('等待院方确认打印机型号');
    // No countdown runs toward a deadline that moves with the pause
    await expect
      .poll(() => engineer.page.getByTestId('clock-response').textContent())
      .toBe('已暂停');
    expect(await engineer.page.getByTestId('next-deadline').textContent()).toBe('计时已暂停');
    await engineer.page.getByTestId('action-resume').waitFor();
    await engineer.finish('sla-pause-engineer');

    // Act 3: the hospital sees who paused, since when and why, and objects
    const hospital = await openTab(e2e);
    await signInAs(hospital.page, 'it@whch.example');
    await hospital.page.goto(`/hospitals/whzx/tickets/${ticket.id}`);
    const seen = hospital.page.getByTestId('pause-banner');
    await expect.poll(() => seen.textContent()).toContain('等待院方确认打印机型号');
    const text = (await seen.textContent()) ?? '';
    expect(text).toContain('计时已暂停');
    expect(text).toContain('等待院方确认打印机型号');
    expect(text).toContain('可提出异议');
    expect(text).not.toContain(ticket.id);
    await hospital.page.getByTestId('action-pause-objection').click();
    await hospital.page.getByTestId('event-reason').fill('型号已于上午电话告知');
    await hospital.page.getByTestId('event-submit').click();

    // Assess: the pause ended, and the timeline shows the objection and how long the pause lasted
    await expect.poll(() => hospital.page.getByTestId('pause-banner').count()).toBe(0);
    const timeline = hospital.page.getByTestId('timeline');
    await expect.poll(() => timeline.textContent()).toContain('院方对暂停计时提出异议');
    expect(await timeline.textContent()).toContain('型号已于上午电话告知');
    expect(await timeline.textContent()).toMatch(/暂停计时 \d+分/);
    await hospital.finish('sla-pause-objection');
  }, 120_000);
});
