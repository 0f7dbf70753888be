import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  contractSchema,
  deductionSummarySchema,
  ledgerEntrySchema,
  listOf,
  ticketWithSlaSchema,
} from '@weibao/api';
import { quarterPeriods, shanghaiDateOf } from '@weibao/domain';
import { dynamoDbLocalClient } from '@weibao/local';
import {
  keys,
  makeDb,
  rollupAt,
  rollupTotalItems,
  rollupTotalsOf,
  setRollupTotal,
  shardOfHospital,
  rollupTotalShards,
  type Db,
  type RollupFigures,
} from '@weibao/store';
import {
  calendarQuarters,
  makeApplyRollupStream,
  makeRebuildRollups,
  makeFullVendorOverview,
  makeVendorOverview,
  type Deps,
} from '@weibao/usecases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerOf, quarterSums } from '../support/ledger-quarters.ts';
import { reportWhzxFault } from '../support/report-fault.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let db: Db;
let deps: Deps;
beforeAll(async () => {
  stack = await startTestStack({ followStream: true });
  db = makeDb(stack.env.tableName, dynamoDbLocalClient(stack.env.endpoints.dynamodb));
  deps = {
    db,
    clock: { now: () => new Date(stack.now()) },
    ids: { next: () => 'unused' },
  };
});
afterAll(async () => {
  db?.raw.destroy();
  await stack?.stop();
});

const figures = (q: RollupFigures | undefined) => ({
  faults: q?.faults ?? 0,
  breached: q?.breached ?? 0,
  deductionsFen: q?.deductionsFen ?? 0,
  deductionEntries: q?.deductionEntries ?? 0,
  withdrawnFen: q?.withdrawnFen ?? 0,
});

/** The rollups of whzx against the full recompute (the overview's reads of every record). */
async function compareWithFullRecompute() {
  const full = await makeFullVendorOverview(deps)();
  const whzx = full.hospitals.find((h) => h.hospitalId === 'whzx');
  expect(whzx).toBeDefined();
  for (const q of whzx?.quarters ?? []) {
    const cell = await rollupAt(db, keys.rollupCalendar('whzx', q.quarter));
    expect({ quarter: q.quarter, ...figures(cell?.figures as RollupFigures) }).toEqual({
      quarter: q.quarter,
      ...figures(q),
    });
  }
  for (const q of whzx?.contractQuarters ?? []) {
    const cell = await rollupAt(db, keys.rollupContractQuarter('whzx', q.contractId, q.index));
    expect(figures(cell?.figures as RollupFigures)).toEqual(figures(q));
  }
  const open = await rollupAt(db, keys.rollupOpen('whzx'));
  expect(open?.figures ?? { fatal: 0, serious: 0, minor: 0 }).toEqual(whzx?.open);
  // The overview the vendor reads (rollups only) is the full recompute, page by page, with the
  // totals of all hospitals on every page
  const pages = [];
  let cursor: string | undefined;
  do {
    const page = await makeVendorOverview(deps)(null, { limit: 1, ...(cursor ? { cursor } : {}) });
    pages.push(page);
    cursor = page.next ?? undefined;
  } while (cursor);
  expect(pages.flatMap((p) => p.hospitals)).toEqual(full.hospitals);
  const openOfAll = { fatal: 0, serious: 0, minor: 0 };
  for (const h of full.hospitals)
    for (const k of ['fatal', 'serious', 'minor'] as const) openOfAll[k] += h.open[k];
  // DynamoDB may end with an empty page when the last one was full
  expect(pages.slice(0, full.hospitals.length).every((p) => p.hospitals.length === 1)).toBe(true);
  for (const page of pages) {
    expect(page.currentQuarterFen).toBe(full.currentQuarterFen);
    expect(page.open).toEqual(openOfAll);
    expect(page.calendarMissing?.year).toBe(full.calendarMissing?.year);
  }
  return full;
}

/**
 * The deduction summary of all time (every contract quarter, every hospital), page by page,
 * against the ledger of each contract in force grouped by its quarters as they are now: every
 * quarter's cell, past ones too, and the total of the quarters' days.
 */
