/**
 * The load on each vendor-wide partition (a partition key shared by every hospital, in the table
 * or gsi1) in the busiest second, at a number of hospitals, against what one partition serves
 * (issue 19, "no single-valued hot partition"). A model on paper, like limits.ts: counts per
 * hospital-month from the workload (bench/workload.ts) and the assumptions below, item sizes
 * measured on `npm start`'s demo data, read and write units by DynamoDB's rules. The table in
 * docs/performance.md ("Vendor-wide partitions at three scales") is its output:
 *
 *   npx tsx bench/partitions.ts 50 1000 10000
 */
import { hospitalPartitionsAtMost } from '@weibao/store/sharded-page';
import { ticketSearchReadAtMost } from '@weibao/store/ticket-search';
import { peak } from './limits.ts';
import { hospitalMonth } from './workload.ts';

type Workload = typeof hospitalMonth;

/**
 * What one partition serves a second, whatever the table's mode: "each individual partition is
 * limited to 1000 write units per second and 3000 read units per second"
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput-scenarios.html).
 */
export const partitionLimit = { rcu: 3_000, wcu: 1_000 };

/**
 * Bytes of one stored item (gsi1 projects ALL, so an index entry is the whole item). Measured
 * 2026-12-06 by scanning the table of `npm start` (demo data, three reported faults) and adding
 * up attribute names and values: the largest of each type, rounded up. The ledger entry, the
 * quarantined message and the digest mark had no item in the demo data: assumed.
 */
export const itemBytes = {
  ticket: 1_800,
  obligation: 1_400,
  hospital: 350,
  contract: 9_500,
  intakeAddress: 80,
  /** assumed: a deduction with its rule, amount and one dispute */
  ledgerEntry: 1_000,
  /** assumed: the envelope, verdicts and the object's key, not the message */
  quarantinedMail: 1_500,
  /** assumed: a day, a recipient and a TTL */
  digestMark: 100,
};

/** Assumptions of the vendor's side and of the records behind the vendor-wide lists. */
export const vendorWide = {
  /** A support engineer is limited to this many hospitals (the assignments); the vendor's staff is hospitals / this. */
  hospitalsPerEngineer: 25,
  /** Vendor people with an unlimited view (admins, service managers): at least this many, or one per 100 hospitals. */
  unlimitedStaff: { least: 2, perHospitals: 100 },
  /**
   * A vendor person's list on screen is read once a minute in the busiest hour: the web app's
   * 60 s refresh of the queue, or a page opened. The hospitals it names are read by id
   * (web/src/api/queries.ts useHospitalNames: BatchGetItem of their own keys, no shared partition).
   */
  viewsPerMinute: 1,
  /**
   * A vendor person searches the hospitals (a picker, the hospital list) once in ten minutes in
   * the busiest hour; a search that finds less than a page reads the whole partition.
   */
  hospitalSearchesPerMinute: 0.1,
  /**
   * A vendor person with an unlimited view runs 工单查询 once in ten minutes in the busiest hour;
   * a search that finds less than a page reads its budget (`ticketSearchReadAtMost` tickets) over
   * the shards. An engineer's reads their hospitals' own ticket partitions, not the shards.
   */
  ticketSearchesPerMinute: 0.1,
  /** A page of a vendor list (the queue's and the obligations' limit in the web app). */
  pageItems: 50,
  /** Open tickets a hospital has at a time (the scale bench's 8 of 24). */
  openTicketsPerHospital: 8,
  /** Open obligations overdue or due within 7 days, per hospital (40 a contract year, some late). */
  obligationsDuePerHospital: 2,
  /** Writes of an obligation's index entry a month: 40 a year, each planned, reminded, proven and done (4), and re-planned now and then. */
  obligationWritesPerMonth: 20,
  /** Writes of ledger entries a hospital-month: the entries and their disputes' changes. */
  ledgerWritesPerMonth: 30,
  /** Share of inbound mail that finds no hospital or fails a verdict (quarantined). */
  quarantinedShareOfInbound: 0.05,
};

export interface PartitionLoad {
  partition: string;
  where: 'table' | 'gsi1' | 'gsi4' | 'gsi5';
  /** Read units a second in the busiest second (of one shard, for a sharded list). */
  rcu: number;
  /** Write units a second in the busiest second (of one shard). */
  wcu: number;
  /** Items one read of a screen's page reads (the latency grows with it), where a screen reads it. */
  itemsPerView?: number;
  /** A read that is not a screen's but still grows with the hospitals: what one of it reads. */
  note?: string;
}

/** Read units of a Query or GetItem reading `bytes` (eventually consistent: half a unit per 4 KB). */
export const readUnits = (bytes: number, consistent = false) =>
  Math.ceil(Math.max(1, bytes) / 4096) * (consistent ? 1 : 0.5);
