import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ticketItem, ticketsOfHospital, type MeteredRequest } from '@weibao/store';
import type { BenchStack } from '../bench-stack.ts';
import type { CaseResult, Figure } from '../result.ts';
import { median, ratio, round } from '../stats.ts';
import { addHospitals } from './scale.ts';

interface ChangeCost {
  requests: number;
  readUnits: number;
  /** Transactions counted twice, as AWS bills them. */
  writeUnits: number;
  /** The rollups handler's time for the change (its invocations' sum), median of the changes. */
  ms: number;
}

/** DynamoDB Local reports 0 for a read that finds nothing; AWS bills every read at least 0.5. */
const billed = (r: MeteredRequest) =>
  r.kind === 'read'
    ? Math.max(0.5, r.capacityUnits)
    : r.kind === 'write'
      ? r.capacityUnits * (r.command === 'TransactWriteItems' ? 2 : 1)
      : 0;

/**
 * What the table stream's rollups cost for one change of an open ticket (its status, back and
 * forth: the open counts move each time), in a hospital of its own filled with `tickets` tickets
 * over the last year; the mean of `changes` changes.
 */
async function changesOf(
  b: BenchStack,
  hospitalNumber: number,
  tickets: number,
  changes: number,
): Promise<ChangeCost> {
  const hospitalId = `bench-s${String(hospitalNumber).padStart(4, '0')}`;
  await addHospitals(b, hospitalNumber, hospitalNumber + 1, tickets);
  const open = (await ticketsOfHospital(b.db, hospitalId, { status: 'responded', limit: 1 }))
    .items[0];
  if (!open) throw new Error(`${hospitalId} has no open ticket`);
  let ticket = open;
  const all: MeteredRequest[] = [];
  const times: number[] = [];
  for (let i = 0; i < changes; i += 1) {
    const next = {
      ...ticket,
      status: ticket.status === 'responded' ? ('resolved' as const) : ('responded' as const),
      version: ticket.version + 1,
    };
    const { requests, invocations } = await b.meteredRollups(() =>
      b.db.doc.send(new PutCommand({ TableName: b.db.tableName, Item: ticketItem(next) })),
    );
    all.push(...requests);
    times.push(invocations.reduce((s, r) => s + r.ms, 0));
    ticket = next;
  }
  const sum = (f: (r: MeteredRequest) => boolean) =>
    round(all.filter(f).reduce((s, r) => s + billed(r), 0) / changes, 1);
  return {
    requests: round(all.length / changes, 1),
    readUnits: sum((r) => r.kind === 'read'),
    writeUnits: sum((r) => r.kind === 'write'),
    ms: round(median(times), 1),
  };
}

/**
 * The rollups' cost per ticket change with `small` and with `large` tickets in the hospital. A
 * rollup kept by increments would cost the same at both, so the limit of each figure is the same
 * change at `small` tickets (goal ≤ 1.2×, as for the overview): each change reads the record, its
 * few deductions and its parts as last applied, and moves the cells by the difference
 * (packages/usecases/src/overview/rollups.ts), whatever else the hospital holds.
 */
export async function benchRollups(
  b: BenchStack,
  opts: { small: number; large: number; changes: number },
): Promise<CaseResult> {
  // Hospital numbers of their own, past those of the scale case.
  const small = await changesOf(b, 9001, opts.small, opts.changes);
  const large = await changesOf(b, 9002, opts.large, opts.changes);
  const note = `mean of ${opts.changes} status changes of an open ticket, the rollups' DynamoDB requests only; limit: the same at ${opts.small} tickets (goal ≤ 1.2×)`;
  const name = (what: string) =>
    `rollups per ticket change: ${what} at ${opts.large.toLocaleString('en')} tickets`;
  const figures: Figure[] = [
    {
      case: 'rollups',
      name: name('read units'),
      measured: large.readUnits,
      limit: small.readUnits,
      unit: 'RCU',
      ratio: ratio(large.readUnits, small.readUnits),
      note: `${note}; ${large.requests} vs ${small.requests} requests`,
    },
    {
      case: 'rollups',
      name: name('write units'),
      measured: large.writeUnits,
      limit: small.writeUnits,
      unit: 'WCU',
      ratio: ratio(large.writeUnits, small.writeUnits),
      note: `${note}; transactions counted twice`,
    },
    {
      case: 'rollups',
      name: name('handler time'),
      measured: large.ms,
      limit: small.ms,
      unit: 'ms',
      ratio: ratio(large.ms, small.ms),
      note: `median of ${opts.changes} status changes, the rollups handler's invocation in this process against DynamoDB Local (the Lambda time the cost prices); limit: the same at ${opts.small} tickets`,
    },
  ];
  return {
    figures,
    details: { small: { tickets: opts.small, ...small }, large: { tickets: opts.large, ...large } },
  };
}