async function compareSummaryWithLedger() {
  await stack.streamDrained();
  const range = 'from=2000-01-01&to=2099-12-31';
  const rows: ReturnType<typeof deductionSummarySchema.parse>['items'] = [];
  let cursor: string | null = null;
  let total: number | undefined;
  do {
    const res = await stack.jsonAs(
      'admin@vendor.example',
      'GET',
      `/api/deductions/summary?${range}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.status).toBe(200);
    const page = deductionSummarySchema.parse(res.body);
    rows.push(...page.items);
    expect(total ?? page.totalFen).toBe(page.totalFen);
    total = page.totalFen;
    cursor = page.next;
  } while (cursor);
  expect(total).toBe(rows.reduce((s, r) => s + r.amountFen, 0));
  const contracts = listOf(contractSchema).parse(
    (await stack.jsonAs('admin@vendor.example', 'GET', '/api/hospitals/whzx/contracts')).body,
  ).items;
  const expected = [];
  for (const c of contracts) {
    const ledger = await ledgerOf(stack, 'whzx', c.id);
    for (const p of quarterPeriods(c.terms.term)) {
      const sums = quarterSums(ledger, p);
      if (sums.entries > 0)
        expected.push({
          contractId: c.id,
          quarter: p.index,
          startsOn: p.startsOn,
          endsOn: p.endsOn,
          ...sums,
        });
    }
  }
  expect(
    rows
      .filter((r) => r.hospitalId === 'whzx')
      .map(({ hospitalId: _h, contractName: _n, ...figures }) => figures),
  ).toEqual(expected);
  return rows;
}

interface ContractJson {
  id: string;
  version: number;
  terms: { term: { startsOn: string; endsOn: string } } & Record<string, unknown>;
}

const today = () => shanghaiDateOf(new Date(stack.now()).toISOString());

const currentQuarter = () =>
  calendarQuarters(shanghaiDateOf(new Date(stack.now()).toISOString()), 1)[0]?.label ?? '';

const report = (body: Record<string, unknown>) => reportWhzxFault(stack, body);

/** Whzx's tickets and ledger entries as stored: the images a replayed stream batch would carry. */
async function storedImages() {
  const out = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': keys.hospital('whzx').pk },
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? []).filter((i) => i.itemType === 'Ticket' || i.itemType === 'LedgerEntry');
}

describe('the overview’s rollups', () => {
  it('follow the table’s stream: after a late fatal fault with its deduction and a closed-over minor one, they equal a full recompute', async () => {
    // Prepare
    await stack.streamDrained();
    const totalBefore = await rollupTotalsOf(db, today());
    // Act
    await report({
      severity: 'fatal',
      channel: 'phone',
      title: '医嘱系统停机',
      reportedAt: new Date(stack.now() - 65 * 60_000).toISOString(),
    });
    await report({ severity: 'minor', channel: 'phone', title: '打印机卡纸' });
    await stack.streamDrained();
    // Assess
    const full = await compareWithFullRecompute();
    const cell = await rollupAt(db, keys.rollupCalendar('whzx', currentQuarter()));
    expect((cell?.figures as RollupFigures).deductionsFen).toBeGreaterThanOrEqual(188_000);
    const totalAfter = await rollupTotalsOf(db, today());
    expect(totalAfter.contractQuartersFen).toBe(totalBefore.contractQuartersFen + 188_000);
    expect(totalAfter.open.fatal).toBe(totalBefore.open.fatal + 1);
    expect(totalAfter.open.minor).toBe(totalBefore.open.minor + 1);
    expect(totalAfter.contractQuartersFen).toBe(full.currentQuarterFen);
  });

  it('move by exactly what changed: a late fault answered and resolved (no longer open), its deduction withdrawn on a dispute upheld (no longer late)', async () => {
    // Prepare: a serious fault reported 61 minutes ago, unanswered: late, with its deduction
    const ticket = await report({
      severity: 'serious',
      channel: 'phone',
      title: '临床路径入径失败',
      reportedAt: new Date(stack.now() - 61 * 60_000).toISOString(),
    });
    await stack.streamDrained();
    await compareWithFullRecompute();
    const ledgerPath = `/api/hospitals/whzx/contracts/${ticket.contractId}/ledger`;
    const entry = listOf(ledgerEntrySchema)
      .parse((await stack.jsonAs('manager@vendor.example', 'GET', ledgerPath)).body)
      .items.find((e) => e.ticketId === ticket.id);
    if (!entry) throw new Error('no deduction booked');
    const cellBefore = await rollupAt(db, keys.rollupCalendar('whzx', currentQuarter()));
    const totalBefore = await rollupTotalsOf(db, today());
    // Act: answered and resolved, then the deduction disputed and the dispute upheld
    const post = async (body: Record<string, unknown>) => {
      const current = ticketWithSlaSchema.parse(
        (
          await stack.jsonAs(
            'engineer@vendor.example',
            'GET',
            `/api/hospitals/whzx/tickets/${ticket.id}`,
          )
        ).body,
      );
      const res = await stack.jsonAs(
        'engineer@vendor.example',
        'POST',
        `/api/hospitals/whzx/tickets/${ticket.id}/events`,
        { version: current.ticket.version, ...body },
      );
      expect(res.status).toBe(201);
    };
    await post({ type: 'response', text: '正在排查。' });
    await post({ type: 'resolution', text: '已修复。' });
    const raised = await stack.jsonAs(
      'manager@vendor.example',
      'POST',
      `${ledgerPath}/${entry.id}/disputes`,
      {
        action: 'raise',
        version: entry.version,
        reason: '医院电话记录时间有误',
      },
    );
    expect(raised.status).toBe(200);
    const decided = await stack.jsonAs(
      'it@whch.example',
      'POST',
      `${ledgerPath}/${entry.id}/disputes`,
      {
        action: 'decide',
        version: ledgerEntrySchema.parse(raised.body).version,
        disputeId: 'd1',
        upheld: true,
        note: '核实通话记录，同意撤销',
      },
    );
    expect(decided.status).toBe(200);
    await stack.streamDrained();
    // Assess: the cells equal the full recompute, moved by this ticket's change alone
    await compareWithFullRecompute();
    const cell = (await rollupAt(db, keys.rollupCalendar('whzx', currentQuarter())))
      ?.figures as RollupFigures;
    const was = cellBefore?.figures as RollupFigures;
    expect(cell.faults).toBe(was.faults);
    expect(cell.breached).toBe(was.breached - 1);
    expect(cell.deductionsFen).toBe(was.deductionsFen - entry.amountFen);
    expect(cell.withdrawnFen).toBe(was.withdrawnFen + entry.amountFen);
    const totalAfter = await rollupTotalsOf(db, today());
    expect(totalAfter.open.serious).toBe(totalBefore.open.serious - 1);
    expect(totalAfter.contractQuartersFen).toBe(totalBefore.contractQuartersFen - entry.amountFen);
  });

  it('a replayed stream batch changes nothing: same figures, same versions, totals not doubled', async () => {
    // Prepare
    await stack.streamDrained();
    const images = await storedImages();
    expect(images.length).toBeGreaterThan(0);
    const cellBefore = await rollupAt(db, keys.rollupCalendar('whzx', currentQuarter()));
    const totalBefore = await rollupTotalsOf(db, today());
    // Act: the whole hospital's records, as new images, twice over
    const apply = makeApplyRollupStream(deps);
    const changes = images.map((i) => ({ newImage: i, oldImage: i }));
    const first = await apply(changes);
    const second = await apply(changes);
    // Assess
    expect(first.written).toBe(0);
    expect(second.written).toBe(0);
    expect(first.unchanged).toBeGreaterThan(0);
    expect(await rollupAt(db, keys.rollupCalendar('whzx', currentQuarter()))).toEqual(cellBefore);
    expect(await rollupTotalsOf(db, today())).toEqual(totalBefore);
  });

  it('`rollups rebuild` restores a deleted calendar cell and a deleted open cell, and mends a wrong total', async () => {
    // Prepare
    await stack.streamDrained();
    const totalBefore = await rollupTotalsOf(db, today());
    await setRollupTotal(db, keys.rollupTotal('OPEN', shardOfHospital('whzx', rollupTotalShards)), {
      fatal: 99,
      serious: 0,
      minor: 0,
    });
    await setRollupTotal(db, keys.rollupTotal('CQEND#2099-12-31', 0), {
      deductionsFen: 1,
    });
    // A total of a day long past, which the overview never reads but the summary does
    await setRollupTotal(db, keys.rollupTotal('CQEND#2001-03-31', 0), {
      deductionsFen: 5,
    });
    expect(await rollupTotalsOf(db, today())).not.toEqual(totalBefore);
    const calendarKey = keys.rollupCalendar('whzx', currentQuarter());
    const open = await rollupAt(db, keys.rollupOpen('whzx'));
    await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: calendarKey }));
    await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: keys.rollupOpen('whzx') }));
    expect(await rollupAt(db, calendarKey)).toBeUndefined();
    // Act
    const run = await makeRebuildRollups(deps)();
    // Assess
    expect(run.hospitals).toBeGreaterThan(1);
    expect(run.written).toBeGreaterThanOrEqual(2);
    await compareWithFullRecompute();
    expect((await rollupAt(db, keys.rollupOpen('whzx')))?.figures).toEqual(open?.figures);
    expect(await rollupTotalsOf(db, today())).toEqual(totalBefore);
    await compareSummaryWithLedger();
    // Once more: nothing left to write
    expect((await makeRebuildRollups(deps)()).written).toBe(0);
  });

  it('re-file at once what a moved contract term, a removed contract and a removed hospital counted, as a full recompute does', async () => {
    // Prepare: whzx's contract in force, with this quarter's deductions filed under its end day
    await stack.streamDrained();
    const shard = shardOfHospital('whzx', rollupTotalShards);
    const filed = async () =>
      Object.fromEntries(
        (await rollupTotalItems(db, shard, today()))
          .filter((i) => i.sk.startsWith('CQEND#'))
          .map((i) => [i.sk, i.deductionsFen]),
      );
    const listed = await stack.fetchAs('admin@vendor.example', '/api/hospitals/whzx/contracts');
    const contract = ((await listed.json()) as { items: ContractJson[] }).items[0] as ContractJson;
    const endOf = (term: { startsOn: string; endsOn: string }) =>
      quarterPeriods(term).find((p) => p.startsOn <= today() && today() <= p.endsOn)?.endsOn;
    const before = endOf(contract.terms.term);
    const standing = (await rollupAt(db, keys.rollupCalendar('whzx', currentQuarter())))?.figures;
    expect(before).toBeDefined();
    expect((await filed())[`CQEND#${before}`]).toBeGreaterThan(0);
    const monthEarlier = (d: string) => {
      const [y, m, day] = d.split('-').map(Number) as [number, number, number];
      return m === 1
        ? `${y - 1}-12-${String(day).padStart(2, '0')}`
        : `${y}-${String(m - 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    };
    const term = {
      startsOn: monthEarlier(contract.terms.term.startsOn),
      endsOn: monthEarlier(contract.terms.term.endsOn),
    };
    const after = endOf(term);
    expect(after).not.toBe(before);
    // A late fault five days before the previous quarter ended: a month earlier, that day falls in
    // the quarter after it, so a past quarter's cell must be re-filed as well
    const periods = quarterPeriods(contract.terms.term);
    const previous = periods[periods.findIndex((p) => p.endsOn === before) - 1];
    if (!previous)
      throw new Error(`the demo contract has no quarter before the one ending ${before}`);
    const day = new Date(Date.parse(`${previous.endsOn}T02:00:00Z`) - 5 * 86_400_000);
    const past = await report({
      severity: 'serious',
      channel: 'phone',
      title: '上季度末的报障',
      reportedAt: day.toISOString(),
    });
    expect(past.deductionIds).toHaveLength(1);
    const pastRows = await compareSummaryWithLedger();
    expect(
      pastRows.find((r) => r.hospitalId === 'whzx' && r.endsOn === previous.endsOn)?.amountFen,
    ).toBeGreaterThanOrEqual(188_000);

    // Act 1: the term moves a month earlier
    const moved = await stack.fetchAs(
      'admin@vendor.example',
      `/api/hospitals/whzx/contracts/${contract.id}`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ terms: { ...contract.terms, term }, version: contract.version }),
      },
    );
    expect(moved.status).toBe(200);
    await stack.streamDrained();
    // Assess 1: the same deductions, now filed under the new quarter's end day only
    const full = await compareWithFullRecompute();
    const afterMove = await filed();
    expect(afterMove[`CQEND#${after}`]).toBe(
      full.hospitals.find((h) => h.hospitalId === 'whzx')?.contractQuarters[0]?.deductionsFen,
    );
    expect(afterMove[`CQEND#${before}`] ?? 0).toBe(0);
    expect((await rollupTotalsOf(db, today())).contractQuartersFen).toBe(full.currentQuarterFen);
    await compareSummaryWithLedger();

    // Act 2: the contract is removed
    const stored = (await (
      await stack.fetchAs('admin@vendor.example', `/api/hospitals/whzx/contracts/${contract.id}`)
    ).json()) as { version: number };
    const removed = await stack.fetchAs(
      'admin@vendor.example',
      `/api/hospitals/whzx/contracts/${contract.id}?version=${stored.version}`,
      { method: 'DELETE' },
    );
    expect(removed.status).toBe(200);
    await stack.streamDrained();
    // Assess 2: its deductions left the totals; the calendar quarter (by report time) kept them
    const fullAfterRemoval = await compareWithFullRecompute();
    expect((await filed())[`CQEND#${after}`] ?? 0).toBe(0);
    expect((await rollupTotalsOf(db, today())).contractQuartersFen).toBe(
      fullAfterRemoval.currentQuarterFen,
    );
    expect((await rollupAt(db, keys.rollupCalendar('whzx', currentQuarter())))?.figures).toEqual(
      standing,
    );
    // Every quarter of it left the summary and its total
    expect((await compareSummaryWithLedger()).filter((r) => r.hospitalId === 'whzx')).toEqual([]);

    // Act 3: a minor fault of 江城第二人民医院, then the hospital is removed
    const reported = await stack.fetchAs('it@second.example', '/api/hospitals/jcey/tickets', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': 'rollups-removed-hospital',
      },
      body: JSON.stringify({
        kind: 'fault',
        severity: 'minor',
        title: '打印机卡纸',
        description: '门诊打印机卡纸',
      }),
    });
    expect(reported.status).toBe(201);
    await stack.streamDrained();
    const openBefore = (await rollupTotalsOf(db, today())).open;
    const hospital = (await (
      await stack.fetchAs('admin@vendor.example', '/api/hospitals/jcey')
    ).json()) as { version: number };
    const gone = await stack.fetchAs(
      'admin@vendor.example',
      `/api/hospitals/jcey?version=${hospital.version}`,
      {
        method: 'DELETE',
      },
    );
    expect(gone.status).toBe(200);
    await stack.streamDrained();
    // Assess 3: its open fault left the vendor's totals, which are the full recompute's again
    // (whose calendar check, too, no longer counts the removed hospital's contract)
    const openAfter = (await rollupTotalsOf(db, today())).open;
    expect(openAfter.minor).toBe(openBefore.minor - 1);
    const fullAfter = await compareWithFullRecompute();
    expect(fullAfter.hospitals.map((h) => h.hospitalId)).not.toContain('jcey');
    const summaryAfter = await compareSummaryWithLedger();
    expect(summaryAfter.map((r) => r.hospitalId)).not.toContain('jcey');
  });
});