/** Write units of writing one item of `bytes` (1 KB each). */
export const writeUnits = (bytes: number) => Math.ceil(bytes / 1024);

export function partitionLoads(
  hospitals: number,
  w: Workload = hospitalMonth,
  a: typeof vendorWide = vendorWide,
): PartitionLoad[] {
  const workingSeconds = w.polling.workingHoursPerMonth * 3600;
  /** Events a hospital has `perMonth` times, all hospitals, in the busiest second. */
  const perSecond = (perMonth: number) => (hospitals * perMonth * peak.tabsFactor) / workingSeconds;
  const engineers = Math.ceil(hospitals / a.hospitalsPerEngineer);
  const unlimited = Math.max(
    a.unlimitedStaff.least,
    Math.ceil(hospitals / a.unlimitedStaff.perHospitals),
  );
  const viewsPerSecond = (people: number) => (people * a.viewsPerMinute * peak.tabsFactor) / 60;
  /**
   * A page of a vendor list: an unlimited person reads a page of the vendor-wide partition. An
   * engineer limited to some hospitals (at most `hospitalPartitionsAtMost`) reads each of their
   * hospitals' own partition of gsi4 in small reads (store sharded-page.ts: a page plus about one
   * read ahead of `page / hospitals + 1` items per hospital), not the vendor-wide one.
   */
  const perHospital = a.hospitalsPerEngineer;
  const limitedFromOwn = perHospital <= hospitalPartitionsAtMost;
  const readAhead = Math.ceil(a.pageItems / perHospital) + 1;
  const listReads = (listItems: number, bytes: number, shards = 1) => {
    const theirs = Math.min(listItems, (listItems / hospitals) * perHospital);
    const limitedItems = limitedFromOwn
      ? Math.min(theirs, a.pageItems) + perHospital * readAhead
      : Math.min(listItems, a.pageItems * Math.max(1, hospitals / perHospital));
    const limitedRcu = limitedFromOwn
      ? 0 // on the hospitals' own partitions: the row of one hospital's gsi4 below
      : viewsPerSecond(engineers) * readUnits(limitedItems * bytes);
    const rcu =
      (limitedRcu +
        viewsPerSecond(unlimited) * readUnits(Math.min(listItems, a.pageItems) * bytes)) /
      shards;
    return { rcu, itemsPerView: Math.ceil(limitedItems) };
  };
  /** One hospital's own partition of gsi4: its engineer's views, at most the whole page from it (its outage), in reads of a read ahead. */
  const ownReads = (bytes: number) =>
    viewsPerSecond(1) * readUnits(readAhead * bytes) * (a.pageItems / readAhead);

  const queueShards = 8;
  const searchShards = 8;
  /** A filtered page of 工单查询 reads each shard about 100 / shards + 1 tickets at a time. */
  const searchChunk = Math.ceil(100 / searchShards) + 1;
  const queue = listReads(hospitals * a.openTicketsPerHospital, itemBytes.ticket, queueShards);
  const obligations = listReads(hospitals * a.obligationsDuePerHospital, itemBytes.obligation);
  const ticketWrites = ['createTicket', 'postResponse', 'postComment', 'slaTimerBreach'].reduce(
    (sum, op) => sum + (w.operations[op] ?? 0),
    0,
  );
  const staff = engineers + unlimited;
  const inbound = w.email.inbound;
  const digestBytes = hospitals * a.obligationsDuePerHospital * itemBytes.obligation;
  return [
    {
      partition: `QUEUE#<0–${queueShards - 1}> (one shard)`,
      where: 'gsi1',
      rcu: queue.rcu,
      wcu: (perSecond(ticketWrites) * writeUnits(itemBytes.ticket)) / queueShards,
      itemsPerView: queue.itemsPerView,
    },
    {
      partition: 'H#<hospital>#QUEUE (one hospital)',
      where: 'gsi4',
      rcu: ownReads(itemBytes.ticket),
      wcu: (perSecond(ticketWrites) * writeUnits(itemBytes.ticket)) / hospitals,
    },
    {
      partition: `TICKETS#<0–${searchShards - 1}> (one shard)`,
      where: 'gsi5',
      // store ticket-search.ts: each shard read newest first in reads of `searchChunk` tickets
      rcu:
        ((unlimited * a.ticketSearchesPerMinute * peak.tabsFactor) / 60) *
        Math.ceil(ticketSearchReadAtMost / searchShards / searchChunk) *
        readUnits(searchChunk * itemBytes.ticket),
      // every ticket kept has its entry, closed ones too
      wcu: (perSecond(ticketWrites) * writeUnits(itemBytes.ticket)) / searchShards,
      itemsPerView: ticketSearchReadAtMost,
    },
    {
      partition: 'OBLIGATIONS_OPEN',
      where: 'gsi1',
      rcu: obligations.rcu,
      wcu: perSecond(a.obligationWritesPerMonth) * writeUnits(itemBytes.obligation),
      itemsPerView: obligations.itemsPerView,
      note: `the daily digest reads all ${fmtBytes(digestBytes)} of it in 1 MB pages, one after another (${readUnits(Math.min(digestBytes, 1 << 20))} read units each)`,
    },
    {
      partition: 'H#<hospital>#OBLIGATIONS_OPEN (one hospital)',
      where: 'gsi4',
      rcu: ownReads(itemBytes.obligation),
      wcu: (perSecond(a.obligationWritesPerMonth) * writeUnits(itemBytes.obligation)) / hospitals,
    },
    {
      partition: 'HOSPITALS',
      where: 'gsi1',
      // A search on the server (web/src/components/hospital-select.tsx, the hospital list) that
      // finds less than a page reads on to the partition's end, in Query pages of up to 1 MB.
      rcu:
        ((staff * a.hospitalSearchesPerMinute * peak.tabsFactor) / 60) *
        readUnits(hospitals * itemBytes.hospital),
      wcu: perSecond(1 / 12) * writeUnits(itemBytes.hospital),
      itemsPerView: hospitals,
    },
    {
      partition: 'LEDGER',
      where: 'gsi1',
      rcu: 0,
      wcu: perSecond(a.ledgerWritesPerMonth) * writeUnits(itemBytes.ledgerEntry),
      note: 'no request reads it: the deduction summary (GET /api/deductions/summary) reads the rollups; only the overview recomputed from every record, the rollups’ reference in tests, reads it',
    },
    {
      partition: 'CONTRACTS_BY_END',
      where: 'gsi1',
      rcu: 0,
      wcu: perSecond(1 / 12) * writeUnits(itemBytes.contract),
      note: 'read by the daily jobs (calendar years, renewals) a few items at a time',
    },
    {
      partition: 'INTAKE_ADDRESSES',
      where: 'table',
      // One GetItem per message, and one hospital's outage: its 200 reports mailed in a second.
      rcu: (perSecond(inbound) + peak.outageReports) * readUnits(itemBytes.intakeAddress, true),
      wcu: perSecond(1 / 12) * writeUnits(itemBytes.intakeAddress),
    },
    {
      partition: 'MAIL_QUARANTINE + QUARANTINE_WAITING',
      where: 'table',
      rcu: viewsPerSecond(unlimited) * readUnits(a.pageItems * itemBytes.quarantinedMail),
      // the message and its waiting index entry; deciding it writes it again
      wcu:
        perSecond(inbound * a.quarantinedShareOfInbound) *
        2 *
        writeUnits(itemBytes.quarantinedMail),
    },
    {
      partition: 'DIGESTS',
      where: 'table',
      rcu: 0,
      // one mark a manager a day, written by the digest run within about a minute
      wcu: (unlimited * writeUnits(itemBytes.digestMark)) / 60,
    },
  ];
}

