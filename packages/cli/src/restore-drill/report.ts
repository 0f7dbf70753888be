import type { ChainVerdict } from '@weibao/store';

/**
 * What one table holds of one hospital (or of the vendor's own chain): its items, counted by Query
 * over the hospital's partitions, and its audit clock at the moment of the count.
 */
export interface HospitalCensus {
  hospitalId: string;
  /** The hospital's name from its hospital item; null for the vendor's chain or when missing. */
  name: string | null;
  /** Items without a time to live: the hospital's lasting data. */
  items: number;
  /**
   * Items with `expiresAt` (idempotency records, used links, acknowledgement counters): DynamoDB's
   * TTL deletes them from the source at any time, and a restored table has no TTL setting, so
   * they are counted but not compared.
   */
  transientItems: number;
  /** The audit clock: how many audit records the hospital has (seq) and a digest of them all (hash). */
  auditHead: { seq: number; hash: string };
  /** When the count was taken (ISO instant). */
  countedAt: string;
}

export type CountVerdict =
  /** Same audit clock in source and copy: nothing audited changed in between, counts must match. */
  | { kind: 'equal' }
  | { kind: 'differ'; missing: number }
  /**
   * The source's audit clock moved between its count and the restore point (or after it): the
   * counts are of two moments, so instead the two logs must be one history (every record of the
   * shorter one is in the longer one with the same hash).
   */
  | { kind: 'moved'; auditedChanges: number; sameHistory: boolean }
  | { kind: 'missing-in-copy' };

export interface HospitalResult {
  hospitalId: string;
  name: string | null;
  source: HospitalCensus;
  copy: HospitalCensus | null;
  counts: CountVerdict;
  /** The audit chain verified on the copy; null when the copy has nothing of the hospital. */
  audit: ChainVerdict | null;
  pass: boolean;
}

export interface DrillReport {
  method: 'point-in-time' | 'export-import';
  sourceTable: string;
  copyTable: string;
  /** ISO instant the copy shows the table at. */
  restorePoint: string;
  startedAt: string;
  finishedAt: string;
  hospitals: HospitalResult[];
  /** Whether the copy was deleted afterwards; a message with the fix when not. */
  cleanup: { deleted: true } | { deleted: false; problem: string };
  pass: boolean;
}

/**
 * Compares what the copy holds of a hospital with what the source held. The audit clock (count and
 * digest of the audit records) is the clock: every audited change adds a record in its own transaction, so equal clocks mean the
 * two counts are of the same state and must match item for item; a moved clock means the hospital
 * changed between the two moments, and the two logs must then share their history instead.
 */
export function compareHospital(
  source: HospitalCensus,
  copy: HospitalCensus | null,
  audit: ChainVerdict | null,
  sameHistory: (lower: { seq: number; hash: string }) => boolean = () => false,
): HospitalResult {
  const base = { hospitalId: source.hospitalId, name: source.name ?? copy?.name ?? null, source };
  if (copy === null || (copy.items === 0 && copy.auditHead.seq === 0))
    return {
      ...base,
      copy,
      counts: { kind: 'missing-in-copy' },
      audit,
      pass: source.items === 0 && source.auditHead.seq === 0,
    };
  const headsEqual =
    copy.auditHead.seq === source.auditHead.seq && copy.auditHead.hash === source.auditHead.hash;
  let counts: CountVerdict;
  if (headsEqual)
    counts =
      copy.items === source.items
        ? { kind: 'equal' }
        : { kind: 'differ', missing: source.items - copy.items };
  else {
    const lower = copy.auditHead.seq <= source.auditHead.seq ? copy.auditHead : source.auditHead;
    counts = {
      kind: 'moved',
      auditedChanges: Math.abs(source.auditHead.seq - copy.auditHead.seq),
      sameHistory: copy.auditHead.seq !== source.auditHead.seq && sameHistory(lower),
    };
  }
  const countsOk = counts.kind === 'equal' || (counts.kind === 'moved' && counts.sameHistory);
  return { ...base, copy, counts, audit, pass: countsOk && audit?.ok === true };
}

/**
 * The drill passes when every hospital passes and at least one was compared count for count (a
 * drill in which every hospital moved proves little: run it again in a quieter hour).
 */
export function drillPasses(hospitals: HospitalResult[]): boolean {
  return (
    hospitals.length > 0 &&
    hospitals.every((h) => h.pass) &&
    hospitals.some((h) => h.counts.kind === 'equal')
  );
}

const beijing = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `2026-11-25 16:00:00 北京时间` */
export function beijingTime(iso: string): string {
  return `${beijing.format(new Date(iso))} 北京时间`;
}

/** The Shanghai day of an instant, `2026-11-25`. */
export function beijingDay(iso: string): string {
  return beijing.format(new Date(iso)).slice(0, 10);
}

