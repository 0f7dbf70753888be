import { createHash } from 'node:crypto';
import { listOf, ticketSchema } from '@weibao/api';
import { dynamoDbLocalClient } from '@weibao/local';
import { makeDb, quarantineMail } from '@weibao/store';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRaw, uniqueMessageId, until } from '../mail/support.ts';
import { openTab, pickOption, signInAs, startE2e, type E2e } from './support.ts';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A multipart message whose text and HTML both carry a script and an onerror handler. */
function hostileMessage(to: string, subject: string, messageId: string): string {
  const hostile =
    '门诊医嘱无法打印 <script>window.__xss = 1; alert("xss")</script> <img src=x onerror="window.__xss = 2; alert(2)">';
  return [
    'From: 刘洋 <it@whch.example>',
    `To: ${to}`,
    `Subject: =?UTF-8?B?${b64(subject)}?=`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    b64(hostile),
    '--b1',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    b64(`<p>${hostile}</p>`),
    '--b1--',
    '',
  ].join('\r\n');
}

async function ticketTitled(title: string) {
  return until(
    async () => {
      const res = await e2e.stack.fetchAs(
        'admin@vendor.example',
        '/api/hospitals/whzx/tickets?limit=100',
      );
      return listOf(ticketSchema)
        .parse(await res.json())
        .items.find((t) => t.title === title);
    },
    10_000,
    `the ticket "${title}"`,
  );
}

/** Whatever the mail said ran nothing: no dialog, no global set, no element it carried. */
async function assertInert(page: Page, dialogs: string[]) {
  expect(dialogs).toEqual([]);
  expect(await page.evaluate('typeof window.__xss')).toBe('undefined');
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator('[onerror]').count()).toBe(0);
  expect(await page.locator('body script').count()).toBe(0);
}

describe('mail in the browser', () => {
  it('shows an emailed <script> and onerror as text to the hospital IT user and the engineer, and runs nothing', async () => {
    // Prepare: a real SMTP delivery to the hospital's intake address
    const subject = `打印故障 ${Date.now()}`;
    await sendRaw(e2e.stack, hostileMessage('whzx@intake.example', subject, uniqueMessageId()), {
      from: 'it@whch.example',
      to: ['whzx@intake.example'],
    });
    const ticket = await ticketTitled(subject);

    for (const who of ['it@whch.example', 'engineer@vendor.example']) {
      // Act
      const tab = await openTab(e2e);
      const dialogs: string[] = [];
      tab.page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await signInAs(tab.page, who);
      await tab.page.goto(`/hospitals/whzx/tickets/${ticket.id}`);
      const description = tab.page.getByTestId('ticket-description');
      await description.waitFor();

      // Assess: the words are there, as text, tags included; nothing ran
      const text = await description.textContent();
      expect(text).toContain('门诊医嘱无法打印');
      expect(text).toContain('<script>');
      expect(await description.locator('script, img').count()).toBe(0);
      await tab.page.waitForTimeout(300);
      await assertInert(tab.page, dialogs);
      await tab.finish(`mail-script-as-text-${who.split('@')[0]}`);
    }
  });

  it('lets a vendor admin assign a quarantined message to a hospital, where it becomes a ticket', async () => {
    // Prepare: sent to an intake address no hospital has
    const subject = `发错地址的报告 ${Date.now()}`;
    const messageId = uniqueMessageId();
    await sendRaw(e2e.stack, hostileMessage('wuhan-central@intake.example', subject, messageId), {
      from: 'it@whch.example',
      to: ['wuhan-central@intake.example'],
    });
    await until(
      async () => {
        const res = await e2e.stack.fetchAs('admin@vendor.example', '/api/mail/quarantine');
        const body = (await res.json()) as { items: { subject: string | null }[] };
        return body.items.find((m) => m.subject === subject);
      },
      10_000,
      'the quarantined message',
    );

    // Act
    const tab = await openTab(e2e);
    const { page } = tab;
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signInAs(page, 'admin@vendor.example');
    await page.getByRole('link', { name: '隔离邮件' }).click();
    await page.getByTestId('quarantine-table').getByText(subject).click();
    const body = page.getByTestId('quarantine-body');
    await body.waitFor();
    const shown = await body.textContent();
    await pickOption(page, page.getByTestId('quarantine-hospital'), '武汉市中心医院');
    await page.getByTestId('quarantine-assign').click();
    await page.getByTestId('quarantine-decided').waitFor();
    await page.screenshot({ path: 'test-results/e2e/quarantine-assigned.png', fullPage: true });
    await page.getByTestId('quarantine-ticket').click();
    await page.getByTestId('ticket-number').waitFor();

    // Assess: the body was shown as text and ran nothing; the message is now a whzx ticket
    expect(shown).toContain('门诊医嘱无法打印');
    await assertInert(page, dialogs);
    const ticket = await ticketTitled(subject);
    expect(page.url()).toContain(`/hospitals/whzx/tickets/${ticket.id}`);
    expect(ticket.channel).toBe('email');
    await page.goto('/mail/quarantine');
    await page.getByTestId('quarantine-table').waitFor();
    expect(await page.getByText(subject).count()).toBe(0);
    await tab.finish('quarantine-assigned-ticket');
  });

  it('shows the quarantine one page of 50 at a time, the rest after 加载更多', async () => {
    // Prepare: 60 waiting messages written to the table, oldest first by their receipt time
    const db = makeDb(
      e2e.stack.env.tableName,
      dynamoDbLocalClient(e2e.stack.env.endpoints.dynamodb),
    );
    const run = Date.now();
    const clean = 'PASS' as const;
    for (let i = 0; i < 60; i += 1) {
      const at = new Date(Date.UTC(2020, 0, 1, 0, i)).toISOString();
      await quarantineMail(db, {
        // The shape the intake gives: the sha256 of the message
        id: createHash('sha256').update(`page-${run}-${i}`).digest('hex'),
        reason: 'unknown-intake-address',
        detail: 'no hospital has this address',
        rawKey: `mail/raw/page-${run}-${i}`,
        messageId: null,
        from: 'it@whch.example',
        subject: `分页测试 ${run} 第${i + 1}封`,
        recipients: ['nobody@intake.example'],
        receivedAt: at,
        verdicts: { spam: clean, virus: clean, spf: clean, dkim: clean, dmarc: clean },
        status: 'waiting',
        decision: null,
        version: 1,
        createdAt: at,
        updatedAt: at,
      });
    }
    db.raw.destroy();

    // Act
    const tab = await openTab(e2e);
    const { page } = tab;
    await signInAs(page, 'admin@vendor.example');
    await page.goto('/mail/quarantine');
    const table = page.getByTestId('quarantine-table');
    await table.getByText(`分页测试 ${run} 第1封`, { exact: true }).waitFor();
    const firstPage = await table.getByText(`分页测试 ${run} `).count();
    await page.getByTestId('quarantine-more').click();
    await table.getByText(`分页测试 ${run} 第60封`, { exact: true }).waitFor();

    // Assess: the first page held 50 (the oldest), the second the other 10, nothing more to load
    expect(firstPage).toBe(50);
    expect(await table.getByText(`分页测试 ${run} `).count()).toBe(60);
    expect(await page.getByTestId('quarantine-more').count()).toBe(0);
    await tab.finish('quarantine-paged');
  });
});