const fmtBytes = (b: number) =>
  b >= 1 << 20 ? `${(b / (1 << 20)).toFixed(1)} MB` : `${Math.ceil(b / 1024)} KB`;

const pct = (part: number, whole: number) => {
  const p = (100 * part) / whole;
  return p >= 10
    ? `${Math.round(p).toLocaleString('en-US')} %`
    : p >= 0.1
      ? `${p.toFixed(1)} %`
      : p > 0
        ? '< 0.1 %'
        : '0';
};

/** The Markdown table of docs/performance.md at these scales. */
export function partitionTable(scales: readonly number[]): string {
  const head = `| partition | ${scales.map((n) => `${n.toLocaleString('en-US')} hospitals`).join(' | ')} |`;
  const rule = `| --- | ${scales.map(() => '---:').join(' | ')} |`;
  const byScale = scales.map((n) => partitionLoads(n));
  const rows = (byScale[0] ?? []).map((first, i) => {
    const cells = byScale.map((loads) => {
      const l = loads[i] as PartitionLoad;
      const view =
        l.itemsPerView !== undefined ? ` (${l.itemsPerView.toLocaleString('en-US')})` : '';
      return `${pct(l.rcu, partitionLimit.rcu)} / ${pct(l.wcu, partitionLimit.wcu)}${view}`;
    });
    return `| ${first.where} \`${first.partition}\` | ${cells.join(' | ')} |`;
  });
  const notes = (byScale.at(-1) ?? [])
    .filter((l) => l.note)
    .map(
      (l) =>
        `- \`${l.partition}\` at ${(scales.at(-1) ?? 0).toLocaleString('en-US')} hospitals: ${l.note}.`,
    );
  return [head, rule, ...rows, '', ...notes].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scales = process.argv.slice(2).map(Number);
  console.log(partitionTable(scales.length > 0 ? scales : [50, 1_000, 10_000]));
}
