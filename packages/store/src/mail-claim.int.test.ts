import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTable } from '../../../test/support/table.ts';
import { makeDb, type Db } from './client.ts';
import {
  claimMailReceipt,
  mailReceipt,
  updateMailReceipt,
  yieldMailReceipt,
  type MailReceiptRecord,
} from './mail.ts';

let db: Db;
beforeAll(async () => {
  const t = await createTestTable('mail-claim');
  db = makeDb(t.tableName, t.client);
});

const leaseMs = 60_000;
let messages = 0;
function delivery(messageKey: string, owner: string, claimedAt: string): MailReceiptRecord {
  return {
    hospitalId: 'whzx',
    messageKey,
    messageId: `<${messageKey}@whzx.example>`,
    rawKey: `inbound/${messageKey}`,
    from: 'xxk@whzx.example',
    subject: '系统故障',
    receivedAt: claimedAt,
    owner,
    claimedAt,
    outcome: null,
    reason: null,
    ticketId: null,
    ack: { state: 'pending', messageId: null, reason: null },
    doneAt: null,
  };
}
const nextKey = () => `message-${(messages += 1)}`;

describe('a mail claim given up after a failure', () => {
  it('is taken over by the next delivery at once, with the steps the first one recorded', async () => {
    // Prepare: the first delivery claims, records its ticket, then fails (e.g. contention)
    const key = nextKey();
    const t0 = '2026-12-04T01:00:00.000Z';
    const first = delivery(key, 'first', t0);
    expect(await claimMailReceipt(db, first, leaseMs)).toEqual({
      won: true,
      receipt: first,
      takenOver: false,
    });
    await updateMailReceipt(db, 'whzx', key, 'first', { outcome: 'ticket', ticketId: 'T1' });
    const retry = delivery(key, 'retry', '2026-12-04T01:00:02.000Z');
    expect(await claimMailReceipt(db, retry, leaseMs)).toMatchObject({ won: false });
    // Act
    const yielded = await yieldMailReceipt(db, 'whzx', key, 'first');
    const taken = await claimMailReceipt(db, retry, leaseMs);
    // Assess: two seconds later, not sixty; the ticket step is still on the receipt
    expect(yielded).toBe(true);
    const stored = await mailReceipt(db, 'whzx', key);
    expect(stored).toMatchObject({ owner: 'retry', outcome: 'ticket', ticketId: 'T1' });
    // The claim answers the receipt as stored, so the new owner need not read it again.
    expect(taken).toEqual({ won: true, receipt: stored, takenOver: true });
  });

  it('cannot be given up by a delivery that no longer holds it, nor once the message is done', async () => {
    // Prepare
    const key = nextKey();
    const t0 = '2026-12-04T01:00:00.000Z';
    await claimMailReceipt(db, delivery(key, 'holder', t0), leaseMs);
    // Act and assess: another owner may not end the holder's lease
    expect(await yieldMailReceipt(db, 'whzx', key, 'someone-else')).toBe(false);
    expect(
      await claimMailReceipt(db, delivery(key, 'late', '2026-12-04T01:00:03.000Z'), leaseMs),
    ).toMatchObject({ won: false });
    // a finished message stays finished
    await updateMailReceipt(db, 'whzx', key, 'holder', { doneAt: '2026-12-04T01:00:04.000Z' });
    expect(await yieldMailReceipt(db, 'whzx', key, 'holder')).toBe(false);
    expect(await mailReceipt(db, 'whzx', key)).toMatchObject({ owner: 'holder', claimedAt: t0 });
  });
});
