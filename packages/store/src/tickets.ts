import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type {
  ChangeRequest,
  Severity,
  SlaTimelineEventType,
  TicketAssignee,
  TicketAttribution,
  TicketChannel,
  TicketKind,
  TicketStatus,
} from '@weibao/domain';
import { openTicketStatuses } from '@weibao/domain';
import type { AuditRecord } from './audit.ts';
import type { Db } from './client.ts';
import type { Page } from './cursor.ts';
import { keys, queueShards, shardOfHospital, stripKeys } from './keys.ts';
import { queryAll, queryPage } from './query-page.ts';
import { hospitalPartitionsAtMost, shardedPage, shownHospitals } from './sharded-page.ts';
import { versionedWrite, type WriteCondition } from './versioned-write.ts';
import type { Who } from './who.ts';

export interface Person {
  name: string;
  email: string | null;
  phone: string | null;
}

/** One mail of a ticket's outbox, named by the timeline event it tells of. */
export type PendingTicketMail = {
  eventSeq: number;
  /** Held by the sender whose claim landed, until then (ISO): others do not send it too. */
  claimedUntil?: string;
} & (
  | {
      clock: 'response' | 'on-site' | 'resolution';
      point: 'at-risk' | 'breach';
      deadline: string;
    }
  | { notify: TicketNotice }
  | {
      /**
       * The ticket's notification channels are told (WeCom, DingTalk): sending it schedules one
       * delivery per channel, which posts and retries on its own, so no write waits for a robot.
       */
      channel: TicketChannelNotice;
      clock: 'response' | 'on-site' | 'resolution';
      /** The deadline the message names (a new ticket's response deadline); null when it has none. */
      deadline: string | null;
    }
);

/** What of a ticket its hospital's channels are told of. */
export type TicketChannelNotice = 'opened' | 'at-risk' | 'breach';

/** What a ticket's people are told of: a new ticket, and the answers its reporter waits for. */
export type TicketNotice =
  | 'opened'
  | 'response'
  | 'resolution'
  | 'close'
  | 'change-decision'
  /** The hospital objected to a pause (院方异议): the service manager and the assignee are told. */
  | 'pause-objection';

