import { listOf, ticketSchema } from '@weibao/api';
import { describe, expect, it } from 'vitest';
import { sendRaw, uniqueMessageId, until } from '../mail/support.ts';
import { useTestStack } from '../support/stack.ts';

// The directory is the mail intake's list of known senders.
const stack = await useTestStack();
const intake = 'whzx@intake.example';
const admin = 'admin@vendor.example';
const sender = 'newcomer@other-domain.example';

const ticketByTitle = async (title: string) => {
  const res = await stack.fetchAs(admin, '/api/hospitals/whzx/tickets?limit=100');
  return listOf(ticketSchema)
    .parse(await res.json())
    .items.find((t) => t.title === title);
};
async function report(title: string) {
  const raw = [
    `From: ${sender}`,
    `To: ${intake}`,
    `Subject: =?UTF-8?B?${Buffer.from(title).toString('base64')}?=`,
    `Message-ID: ${uniqueMessageId()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'system slow',
    '',
  ].join('\r\n');
  await sendRaw(stack, raw, { from: sender, to: [intake] });
  return until(() => ticketByTitle(title), 5_000, 'the ticket');
}

describe('the directory as the mail intake’s known senders', () => {
  it('takes a report from an invited hospital user as known, and flags it again once the user is deactivated', async () => {
    // Prepare
    const invited = await stack.fetchAs(admin, '/api/hospitals/whzx/people', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '新同事', email: sender, phone: null, role: 'hospital-dept' }),
    });
    expect(invited.status).toBe(200);
    const person = (await invited.json()) as { id: string; version: number };

    // Act + Assess
    expect((await report(`目录内发件人 ${Date.now()}`)).flags).toEqual([]);
    const off = await stack.fetchAs(admin, `/api/hospitals/whzx/people/${person.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: person.version, state: 'deactivated' }),
    });
    expect(off.status).toBe(200);
    expect((await report(`停用后发件 ${Date.now()}`)).flags).toEqual(['unknown-sender']);
  });
});
