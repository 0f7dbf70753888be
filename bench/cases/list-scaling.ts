import { ticketItem, type TicketRecord } from '@weibao/store';
import { monotonicFactory } from 'ulid';
import { batchPut } from '../batch-put.ts';
import { users, type BenchStack } from '../bench-stack.ts';
import type { CaseResult, Figure } from '../result.ts';
import { quantile, ratio, round } from '../stats.ts';

const yearMs = 365 * 24 * 3600_000;

/** A closed ticket as the API would have stored it, for hospital `hospitalId`. */
export function benchTicket(
  hospitalId: string,
  id: string,
  n: number,
  reportedAt: string,
): TicketRecord {
  return {
    id,
    hospitalId,
    contractId: '01KAW00000000000000000WHZX',
    number: `B${hospitalId.slice(-3).toUpperCase()}-2026-${String(n).padStart(5, '0')}`,
    kind: 'fault',
    severity: 'minor',
    severityConfirmed: true,
    channel: 'email',
    subsystemId: 's1',
    title: `医嘱打印格式错位（基准数据 ${n}）`,
    description: '住院医生站打印长期医嘱单时，第二页表头错位。科室已改用手工补打，影响不大。',
    reporter: { name: '刘洋', email: 'liu@whch.example', phone: null, sub: null },
    reportedAt,
    assignee: { sub: 'engineer', email: 'engineer@vendor.example', name: '王工' },
    status: 'closed',
    respondedAt: reportedAt,
    onSiteRequestedAt: null,
    onSiteAt: null,
    resolvedAt: reportedAt,
    closedAt: reportedAt,
    resolutionTargetAt: null,
    attribution: null,
    nextDeadline: null,
    slaMarks: [],
    deductionIds: [],
    pendingEscalations: [],
    flags: [],
    lastEventSeq: 5,
    version: 5,
    createdAt: reportedAt,
    updatedAt: reportedAt,
    deletedAt: null,
  };
}

/** Writes `count` tickets spread evenly over the hospitals, 25 per BatchWriteItem, 8 at a time. */
async function fill(
  b: BenchStack,
  hospitals: string[],
  count: number,
  offset: number,
): Promise<number> {
  const ulid = monotonicFactory();
  const now = Date.now();
  const items = function* () {
    for (let i = 0; i < count; i += 1) {
      const at = now - yearMs + Math.floor(((offset + i) / (offset + count)) * yearMs * 0.9);
      const h = hospitals[i % hospitals.length] as string;
      yield ticketItem(benchTicket(h, ulid(at), offset + i, new Date(at).toISOString()));
    }
  };
  return (await batchPut(b, items())).writeMs;
}

async function listLatencies(b: BenchStack, runs: number): Promise<number[]> {
  const times: number[] = [];
  // The first lists warm the JIT of both the handler and DynamoDB Local; they are not counted.
  const warmUp = 30;
  for (let i = 0; i < runs + warmUp; i += 1) {
    const r = await b.call(users.hospitalIt, 'GET', '/api/hospitals/whzx/tickets');
    if (r.status !== 200) throw new Error(`ticket list answered ${r.status}`);
    if (i >= warmUp) times.push(r.ms);
  }
  return times;
}

/**
 * A hospital's ticket list (first page) with `small` and then `large` tickets in the table across
 * `hospitals` hospitals (whzx among them). A Query of one partition reads one page whatever the
 * table holds, so the latency should not grow: the limit is the small table's own latency.
 */
export async function benchListScaling(
  b: BenchStack,
  opts: { small: number; large: number; hospitals: number },
): Promise<CaseResult> {
  const hospitals = [
    'whzx',
    ...Array.from(
      { length: opts.hospitals - 1 },
      (_, i) => `bench-h${String(i + 1).padStart(3, '0')}`,
    ),
  ];
  const runs = 100;
  const smallFillMs = await fill(b, hospitals, opts.small, 0);
  const small = await listLatencies(b, runs);
  const largeFillMs = await fill(b, hospitals, opts.large - opts.small, opts.small);
  const large = await listLatencies(b, runs);
  const figures: Figure[] = [0.5, 0.99].map((q) => ({
    case: 'scaling',
    name: `ticket list p${q * 100} with ${opts.large.toLocaleString('en')} tickets in ${opts.hospitals} hospitals`,
    measured: round(quantile(large, q), 1),
    limit: round(quantile(small, q), 1),
    unit: 'ms',
    ratio: ratio(quantile(large, q), quantile(small, q)),
    note: `${runs} sequential lists of whzx; limit: the same list with ${opts.small.toLocaleString('en')} tickets in the table (should not grow)`,
  }));
  return {
    figures,
    details: {
      small: {
        tickets: opts.small,
        p50: quantile(small, 0.5),
        p99: quantile(small, 0.99),
        fillMs: round(smallFillMs, 0),
      },
      large: {
        tickets: opts.large,
        p50: quantile(large, 0.5),
        p99: quantile(large, 0.99),
        fillMs: round(largeFillMs, 0),
      },
      writeRate: round(((opts.large - opts.small) / largeFillMs) * 1000, 0),
    },
  };
}
