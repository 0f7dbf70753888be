import {
  DeleteScheduleCommand,
  ListSchedulesCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import {
  allHospitals,
  auditRecordsOfHospital,
  noticesOfHospital,
  contractById,
  contractsOfHospital,
  eventsOfTicket,
  hospitalById,
  keys,
  ledgerOfContract,
  openTicketsByNextDeadline,
  rollupQuarterEndsFen,
  rollupsAt,
  ticketById,
  ticketsOfHospital,
  type MeteredRequest,
} from '@weibao/store';
import { quarterPeriods } from '@weibao/domain';
import { demoContractId, phoneReport, users, type BenchStack, type Call } from '../bench-stack.ts';
import { minimumRequests } from '../minimum-requests.ts';
import type { CaseResult, Figure } from '../result.ts';
import { median, ratio, round } from '../stats.ts';

/** What one API operation cost in DynamoDB, as measured, and its floor. */
export interface OperationCost {
  operation: string;
  requests: number;
  commands: string[];
  readUnits: number;
  writeUnits: number;
  /** Of writeUnits, those of TransactWriteItems (AWS bills them twice; DynamoDB Local does not). */
  transactWriteUnits: number;
  minimumRequests: number;
  minimumReadUnits: number;
  minimumWriteUnits: number;
  /** Of minimumWriteUnits, those of the TransactWriteItems. */
  minimumTransactWriteUnits: number;
  /** Median wall time of the HTTP call through the local server (handler + DynamoDB Local). */
  ms: number;
}

/** DynamoDB Local reports 0 for a read that finds nothing; AWS bills every read at least 0.5. */
const billed = (r: MeteredRequest) =>
  r.kind === 'read' ? Math.max(0.5, r.capacityUnits) : r.capacityUnits;

const sum = (rs: MeteredRequest[], f: (r: MeteredRequest) => boolean) =>
  round(
    rs.filter(f).reduce((s, r) => s + billed(r), 0),
    2,
  );

interface Operation {
  id: string;
  /** Unmetered setup of one run (a fresh ticket, the current version); its answer goes to run. */
  prepare?: () => Promise<string | number>;
  /** The operation itself, metered. */
  run: (prepared: string | number) => Promise<Call>;
  /** The reads of the minimum, sent straight to DynamoDB, for the capacity floor. */
  minimalReads: () => Promise<unknown>;
  reps: number;
}

function ticketIdOf(c: Call): string {
  const id = (c.body as { ticket?: { id?: string } } | null)?.ticket?.id;
  if (c.status >= 300 || !id)
    throw new Error(`expected a ticket, got ${c.status} ${JSON.stringify(c.body)}`);
  return id;
}

export async function benchDynamoDbRequests(b: BenchStack): Promise<CaseResult> {
  const { db, call } = b;
  const h = 'whzx';
  const report = (title: string, agoMs = 60_000, severity = 'serious') =>
    phoneReport(b, title, agoMs, severity);
  const ticketId = ticketIdOf(await report('基准工单'));
  for (let i = 0; i < 4; i += 1) {
    const t = await ticketById(db, h, ticketId, true);
    await call(users.engineer, 'POST', `/api/hospitals/${h}/tickets/${ticketId}/events`, {
      type: 'comment',
      version: t?.version,
      text: `备注 ${i}`,
      visibility: 'public',
    });
  }
  const scheduler = new SchedulerClient({
    endpoint: b.stack.urls.scheduler,
    region: b.stack.env.region,
    credentials: b.stack.env.credentials,
  });
  const group = b.stack.env.timers.scheduleGroup;
  // A ticket whose response deadline has just passed, with its schedules removed so that only
  // the benchmark delivers the timer event.
  const dueTicket = async () => {
    const id = ticketIdOf(await report('超时基准', 60 * 60_000 - 1_000, 'fatal'));
    const listed = await scheduler.send(
      new ListSchedulesCommand({ GroupName: group, NamePrefix: `sla-${id}` }),
    );
    for (const s of listed.Schedules ?? [])
      await scheduler.send(new DeleteScheduleCommand({ GroupName: group, Name: s.Name }));
    await new Promise((r) => setTimeout(r, 1_200));
    return id;
  };
  const { handler: slaTimer } = (await import('../../functions/timers/sla-timer.ts')) as {
    handler: (e: unknown, c: unknown) => Promise<{ outcome: string }>;
  };
  const fire = async (id: string): Promise<Call> => {
    const started = performance.now();
    const out = await slaTimer(
      {
        kind: 'sla-timer',
        hospitalId: h,
        ticketId: id,
        clock: 'response',
        point: 'breach',
        at: new Date().toISOString(),
      },
      {},
    );
    return { status: 200, body: out, ms: performance.now() - started };
  };
  let breached = '';
  const year = new Date().getUTCFullYear();
  const ticketPath = `/api/hospitals/${h}/tickets/${ticketId}`;

  const operations: Operation[] = [
    {
      id: 'getHospital',
      reps: 5,
      run: () => call(users.admin, 'GET', `/api/hospitals/${h}`),
      minimalReads: () => hospitalById(db, h),
    },
    {
      id: 'listHospitals',
      reps: 5,
      run: () => call(users.admin, 'GET', '/api/hospitals'),
      minimalReads: () => allHospitals(db, {}),
    },
    {
      id: 'getContract',
      reps: 5,
      run: () => call(users.admin, 'GET', `/api/hospitals/${h}/contracts/${demoContractId}`),
      minimalReads: () => contractById(db, h, demoContractId),
    },
    {
      id: 'listContracts',
      reps: 5,
      run: () => call(users.admin, 'GET', `/api/hospitals/${h}/contracts`),
      minimalReads: () => contractsOfHospital(db, h, {}),
    },
    {
      id: 'listTickets',
      reps: 5,
      run: () => call(users.hospitalIt, 'GET', `/api/hospitals/${h}/tickets`),
      minimalReads: () => ticketsOfHospital(db, h, {}),
    },
    {
      id: 'getTicket',
      reps: 5,
      run: () => call(users.hospitalIt, 'GET', ticketPath),
      minimalReads: () => ticketById(db, h, ticketId),
    },
    {
      id: 'listTicketEvents',
      reps: 5,
      run: () => call(users.hospitalIt, 'GET', `${ticketPath}/events`),
      minimalReads: () => eventsOfTicket(db, h, ticketId),
    },
    {
      id: 'getVendorQueue',
      reps: 5,
      run: () => call(users.engineer, 'GET', '/api/queue'),
      minimalReads: () => openTicketsByNextDeadline(db, {}),
    },
    {
      id: 'createTicket',
      reps: 3,
      run: () => report('新建基准'),
      minimalReads: () => Promise.all([hospitalById(db, h), contractById(db, h, demoContractId)]),
    },
    {
      id: 'postComment',
      reps: 3,
      prepare: async () => (await ticketById(db, h, ticketId, true))?.version ?? 0,
      run: (version) =>
        call(users.engineer, 'POST', `${ticketPath}/events`, {
          type: 'comment',
          version,
          text: '基准备注',
          visibility: 'internal',
        }),
      // The ticket, and its audit lane head (versioned-write.ts reads it before the transaction).
      minimalReads: () =>
        Promise.all([ticketById(db, h, ticketId), ticketById(db, h, ticketId, true)]),
    },
    {
      id: 'postResponse',
      reps: 3,
      // The version the create answered: a new serious ticket's notice (outbox) moved it past 1.
      prepare: async () => {
        const created = await report('响应基准');
        const version = (created.body as { ticket: { version: number } }).ticket.version;
        return `${ticketIdOf(created)}@${version}`;
      },
      run: (prepared) =>
        call(
          users.engineer,
          'POST',
          `/api/hospitals/${h}/tickets/${String(prepared).split('@')[0]}/events`,
          {
            type: 'response',
            version: Number(String(prepared).split('@')[1]),
            text: '已收到，正在处理',
          },
        ),
      minimalReads: () =>
        Promise.all([
          ticketById(db, h, ticketId),
          contractById(db, h, demoContractId),
          ticketById(db, h, ticketId, true),
        ]),
    },
    {
      id: 'slaTimerBreach',
      reps: 2,
      prepare: async () => (breached = await dueTicket()),
      run: (id) => fire(String(id)),
      minimalReads: () =>
        Promise.all([
          ticketById(db, h, breached, true),
          contractById(db, h, demoContractId),
          ticketById(db, h, breached, true),
        ]),
    },
    {
      id: 'slaTimerRepeat',
      reps: 3,
      run: () => fire(breached),
      minimalReads: () => ticketById(db, h, breached, true),
    },
    {
      id: 'listLedger',
      reps: 5,
      run: () => call(users.admin, 'GET', `/api/hospitals/${h}/contracts/${demoContractId}/ledger`),
      minimalReads: () => ledgerOfContract(db, h, demoContractId, {}),
    },
    {
      id: 'listAuditRecords',
      reps: 5,
      run: () => call(users.hospitalIt, 'GET', `/api/hospitals/${h}/audit`),
      minimalReads: () => auditRecordsOfHospital(db, h, {}),
    },
    {
      id: 'listAdvanceNotices',
      reps: 5,
      run: () => call(users.hospitalIt, 'GET', `/api/hospitals/${h}/advance-notices`),
      minimalReads: () => noticesOfHospital(db, h, {}),
    },
    {
      id: 'getDeductionSummary',
      reps: 5,
      run: () =>
        call(users.admin, 'GET', `/api/deductions/summary?from=${year}-01-01&to=${year}-12-31`),
      // The hospitals' page, each one's contracts, its quarters' cells, the total's 8 shards.
      minimalReads: async () => {
        const from = `${year}-01-01`;
        const to = `${year}-12-31`;
        const hospitals = (await allHospitals(db, { limit: 20 })).items;
        const cells = [];
        for (const hospital of hospitals)
          for (const c of (await contractsOfHospital(db, hospital.id, { limit: 100 })).items)
            for (const p of quarterPeriods(c.terms.term))
              if (from <= p.endsOn && p.endsOn <= to)
                cells.push(keys.rollupContractQuarter(hospital.id, c.id, p.index));
        await rollupsAt(db, cells);
        await rollupQuarterEndsFen(db, from, to);
      },
    },
  ];

  const costs: OperationCost[] = [];
  for (const op of operations) {
    const minimum = minimumRequests[op.id];
    if (!minimum) throw new Error(`no minimum stated for ${op.id} in bench/minimum-requests.ts`);
    const times: number[] = [];
    let last: MeteredRequest[] = [];
    for (let i = 0; i < op.reps; i += 1) {
      const prepared = op.prepare ? await op.prepare() : '';
      const { value, requests } = await b.metered(() => op.run(prepared));
      if (value.status >= 300)
        throw new Error(`${op.id}: ${value.status} ${JSON.stringify(value.body)}`);
      times.push(value.ms);
      last = requests;
    }
    const floor = await b.metered(op.minimalReads);
    const writeFloor = last.filter(
      (r, i) =>
        r.kind === 'write' &&
        minimum.requests.includes(r.command) &&
        last.findIndex((x) => x.command === r.command) === i,
    );
    costs.push({
      operation: op.id,
      requests: last.length,
      commands: last.map((r) => r.command),
      readUnits: sum(last, (r) => r.kind === 'read'),
      writeUnits: sum(last, (r) => r.kind === 'write'),
      transactWriteUnits: sum(last, (r) => r.command === 'TransactWriteItems'),
      minimumRequests: minimum.requests.length,
      minimumReadUnits: sum(floor.requests, (r) => r.kind === 'read'),
      minimumWriteUnits: sum(writeFloor, () => true),
      minimumTransactWriteUnits: sum(writeFloor, (r) => r.command === 'TransactWriteItems'),
      ms: round(median(times), 1),
    });
  }
  scheduler.destroy();

  const figures: Figure[] = costs.flatMap((c) => {
    const units = c.readUnits + c.writeUnits;
    const floorUnits = c.minimumReadUnits + c.minimumWriteUnits;
    return [
      {
        case: 'dynamodb',
        name: `${c.operation}: DynamoDB requests`,
        measured: c.requests,
        limit: c.minimumRequests,
        unit: 'requests',
        ratio: ratio(c.requests, c.minimumRequests),
        note: `${c.commands.join(', ')}; minimum: ${minimumRequests[c.operation]?.requests.join(' + ')}`,
      },
      {
        case: 'dynamodb',
        name: `${c.operation}: capacity units`,
        measured: round(units, 2),
        limit: round(floorUnits, 2),
        unit: 'RCU+WCU',
        ratio: ratio(units, floorUnits),
        note: 'ReturnConsumedCapacity TOTAL; limit: the minimum requests’ own capacity, same items',
      },
    ];
  });
  return { figures, details: { operations: costs, minimums: minimumRequests } };
}