export interface TicketRecord {
  id: string;
  hospitalId: string;
  contractId: string;
  number: string;
  kind: TicketKind;
  severity: Severity;
  /** False while the severity is only proposed (e.g. from an email's subject words). */
  severityConfirmed: boolean;
  channel: TicketChannel;
  subsystemId: string | null;
  title: string;
  description: string;
  reporter: Person & { sub: string | null };
  /** Where the fault is: the hospital's campus (院区) and the ward or room; absent on older tickets. */
  campus?: string | null;
  place?: string | null;
  /**
   * The open ticket of the same subsystem the reporter was offered and chose not to join (仍然新建):
   * that ticket's timeline records this one too. Absent on older tickets.
   */
  relatedTicket?: { id: string; number: string } | null;
  /** The written report time that starts every SLA clock. */
  reportedAt: string;
  assignee: TicketAssignee | null;
  status: TicketStatus;
  respondedAt: string | null;
  onSiteRequestedAt: string | null;
  onSiteAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  /** 一般错误: the service-pack target time set at triage. */
  resolutionTargetAt: string | null;
  attribution: TicketAttribution | null;
  /** 暂停计时 running since then; absent or null: the clocks run (always, on contracts without it). */
  pausedAt?: string | null;
  /**
   * 需求变更 and 模板修改 only: the requested date, the IT center's decision and the progress
   * (change-request.ts in the domain). Absent on other kinds and on a change ticket opened before
   * approval was kept: that one reads as 待审批 without a date.
   */
  change?: ChangeRequest | null;
  /**
   * The next deadline that costs money or breaks the SLA, whichever comes first (ticketDeadlines
   * in the domain): the vendor's queue sorts on it.
   */
  nextDeadline: string | null;
  /**
   * What that deadline is: an SLA target or a deduction threshold, e.g. 响应超时扣款. Absent on a
   * ticket last written before it was kept; it is set again at the ticket's next write or timer.
   */
  nextDeadlineFor?: {
    kind: 'sla' | 'deduction';
    clock: 'response' | 'on-site' | 'resolution';
    ruleId: string | null;
    name: string;
  } | null;
  /** SLA points already on the record ("response:breach"), so a repeated timer changes nothing. */
  slaMarks: string[];
  /** Ledger entry ids booked for this ticket. */
  deductionIds: string[];
  /**
   * Mail decided but not yet sent (an outbox: sent, then removed): escalations of SLA points, and
   * the notices of the ticket's own events (opened, responded, resolved, closed).
   */
  pendingEscalations: PendingTicketMail[];
  /** e.g. 'unknown-sender' for mail from an address the hospital has not registered. */
  flags: string[];
  /**
   * The timeline events the SLA clocks and deductions are worked out from (report, severity
   * changes, response, on-site, resolution target, resolution), in short: kept with every change
   * so a ticket read needs no timeline query. Absent on a ticket not written since it was kept:
   * then the timeline is read.
   */
  slaLog?: SlaLogEntry[];
  /**
   * The SLA timer points this version planned (clock, point, instant): the next change moves the
   * Scheduler from these to its own without reading schedules back. Absent on a ticket not written
   * since they were kept: its next change reconciles its timers in full.
   */
  timerPoints?: {
    clock: 'response' | 'on-site' | 'resolution';
    point: 'at-risk' | 'breach' | 'deduction';
    at: string;
  }[];
  lastEventSeq: number;
  version: number;
  /**
   * The version of the last change a person made (an event, a reply by mail, an assignment).
   * Timers' marks and the outbox's claims and clears move `version` but not this: a person who
   * read the ticket before them has missed nothing they could overwrite. Absent on a ticket not
   * written since it was kept: then `version` is the one to have read.
   */
  lastEditVersion?: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export type TicketEventType =
  | 'created'
  | 'comment'
  | 'response'
  | 'on-site-request'
  | 'on-site-arrival'
  | 'resolution'
  | 'resolution-target'
  | 'severity-change'
  | 'assignment'
  | 'attribution'
  | 'close'
  | 'reopen'
  /** Another report of the same fault: joined to this ticket, or opened as its own ticket. */
  | 'linked-report'
  | 'change-approval'
  | 'change-progress'
  | 'change-due-date'
  /** 暂停计时 / 恢复计时 (engineer) / 院方异议 (hospital): contracts that allow pausing only. */
  | 'pause'
  | 'resume'
  | 'pause-objection'
  | 'sla-at-risk'
  | 'sla-breach'
  | 'deduction';

export interface TicketEventRecord {
  hospitalId: string;
  ticketId: string;
  seq: number;
  type: TicketEventType;
  /** When it happened (a response given by phone at 10:05 and entered at 10:20 is at 10:05). */
  at: string;
  recordedAt: string;
  actor: Who | null;
  /** Internal comments and system events are not shown to hospital users. */
  visibility: 'public' | 'internal';
  data: Record<string, unknown>;
}

/** The timeline events that move an SLA clock or a deduction. */
export type SlaEventType = SlaTimelineEventType;

/** A timeline event as the SLA needs it: its place, type, time and the one datum it carries. */
export type SlaLogEntry = Pick<TicketEventRecord, 'seq' | 'at' | 'data'> & { type: SlaEventType };

/** The stored item of a ticket: its keys and index keys, then the record. */
export function ticketItem(t: TicketRecord): Record<string, unknown> {
  const open = !t.deletedAt && openTicketStatuses.includes(t.status);
  return {
    ...keys.ticket(t.hospitalId, t.id),
    ...(t.deletedAt ? {} : keys.ticketByStatus(t.hospitalId, t.status, t.reportedAt, t.id)),
    ...(t.deletedAt ? {} : keys.ticketOfContract(t.hospitalId, t.contractId, t.reportedAt, t.id)),
    ...(t.deletedAt ? {} : keys.ticketInSearch(t.hospitalId, t.id, t.reportedAt)),
    ...(open ? keys.ticketInQueue(t.hospitalId, t.id, t.nextDeadline) : {}),
    ...(open ? keys.ticketInHospitalQueue(t.hospitalId, t.id, t.nextDeadline) : {}),
    itemType: 'Ticket',
    ...t,
  };
}

export function ticketEventItem(e: TicketEventRecord): Record<string, unknown> {
  return { ...keys.ticketEvent(e.hospitalId, e.ticketId, e.seq), itemType: 'TicketEvent', ...e };
}

export function ticketNumberItem(
  hospitalId: string,
  number: string,
  ticketId: string,
): Record<string, unknown> {
  return { ...keys.ticketNumber(hospitalId, number), itemType: 'TicketNumber', ticketId };
}

export async function ticketById(
  db: Db,
  hospitalId: string,
  ticketId: string,
  consistent = false,
): Promise<TicketRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.ticket(hospitalId, ticketId),
      ConsistentRead: consistent,
    }),
  );
  return out.Item ? stripKeys<TicketRecord & Record<string, unknown>>(out.Item) : undefined;
}

