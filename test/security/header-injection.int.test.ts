import { receivedEmails } from '@weibao/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller } from '../faults/support.ts';
import { sendRaw, until } from '../mail/support.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let call: ReturnType<typeof caller>;
beforeAll(async () => {
  stack = await startTestStack();
  call = caller(stack);
});
afterAll(async () => {
  await stack?.stop();
});

const intake = 'whzx@intake.example';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const report = (from: string, subject: string, id: string) =>
  [
    `From: ${from}`,
    `To: ${intake}`,
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${id}@whch.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    '系统无法登录。',
    '',
  ].join('\r\n');

describe('text that ends up in a mail header', () => {
  it('is refused in a ticket title at the API when it holds a line break or NUL, with the field named in Chinese', async () => {
    for (const title of ['宕机\r\nBcc: attacker@evil.example', '宕机\n', '宕\u0000机']) {
      const res = await call('engineer@vendor.example', 'POST', '/api/hospitals/whzx/tickets', {
        kind: 'fault',
        severity: 'serious',
        channel: 'phone',
        subsystemId: 's1',
        title: `${title}x`,
        description: '多行描述\r\n第二行可以',
        reporter: { name: '刘洋' },
      });
      expect(res.status, JSON.stringify(title)).toBe(400);
      expect(res.body).toMatchObject({
        // NUL is refused in any text before the schema; a line break by the title's one-line rule.
        errors: [{ path: 'title', message: expect.stringContaining('控制字符') }],
      });
    }
  });

  it('never carries CR or LF from an inbound subject into the acknowledgement’s headers', async () => {
    // Prepare: an RFC 2047 subject that decodes to CRLF and two header lines
    const tag = `inj${Date.now()}`;
    const subject = `=?UTF-8?B?${b64(`宕机 ${tag}\r\nBcc: attacker@evil.example\r\nX-Injected: 1`)}?=`;
    // Act
    await sendRaw(stack, report('it@whch.example', subject, tag), {
      from: 'it@whch.example',
      to: [intake],
    });
    // Assess
    const ack = await until(
      async () =>
        (await receivedEmails(stack.urls.sesv2)).find(
          (m) => m.subject.includes(tag) && m.destination.to.includes('it@whch.example'),
        ),
      10_000,
      'the acknowledgement',
    );
    expect(ack.subject).not.toMatch(/[\r\n]/);
    expect(ack.destination).toMatchObject({ to: ['it@whch.example'], bcc: [] });
    expect((ack.headers ?? []).map((h) => h.name)).not.toContain('X-Injected');
  });

  it('acknowledges only senders the hospital knows or its own mail domain, and says why not to others', async () => {
    const tag = `stranger${Date.now()}`;
    await sendRaw(stack, report('someone@elsewhere.example', `系统很慢 ${tag}`, tag), {
      from: 'someone@elsewhere.example',
      to: [intake],
    });
    const tickets = async () =>
      (
        (await call('admin@vendor.example', 'GET', '/api/hospitals/whzx/tickets?limit=100'))
          .body as { items: { title: string; flags: string[] }[] }
      ).items;
    const ticket = await until(
      async () => (await tickets()).find((t) => t.title.includes(tag)),
      10_000,
      'the ticket',
    );
    expect(ticket.flags).toEqual(['unknown-sender']);
    const mails = await receivedEmails(stack.urls.sesv2);
    expect(mails.filter((m) => m.destination.to.includes('someone@elsewhere.example'))).toEqual([]);
  });
});
