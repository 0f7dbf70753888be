import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.ts';
import type { Page } from './cursor.ts';
import { keys, stripKeys } from './keys.ts';
import { queryPage } from './query-page.ts';
import type { ConditionalDelete } from './versioned-write.ts';
import type { PersonRef } from './who.ts';

/** The lookup item behind `<intakeLocalPart>@<intakeDomain>`; written with the hospital. */
export function intakeAddressItem(localPart: string, hospitalId: string): Record<string, unknown> {
  return { ...keys.intakeAddress(localPart), itemType: 'IntakeAddress', localPart, hospitalId };
}

/**
 * Removes the lookup of an address a hospital gives up, in the transaction that changes the
 * hospital, so another hospital may take the address; only while it still leads to this hospital.
 */
export function releaseIntakeAddress(localPart: string, hospitalId: string): ConditionalDelete {
  return {
    key: keys.intakeAddress(localPart),
    condition: 'hospitalId = :hospitalId',
    values: { ':hospitalId': hospitalId },
  };
}

/**
 * Writes the lookup of a hospital made before intake addresses had one (a local `.data` from an
 * earlier version); an address already taken is left as it is. Returns whether it wrote.
 */
export async function ensureIntakeAddress(
  db: Db,
  localPart: string,
  hospitalId: string,
): Promise<boolean> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: intakeAddressItem(localPart, hospitalId),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

/** The hospital an intake address names, as the lookup item says (the caller checks it is current). */
export async function hospitalIdByIntakeAddress(
  db: Db,
  localPart: string,
): Promise<string | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.intakeAddress(localPart) }),
  );
  return typeof out.Item?.hospitalId === 'string' ? out.Item.hospitalId : undefined;
}

export type MailOutcome = 'ticket' | 'comment' | 'ignored';

/** One received message for one hospital: the claim, then what became of it. */
export interface MailReceiptRecord {
  hospitalId: string;
  /** sha256 of the Message-ID, or of the raw bytes when the message has none. */
  messageKey: string;
  messageId: string | null;
  /** Where the raw message is (the mail bucket's key). */
  rawKey: string;
  from: string | null;
  subject: string | null;
  receivedAt: string;
  /** Who is working on it and since when; a claim older than the lease may be taken over. */
  owner: string;
  claimedAt: string;
  outcome: MailOutcome | null;
  /** Why it was ignored (auto-reply, bounce, list mail), or how it threaded. */
  reason: string | null;
  ticketId: string | null;
  /** The acknowledgement: pending (to send), sent, or not sent and why (rate limit, comment). */
  ack: { state: 'pending' | 'sent' | 'skipped'; messageId: string | null; reason: string | null };
  doneAt: string | null;
}

export async function mailReceipt(
  db: Db,
  hospitalId: string,
  messageKey: string,
): Promise<MailReceiptRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.mailReceipt(hospitalId, messageKey),
      ConsistentRead: true,
    }),
  );
  return out.Item ? stripKeys<MailReceiptRecord & Record<string, unknown>>(out.Item) : undefined;
}

/**
 * Claims a message for this delivery: a conditional put that only one of many concurrent
 * deliveries wins. A claim left unfinished for longer than `leaseMs` (its holder crashed) is
 * taken over with a conditional update on the old owner, so again only one delivery wins.
 */
export async function claimMailReceipt(
  db: Db,
  receipt: MailReceiptRecord,
  leaseMs: number,
): Promise<
  | { won: true; receipt: MailReceiptRecord; takenOver: boolean }
  | { won: false; current: MailReceiptRecord }
