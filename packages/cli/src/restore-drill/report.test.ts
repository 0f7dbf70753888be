import { workRecordInputSchema } from '@weibao/api/schemas-obligations';
import { describe, expect, it } from 'vitest';
import {
  compareHospital,
  drillPasses,
  formatReport,
  workRecordBody,
  type DrillReport,
  type HospitalCensus,
} from './report.ts';

const census = (over: Partial<HospitalCensus> = {}): HospitalCensus => ({
  hospitalId: 'whzx',
  name: '武汉市中心医院',
  items: 47,
  transientItems: 2,
  auditHead: { seq: 4, hash: 'a'.repeat(64) },
  countedAt: '2026-11-25T08:00:00.000Z',
  ...over,
});
const intact = { ok: true as const, count: 4, lanes: 2, checkpoints: 0 };

describe('comparing a hospital in the source and in the restored copy', () => {
  it('passes when the audit clocks are equal and the lasting items match, whatever the TTL items do', () => {
    const result = compareHospital(census(), census({ transientItems: 0 }), intact);
    expect(result.counts).toEqual({ kind: 'equal' });
    expect(result.pass).toBe(true);
  });

  it('fails when the copy lacks an item though nothing changed in between', () => {
    const result = compareHospital(census(), census({ items: 46 }), intact);
    expect(result.counts).toEqual({ kind: 'differ', missing: 1 });
    expect(result.pass).toBe(false);
  });

  it('fails when the copy’s audit chain is broken, counts equal or not', () => {
    const broken = {
      ok: false as const,
      count: 1,
      lane: 'HOSPITAL',
      seq: 2,
      problem: 'hash-mismatch' as const,
      detail: 'changed',
    };
    expect(compareHospital(census(), census(), broken).pass).toBe(false);
  });

  it('fails for a hospital the copy does not hold', () => {
    const result = compareHospital(census(), null, null);
    expect(result.counts).toEqual({ kind: 'missing-in-copy' });
    expect(result.pass).toBe(false);
  });

  it('accepts a hospital that changed between count and restore point only when both chains are one history', () => {
    // Prepare: two audited changes after the source was counted
    const copy = census({ items: 52, auditHead: { seq: 6, hash: 'b'.repeat(64) } });
    // Act
    const shared = compareHospital(census(), copy, { ...intact, count: 6 }, () => true);
    const forked = compareHospital(census(), copy, { ...intact, count: 6 }, () => false);
    // Assess
    expect(shared.counts).toEqual({ kind: 'moved', auditedChanges: 2, sameHistory: true });
    expect(shared.pass).toBe(true);
    expect(forked.pass).toBe(false);
  });

  it('calls equal sequence numbers with different hashes a fork, not a move', () => {
    const copy = census({ auditHead: { seq: 4, hash: 'c'.repeat(64) } });
    expect(compareHospital(census(), copy, intact, () => true).pass).toBe(false);
  });

  it('does not let a drill pass in which no hospital could be compared item for item', () => {
    const moved = compareHospital(
      census(),
      census({ auditHead: { seq: 5, hash: 'b'.repeat(64) } }),
      intact,
      () => true,
    );
    expect(moved.pass).toBe(true);
    expect(drillPasses([moved])).toBe(false);
    expect(drillPasses([])).toBe(false);
  });
});

const report = (over: Partial<DrillReport> = {}): DrillReport => {
  const hospitals = [
    compareHospital(census(), census(), intact),
    compareHospital(
      census({ hospitalId: 'jcey', name: '荆楚二院' }),
      census({ hospitalId: 'jcey', name: '荆楚二院', items: 45 }),
      intact,
    ),
  ];
  return {
    method: 'export-import',
    sourceTable: 'table weibao at http://127.0.0.1:3001',
    copyTable: 'weibao-drill-20261125-080000',
    restorePoint: '2026-11-25T08:00:30.000Z',
    startedAt: '2026-11-25T08:00:00.000Z',
    finishedAt: '2026-11-25T08:01:23.000Z',
    hospitals,
    cleanup: { deleted: true },
    pass: drillPasses(hospitals),
    ...over,
  };
};

describe('the drill report', () => {
  it('names each hospital with its counts and audit verdict, in Beijing time, Chinese and English', () => {
    const text = formatReport(report());
    expect(text).toContain('结果 Result: 未通过 FAIL');
    expect(text).toContain('恢复时间点 Restore point: 2026-11-25 16:00:30 北京时间');
    expect(text).toContain('用时 Duration: 1 分 23 秒 (83 s)');
    expect(text).toContain('✓ 武汉市中心医院 (whzx): 通过 pass');
    expect(text).toContain('源 source 47 / 副本 copy 47 项 items: 一致 equal');
    expect(text).toContain('✗ 荆楚二院 (jcey): 未通过 FAIL');
    expect(text).toContain('副本少 2 项 copy lacks 2');
    expect(text).toContain('审计链完整 audit chain intact: 4 条 records, 2 lanes');
    expect(text).toContain('(已删除 deleted)');
  });

  it('says when the copy could not be deleted and how to delete it', () => {
    const text = formatReport(
      report({ cleanup: { deleted: false, problem: 'aws dynamodb delete-table --table-name x' } }),
    );
    expect(text).toContain('未删除 NOT deleted: aws dynamodb delete-table --table-name x');
  });

  it('becomes a restore-test work record the API accepts, with result, minutes and the report', () => {
    // Act
    const body = workRecordBody(report({ pass: true }), 'backup-restore-test-1');
    const parsed = workRecordInputSchema.safeParse(body);
    // Assess
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(body.performedOn).toBe('2026-11-25');
    expect(body.restoreTest).toMatchObject({ result: 'pass', durationMinutes: 2 });
    expect(body.restoreTest.notes).toContain('数据恢复测试报告 Restore drill report');
  });

  it('keeps the work record’s notes within the API’s 4,000 characters for many hospitals', () => {
    const many = Array.from({ length: 120 }, (_, i) =>
      compareHospital(census({ hospitalId: `h${i}` }), census({ hospitalId: `h${i}` }), intact),
    );
    const body = workRecordBody(report({ hospitals: many, pass: true }), null);
    expect(workRecordInputSchema.safeParse(body).success).toBe(true);
    expect(body.restoreTest.notes).toMatch(/完整报告见 --out 文件/);
  });
});