export async function ticketIdByNumber(
  db: Db,
  hospitalId: string,
  number: string,
): Promise<string | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.ticketNumber(hospitalId, number) }),
  );
  return typeof out.Item?.ticketId === 'string' ? out.Item.ticketId : undefined;
}

/** A hospital's tickets by report time (newest first), or those in one status. */
export function ticketsOfHospital(
  db: Db,
  hospitalId: string,
  opts: { status?: TicketStatus; limit?: number; cursor?: string },
): Promise<Page<TicketRecord>> {
  const { status, ...page } = opts;
  if (status)
    return queryPage(db, {
      index: 'gsi2',
      partition: keys.ticketsInStatus(hospitalId, status),
      newestFirst: true,
      ...page,
    });
  const { pk, skPrefix } = keys.ticketsOfHospital(hospitalId);
  return queryPage(db, {
    partition: { pk },
    sort: { prefix: skPrefix },
    newestFirst: true,
    withoutDeleted: true,
    ...page,
  });
}

/**
 * A hospital's open tickets reported at or after `since` (ISO), newest first: the outage someone
 * may have reported already. One query per open status on gsi2, each a short range of report times.
 */
export async function openTicketsReportedSince(
  db: Db,
  hospitalId: string,
  since: string,
): Promise<TicketRecord[]> {
  const byStatus = await Promise.all(
    openTicketStatuses.map((status) =>
      queryAll<TicketRecord>(db, {
        index: 'gsi2',
        partition: keys.ticketsInStatus(hospitalId, status),
        sort: { between: [since, '9999'] },
      }),
    ),
  );
  return byStatus.flat().sort((a, b) => b.reportedAt.localeCompare(a.reportedAt));
}

/** A contract's tickets reported in [from, to) (ISO instants): a quarter's record. */
export function ticketsOfContractBetween(
  db: Db,
  hospitalId: string,
  contractId: string,
  from: string,
  to: string,
  opts: { limit?: number; cursor?: string } = {},
): Promise<Page<TicketRecord>> {
  return queryPage(db, {
    index: 'gsi3',
    partition: keys.ticketsOfContract(hospitalId, contractId),
    sort: { between: [from, `${to}`] },
    ...opts,
  });
}

/**
 * The vendor's queue: open tickets of every hospital, the nearest deadline first; with
 * `hospitals`, only theirs (an engineer assigned to some), a full page of them when there are so
 * many, and a cursor that names none of the others. The queue is spread over `queueShards`
 * partitions: a page reads each shard in play (only the shards of `hospitals` when given) from
 * its own position, merges them by the sort key and keeps `limit`; the cursor holds every shard's
 * position.
 */