> {
  const key = keys.mailReceipt(receipt.hospitalId, receipt.messageKey);
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...key, itemType: 'MailReceipt', ...receipt },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    // A first claim: the receipt is the one just written, with no step taken yet.
    return { won: true, receipt, takenOver: false };
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
  }
  const current = await mailReceipt(db, receipt.hospitalId, receipt.messageKey);
  if (!current) return claimMailReceipt(db, receipt, leaseMs);
  const stale = Date.parse(receipt.claimedAt) - Date.parse(current.claimedAt) > leaseMs;
  if (current.doneAt !== null || !stale) return { won: false, current };
  try {
    const out = await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: key,
        // A taken-over claim: the receipt as it stands, with the steps the earlier delivery took.
        ReturnValues: 'ALL_NEW',
        UpdateExpression: 'SET #owner = :owner, claimedAt = :at',
        ConditionExpression: '#owner = :previous AND attribute_type(doneAt, :null)',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: {
          ':owner': receipt.owner,
          ':at': receipt.claimedAt,
          ':previous': current.owner,
          ':null': 'NULL',
        },
      }),
    );
    return {
      won: true,
      receipt: stripKeys<MailReceiptRecord & Record<string, unknown>>(out.Attributes ?? {}),
      takenOver: true,
    };
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    const now = await mailReceipt(db, receipt.hospitalId, receipt.messageKey);
    return { won: false, current: now ?? current };
  }
}

/** Records progress on a claimed message; only its owner may (a taken-over claim stops the old one). */
export async function updateMailReceipt(
  db: Db,
  hospitalId: string,
  messageKey: string,
  owner: string,
  patch: Partial<Pick<MailReceiptRecord, 'outcome' | 'reason' | 'ticketId' | 'ack' | 'doneAt'>>,
): Promise<void> {
  const names: Record<string, string> = { '#owner': 'owner' };
  const values: Record<string, unknown> = { ':owner': owner };
  const sets = Object.entries(patch).map(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:v${i}`] = v;
    return `#f${i} = :v${i}`;
  });
  await db.doc.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: keys.mailReceipt(hospitalId, messageKey),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: '#owner = :owner',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
}

/** Gives a claim back (only its owner may), so the message can be taken in again later. */
export async function releaseMailReceipt(
  db: Db,
  hospitalId: string,
  messageKey: string,
  owner: string,
): Promise<void> {
  await db.doc.send(
    new DeleteCommand({
      TableName: db.tableName,
      Key: keys.mailReceipt(hospitalId, messageKey),
      ConditionExpression: '#owner = :owner',
      ExpressionAttributeNames: { '#owner': 'owner' },
      ExpressionAttributeValues: { ':owner': owner },
    }),
  );
}

/**
 * Gives a claim up at once after a failure that a retry may get past (contention, a dependency
 * briefly down): its lease is set to have ended, so the next delivery takes it over at once
 * instead of waiting out the lease, and keeps every step this one recorded. Only the holder may,
 * and only while the message is unfinished; false when the claim was no longer this owner's.
 */
export async function yieldMailReceipt(
  db: Db,
  hospitalId: string,
  messageKey: string,
  owner: string,
): Promise<boolean> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.mailReceipt(hospitalId, messageKey),
        UpdateExpression: 'SET claimedAt = :ended',
        ConditionExpression: '#owner = :owner AND attribute_type(doneAt, :null)',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: {
          ':owner': owner,
          ':ended': new Date(0).toISOString(),
          ':null': 'NULL',
        },
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

/** A Message-ID → ticket lookup, created in the transaction that adds the message to the ticket. */
export function mailThreadItem(
  hospitalId: string,
  messageIdHash: string,
  thread: { ticketId: string; messageId: string; direction: 'received' | 'sent' },
): Record<string, unknown> {
  return { ...keys.mailThread(hospitalId, messageIdHash), itemType: 'MailThread', ...thread };
}

/** The ticket a Message-ID (received or sent by us) belongs to. */
export async function ticketIdByMessageId(
  db: Db,
  hospitalId: string,
  messageIdHash: string,
): Promise<string | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.mailThread(hospitalId, messageIdHash),
      ConsistentRead: true,
    }),
  );
  return typeof out.Item?.ticketId === 'string' ? out.Item.ticketId : undefined;
}