export function durationSeconds(r: Pick<DrillReport, 'startedAt' | 'finishedAt'>): number {
  return Math.round((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000);
}

function duration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m > 0 ? `${m} 分 ` : ''}${s} 秒 (${seconds} s)`;
}

function countsLine(h: HospitalResult): string {
  const c = h.counts;
  const copyItems = h.copy?.items ?? 0;
  const figures = `源 source ${h.source.items} / 副本 copy ${copyItems} 项 items`;
  switch (c.kind) {
    case 'equal':
      return `${figures}: 一致 equal`;
    case 'differ':
      return `${figures}: 不一致 differ, ${c.missing > 0 ? `副本少 ${c.missing} 项 copy lacks ${c.missing}` : `副本多 ${-c.missing} 项 copy has ${-c.missing} more`}`;
    case 'missing-in-copy':
      return `${figures}: 副本中没有该医院 not in the copy`;
    case 'moved':
      return `${figures}: 计数期间有 ${c.auditedChanges} 次审计变更 ${c.auditedChanges} audited changes between the counts, ${c.sameHistory ? '两表审计链同源 both chains share one history' : '两表审计链不同源 the chains do not share one history'}`;
  }
}

function auditLine(h: HospitalResult): string {
  const a = h.audit;
  if (a === null) return '审计链 audit chain: 未检查 not checked';
  if (a.ok) return `审计链完整 audit chain intact: ${a.count} 条 records, ${a.lanes} lanes`;
  return `审计链断裂 audit chain BROKEN in ${a.lane} at seq ${a.seq}: ${a.problem}: ${a.detail}`;
}

/** The report as people read it and as it is attached to a work record: Chinese first, English beside. */
export function formatReport(r: DrillReport): string {
  const method =
    r.method === 'point-in-time'
      ? '时间点恢复到新表 point-in-time restore into a new table (DynamoDB PITR)'
      : '导出并导入临时表 export and import into a scratch table (local stack)';
  const compared = r.hospitals.filter((h) => h.counts.kind === 'equal').length;
  const lines = [
    '数据恢复测试报告 Restore drill report',
    `结果 Result: ${r.pass ? '通过 PASS' : '未通过 FAIL'}`,
    `方式 Method: ${method}`,
    `源表 Source: ${r.sourceTable}`,
    `副本 Copy: ${r.copyTable} (${r.cleanup.deleted ? '已删除 deleted' : `未删除 NOT deleted: ${r.cleanup.problem}`})`,
    `恢复时间点 Restore point: ${beijingTime(r.restorePoint)}`,
    `开始 Started: ${beijingTime(r.startedAt)}`,
    `结束 Finished: ${beijingTime(r.finishedAt)}`,
    `用时 Duration: ${duration(durationSeconds(r))}`,
    `医院 Hospitals: ${r.hospitals.length}, 逐项比对 compared item for item: ${compared}, 通过 passed: ${r.hospitals.filter((h) => h.pass).length}`,
    '',
    ...r.hospitals.flatMap((h) => [
      `${h.pass ? '✓' : '✗'} ${h.name ?? (h.hospitalId === '_vendor' ? '厂商 vendor' : '(无名称 no name)')} (${h.hospitalId}): ${h.pass ? '通过 pass' : '未通过 FAIL'}`,
      `    ${countsLine(h)}`,
      `    ${auditLine(h)}`,
    ]),
    '',
    '说明 Notes: 计数不含带到期时间的临时项（幂等记录、已用链接、回执计数），源表按 TTL 随时删除它们，恢复的表没有 TTL 设置。',
    'Counts leave out items with a time to live (idempotency records, used links, acknowledgement counters): TTL deletes them from the source at any time and a restored table has no TTL setting.',
    '审计链头相同则两次计数为同一状态，须逐项一致；不同则须两条审计链同源。',
    'Equal audit clocks (count and digest of the audit records) mean both counts are of one state and must match; a moved clock means the hospital changed in between, and the two chains must then share one history.',
  ];
  if (!drillPasses(r.hospitals) && r.hospitals.length > 0 && compared === 0)
    lines.push(
      '没有一家医院可以逐项比对：请在业务较少的时段重新演练。No hospital could be compared item for item: run the drill again in a quieter hour.',
    );
  return lines.join('\n');
}

/** The body of `POST /api/hospitals/{hospitalId}/contracts/{contractId}/work-records`: the drill as a restore test. */
export function workRecordBody(
  r: DrillReport,
  obligationId: string | null,
): {
  kind: 'restore-test';
  obligationId: string | null;
  performedOn: string;
  summary: string;
  restoreTest: { result: 'pass' | 'fail'; durationMinutes: number; notes: string };
} {
  const notes = formatReport(r);
  return {
    kind: 'restore-test',
    obligationId,
    performedOn: beijingDay(r.startedAt),
    summary: `数据恢复测试（${r.method === 'point-in-time' ? '时间点恢复' : '导出导入'}）：${r.hospitals.length} 家医院的数据恢复到 ${beijingTime(r.restorePoint)}，${r.pass ? '计数与审计链核对通过' : '核对未通过'}。Restore drill ${r.pass ? 'passed' : 'FAILED'}.`,
    restoreTest: {
      result: r.pass ? 'pass' : 'fail',
      durationMinutes: Math.ceil(durationSeconds(r) / 60),
      // The API keeps at most 4,000 characters; the full report is the --out file.
      notes:
        notes.length <= 4000
          ? notes
          : `${notes.slice(0, 3950)}\n…（完整报告见 --out 文件 full report in the --out file）`,
    },
  };
}