export async function openTicketsByNextDeadline(
  db: Db,
  opts: { limit?: number; cursor?: string; hospitals?: readonly string[] | null } = {},
): Promise<Page<TicketRecord>> {
  const { cursor, limit = 50 } = opts;
  const { hospitals, visible } = await shownHospitals(db, opts.hospitals);
  if (hospitals && hospitals.length <= hospitalPartitionsAtMost) {
    // Each of the engineer's hospitals' own queue (gsi4), merged: the page reads about `limit`
    // tickets of theirs, not every hospital's tickets until `limit` of theirs are found.
    return shardedPage<TicketRecord>(db, {
      index: 'gsi4',
      shards: [...new Set(hospitals)].sort(),
      partitionOf: (h) => keys.hospitalQueuePartition(String(h)),
      keyOf: (t) => ({
        ...keys.ticket(t.hospitalId, t.id),
        ...keys.ticketInHospitalQueue(t.hospitalId, t.id, t.nextDeadline),
      }),
      sortKeyOf: (t) => queueKey(t).gsi1sk,
      name: 'hospitalQueues',
      limit,
      cursor,
    });
  }
  const shards = hospitals
    ? [...new Set(hospitals.map((h) => shardOfHospital(h, queueShards)))].sort((a, b) => a - b)
    : Array.from({ length: queueShards }, (_, i) => i);
  return shardedPage<TicketRecord>(db, {
    index: 'gsi1',
    shards,
    partitionOf: (shard) => keys.queuePartition(Number(shard)),
    keyOf: queueKey,
    sortKeyOf: (t) => queueKey(t).gsi1sk,
    name: 'queue',
    limit,
    cursor,
    ...(visible ? { visible } : {}),
  });
}

/** The full key of a ticket's queue entry (table and gsi1), as a shard's position. */
function queueKey(t: TicketRecord) {
  return {
    ...keys.ticket(t.hospitalId, t.id),
    ...keys.ticketInQueue(t.hospitalId, t.id, t.nextDeadline),
  };
}

/** A ticket's timeline in order. */
export async function eventsOfTicket(
  db: Db,
  hospitalId: string,
  ticketId: string,
): Promise<TicketEventRecord[]> {
  const { pk, skPrefix } = keys.eventsOfTicket(hospitalId, ticketId);
  return queryAll<TicketEventRecord>(db, {
    partition: { pk },
    sort: { prefix: skPrefix },
    limit: 200,
  });
}

/** Saves a ticket with its new timeline events (and anything else new) and the audit record, atomically. */
export async function saveTicket(
  db: Db,
  t: TicketRecord,
  condition: WriteCondition,
  audit: AuditRecord,
  alsoCreate: Record<string, unknown>[] = [],
): Promise<void> {
  await versionedWrite(db, { item: ticketItem(t), condition, audit, alsoCreate });
}

/**
 * The next number in the hospital's yearly sequence, atomically. A number taken by a create that
 * then fails is never handed out again (a gap, never a duplicate).
 */
export async function nextTicketSequence(
  db: Db,
  hospitalId: string,
  year: number,
): Promise<number> {
  const out = await db.doc.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: keys.ticketCounter(hospitalId, year),
      UpdateExpression: 'ADD #seq :one SET itemType = :type',
      ExpressionAttributeNames: { '#seq': 'seq' },
      ExpressionAttributeValues: { ':one': 1, ':type': 'TicketCounter' },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(out.Attributes?.seq);
}

/**
 * Moves the open tickets still in the single legacy queue partition (`QUEUE`, before the shards)
 * to their shard: a version-checked rewrite of gsi1pk only, so a ticket changed meanwhile is left
 * to its writer (which stores it in its shard) and counted as skipped. Repeating it changes nothing.
 */
export async function reshardLegacyQueue(db: Db): Promise<{ moved: number; skipped: number }> {
  let moved = 0;
  let skipped = 0;
  let cursor: string | undefined;
  do {
    const page = await queryPage<TicketRecord>(db, {
      index: 'gsi1',
      partition: keys.legacyQueuePartition(),
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const t of page.items) {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: keys.ticket(t.hospitalId, t.id),
            UpdateExpression: 'SET gsi1pk = :shard',
            ConditionExpression: 'gsi1pk = :legacy AND #v = :v',
            ExpressionAttributeNames: { '#v': 'version' },
            ExpressionAttributeValues: {
              ':shard': keys.ticketInQueue(t.hospitalId, t.id, t.nextDeadline).gsi1pk,
              ':legacy': keys.legacyQueuePartition().gsi1pk,
              ':v': t.version,
            },
          }),
        );
        moved += 1;
      } catch (err) {
        if (!(err instanceof ConditionalCheckFailedException)) throw err;
        skipped += 1;
      }
    }
    cursor = page.next ?? undefined;
  } while (cursor);
  return { moved, skipped };
}