/** Stores the lookup of a Message-ID we sent; repeating it changes nothing. */
export async function putMailThread(
  db: Db,
  hospitalId: string,
  messageIdHash: string,
  thread: { ticketId: string; messageId: string; direction: 'received' | 'sent' },
): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: mailThreadItem(hospitalId, messageIdHash, thread),
    }),
  );
}

/** Adds one to the sender's acknowledgements this hour and returns the new count. */
export async function countAcknowledgement(
  db: Db,
  hospitalId: string,
  senderHash: string,
  nowMs: number,
): Promise<number> {
  const hour = new Date(nowMs).toISOString().slice(0, 13);
  const out = await db.doc.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: keys.ackCounter(hospitalId, senderHash, hour),
      UpdateExpression: 'ADD #n :one SET itemType = :type, expiresAt = :expires',
      ExpressionAttributeNames: { '#n': 'count' },
      ExpressionAttributeValues: {
        ':one': 1,
        ':type': 'AckCounter',
        ':expires': Math.floor(nowMs / 1000) + 2 * 3600,
      },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(out.Attributes?.count);
}

/** SES's verdict on one check of a received message. */
export type MailVerdict = 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED' | 'DISABLED';
export type MailVerdicts = Record<'spam' | 'virus' | 'spf' | 'dkim' | 'dmarc', MailVerdict>;

export type QuarantineReason =
  | 'unreadable'
  | 'no-intake-address'
  | 'unknown-intake-address'
  | 'virus'
  | 'spam'
  | 'dmarc-fail'
  | 'no-contract';

/** A message kept aside for a vendor admin's decision, with why. */
export interface QuarantinedMailRecord {
  /** The message key (see MailReceiptRecord): one quarantine item per message however often delivered. */
  id: string;
  reason: QuarantineReason;
  detail: string;
  rawKey: string;
  messageId: string | null;
  from: string | null;
  subject: string | null;
  recipients: string[];
  receivedAt: string;
  verdicts: MailVerdicts;
  status: 'waiting' | 'assigned' | 'discarded';
  decision: {
    by: PersonRef;
    at: string;
    reason: string;
    hospitalId: string | null;
    ticketId: string | null;
  } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

function quarantineItem(q: QuarantinedMailRecord): Record<string, unknown> {
  return {
    ...keys.quarantinedMail(q.id),
    ...(q.status === 'waiting' ? keys.quarantineWaiting(q.receivedAt, q.id) : {}),
    itemType: 'QuarantinedMail',
    ...q,
  };
}

/** Quarantines a message once: a repeated delivery finds the first record. */
export async function quarantineMail(
  db: Db,
  q: QuarantinedMailRecord,
): Promise<{ created: boolean }> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: quarantineItem(q),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { created: true };
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return { created: false };
    throw err;
  }
}

export async function quarantinedMailById(
  db: Db,
  id: string,
): Promise<QuarantinedMailRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.quarantinedMail(id),
      ConsistentRead: true,
    }),
  );
  return out.Item
    ? stripKeys<QuarantinedMailRecord & Record<string, unknown>>(out.Item)
    : undefined;
}

/** Quarantined messages waiting for a decision, oldest first (gsi1, sparse). */
export function waitingQuarantinedMail(
  db: Db,
  opts: { limit?: number; cursor?: string } = {},
): Promise<Page<QuarantinedMailRecord>> {
  return queryPage(db, { index: 'gsi1', partition: keys.quarantineWaitingPartition(), ...opts });
}

/** Records a decision, version-checked: two admins deciding at once cannot both win. */
export async function saveQuarantineDecision(
  db: Db,
  q: QuarantinedMailRecord,
  expectedVersion: number,
): Promise<boolean> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: quarantineItem(q),
        ConditionExpression: 'attribute_exists(pk) AND version = :v',
        ExpressionAttributeValues: { ':v': expectedVersion },
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}
