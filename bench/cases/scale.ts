import { demoHospitalId } from '@weibao/local';
import {
  allHospitals,
  allPages,
  contractById,
  contractItem,
  hospitalById,
  hospitalItem,
  ticketItem,
  type MeteredRequest,
} from '@weibao/store';
import { monotonicFactory } from 'ulid';
import { batchPut } from '../batch-put.ts';
import { demoContractId, users, type BenchStack } from '../bench-stack.ts';
import type { CaseResult, Figure } from '../result.ts';
import { quantile, ratio, round } from '../stats.ts';
import { benchTicket } from './list-scaling.ts';

const yearMs = 365 * 24 * 3600_000;

/** The first page of each vendor-wide view, as the web app asks for it. */
export const scaleViews = [
  { id: 'overview', path: '/api/overview?limit=10' },
  { id: 'queue', path: '/api/queue?limit=50' },
  // 工单查询 across hospitals: the first page, and a search no ticket matches (it reads its budget)
  { id: 'ticket-search', path: '/api/tickets?limit=50' },
  {
    id: 'ticket-search-nothing',
    path: `/api/tickets?q=${encodeURIComponent('无此工单')}&limit=50`,
  },
] as const;

interface ViewCost {
  p50: number;
  p90: number;
  requests: number;
  readUnits: number;
}

/** DynamoDB Local reports 0 for a read that finds nothing; AWS bills every read at least 0.5. */
const billedRead = (r: MeteredRequest) => (r.kind === 'read' ? Math.max(0.5, r.capacityUnits) : 0);

/**
 * Adds hospitals `from`..`to - 1` (ids bench-s0001…), each a copy of the demo hospital with a
 * contract like the demo's and `tickets` tickets spread over the last year, ten of them still open
 * with deadlines in the coming days (so the queue holds every hospital, and a full first page).
 */
export async function addHospitals(
  b: BenchStack,
  from: number,
  to: number,
  tickets: number,
): Promise<{ writeMs: number; settleMs: number }> {
  const hospital = await hospitalById(b.db, demoHospitalId);
  const contract = await contractById(b.db, demoHospitalId, demoContractId);
  if (!hospital || !contract) throw new Error('the demo hospital or its contract is missing');
  const ulid = monotonicFactory();
  const now = Date.now();
  const items = function* () {
    for (let h = from; h < to; h += 1) {
      const hospitalId = `bench-s${String(h).padStart(4, '0')}`;
      const contractId = ulid(now - yearMs);
      yield hospitalItem({ ...hospital, id: hospitalId, name: `基准医院${h}` });
      yield contractItem({ ...contract, id: contractId, hospitalId });
      for (let i = 0; i < tickets; i += 1) {
        const at = now - yearMs + Math.floor(((i + 0.5) / tickets) * yearMs * 0.95);
        const reportedAt = new Date(at).toISOString();
        const t = { ...benchTicket(hospitalId, ulid(at), h * tickets + i, reportedAt), contractId };
        yield ticketItem(
          i % Math.ceil(tickets / 10) === 0
            ? {
                ...t,
                status: 'responded',
                resolvedAt: null,
                closedAt: null,
                nextDeadline: new Date(now + ((h * 7919 + i) % 7200) * 60_000).toISOString(),
              }
            : t,
        );
      }
    }
  };
  return batchPut(b, items());
}

async function measure(b: BenchStack, runs: number): Promise<Record<string, ViewCost>> {
  const out: Record<string, ViewCost> = {};
  for (const view of scaleViews) {
    const times: number[] = [];
    // The first calls warm the JIT of the handler and DynamoDB Local; they are not counted.
    for (let i = 0; i < runs + 10; i += 1) {
      const r = await b.call(users.admin, 'GET', view.path);
      if (r.status !== 200) throw new Error(`${view.path} answered ${r.status}`);
      if (i >= 10) times.push(r.ms);
    }
    const { requests } = await b.metered(() => b.call(users.admin, 'GET', view.path));
    out[view.id] = {
      p50: round(quantile(times, 0.5), 1),
      p90: round(quantile(times, 0.9), 1),
      requests: requests.length,
      readUnits: round(
        requests.reduce((s, r) => s + billedRead(r), 0),
        1,
      ),
    };
  }
  return out;
}

/**
 * The overview's and the queue's first page with `small` and then `large` hospitals in the table,
 * each with a year of tickets. A view that reads one page whatever the table holds (the queue's
 * shards; the overview's rollups) costs the same at both, so the limit of each figure
 * is the same view at `small` hospitals (issue 19: ≤ 1.2×).
 */
export async function benchScale(
  b: BenchStack,
  opts: {
    small: number;
    large: number;
    ticketsPerHospital: number;
    runs: number;
  },
): Promise<CaseResult> {
  // The demo data's hospitals count toward `small`.
  const demoHospitals = (
    await allPages((cursor) => allHospitals(b.db, { limit: 100, ...(cursor ? { cursor } : {}) }))
  ).length;
  const smallFill = await addHospitals(
    b,
    1,
    opts.small - demoHospitals + 1,
    opts.ticketsPerHospital,
  );
  const small = await measure(b, opts.runs);
  const largeFill = await addHospitals(
    b,
    opts.small - demoHospitals + 1,
    opts.large - demoHospitals + 1,
    opts.ticketsPerHospital,
  );
  const large = await measure(b, opts.runs);
  const figures: Figure[] = scaleViews.flatMap((view) => {
    const s = small[view.id] as ViewCost;
    const l = large[view.id] as ViewCost;
    const name = (what: string) =>
      `${view.id} ${what} at ${opts.large.toLocaleString('en')} hospitals`;
    const note = `first page (${view.path}); limit: the same at ${opts.small} hospitals (goal ≤ 1.2×)`;
    return [
      {
        case: 'scale',
        name: name('p50'),
        measured: l.p50,
        limit: s.p50,
        unit: 'ms',
        ratio: ratio(l.p50, s.p50),
        note,
      },
      {
        case: 'scale',
        name: name('read units'),
        measured: l.readUnits,
        limit: s.readUnits,
        unit: 'RCU',
        ratio: ratio(l.readUnits, s.readUnits),
        note: `${note}; ${l.requests} vs ${s.requests} DynamoDB requests`,
      },
    ];
  });
  return {
    figures,
    details: {
      ticketsPerHospital: opts.ticketsPerHospital,
      tickets: opts.large * opts.ticketsPerHospital,
      fillMs: round(smallFill.writeMs + largeFill.writeMs, 0),
      // How long the stream's rollups took to follow the large fill's BatchWrites.
      rollupsSettleMs: round(largeFill.settleMs, 0),
      small: { hospitals: opts.small, ...small },
      large: { hospitals: opts.large, ...large },
    },
  };
}
