import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deductionsFor, type DeductibleTicket, type Severity } from '@weibao/domain';
import {
  ledgerEntryItem,
  makeDb,
  saveTicket,
  ticketNumberItem,
  type Db,
  type TicketRecord,
} from '@weibao/store';
import { demoContracts, loadDemoData, type Deps } from '@weibao/usecases';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { assertSoffice, docxText } from '../../../../test/support/soffice.ts';
import { createTestTable, type TestTable } from '../../../../test/support/table.ts';
import { runWeibao } from '../../../../test/support/weibao-cli.ts';

const contract = demoContracts.find((c) => c.hospitalId === 'whzx')!;
let table: TestTable;
let db: Db;
let dir: string;
let n = 0;
const deps = (): Deps => ({
  db,
  clock: { now: () => new Date('2026-07-10T00:00:00.000Z') },
  ids: { next: () => `01KAWD${String(++n).padStart(20, '0')}` },
});

/** A fault as the ticket writer stores it, with the ledger entries the rules book for it. */
async function fault(
  seq: number,
  severity: Severity,
  reportedAt: string,
  responseMinutes: number,
  vendorFaultIn: string | null,
) {
  const id = `01KAWT${String(seq).padStart(20, '0')}`;
  const number = `WHZX-2026-${String(seq).padStart(5, '0')}`;
  const respondedAt = new Date(Date.parse(reportedAt) + responseMinutes * 60_000).toISOString();
  const decidedAt = new Date(Date.parse(reportedAt) + 600 * 60_000).toISOString();
  const deductible: DeductibleTicket = {
    ticketId: id,
    severity,
    subsystemId: 's1',
    reported: { eventId: `${id}#1`, at: reportedAt },
    responded: { eventId: `${id}#2`, at: respondedAt },
    attribution: vendorFaultIn
      ? {
          eventId: `${id}#3`,
          decidedAt,
          cause: 'vendor',
          subsystemId: vendorFaultIn,
          advanceNoticeId: null,
        }
      : null,
  };
  const entries = deductionsFor(contract.terms, [deductible], [], '2026-07-10T00:00:00Z');
  const t: TicketRecord = {
    id,
    hospitalId: 'whzx',
    contractId: contract.id,
    number,
    kind: 'fault',
    severity,
    severityConfirmed: true,
    channel: 'phone',
    subsystemId: 's1',
    title: '医嘱提交报错',
    description: '',
    reporter: { name: '王科长', email: null, phone: null, sub: null },
    reportedAt,
    assignee: null,
    status: 'resolved',
    respondedAt,
    onSiteRequestedAt: null,
    onSiteAt: null,
    resolvedAt: decidedAt,
    closedAt: null,
    resolutionTargetAt: null,
    attribution: vendorFaultIn
      ? {
          eventSeq: 3,
          decidedAt,
          cause: 'vendor',
          subsystemId: vendorFaultIn,
          advanceNoticeId: null,
        }
      : null,
    nextDeadline: null,
    slaMarks: [],
    deductionIds: entries.map((e) => e.id),
    pendingEscalations: [],
    flags: [],
    lastEventSeq: 3,
    version: 1,
    createdAt: reportedAt,
    updatedAt: decidedAt,
    deletedAt: null,
  };
  const d = deps();
  await saveTicket(
    db,
    t,
    { kind: 'create' },
    {
      id: d.ids.next(),
      hospitalId: 'whzx',
      at: reportedAt,
      actor: { sub: 'test', email: null, role: 'support-engineer' },
      action: 'ticket.create',
      entity: { type: 'ticket', id },
      before: null,
      after: t,
    },
    [
      ticketNumberItem('whzx', number, id),
      ...entries.map((e) =>
        ledgerEntryItem({
          ...e,
          hospitalId: 'whzx',
          contractId: contract.id,
          bookedAt: e.occurredAt,
          disputes: [],
          version: 1,
        }),
      ),
    ],
  );
}

beforeAll(async () => {
  assertSoffice();
  table = await createTestTable('cli-doc');
  db = makeDb(table.tableName, table.client);
  await loadDemoData(deps());
  // The demo contract starts 2026-01-05: quarter 2 is 2026-04-05 to 2026-07-04.
  await fault(1, 'fatal', '2026-04-10T01:00:00Z', 90, 's1');
  await fault(2, 'serious', '2026-05-02T03:00:00Z', 61, null);
  await fault(3, 'minor', '2026-06-20T08:00:00Z', 30, 's2');
  await fault(4, 'minor', '2026-03-15T08:00:00Z', 180, null);
  dir = await mkdtemp(join(tmpdir(), 'weibao-doc-'));
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const weibao = (...args: string[]) => runWeibao(table, ...args);

describe('weibao doc', () => {
  it('writes the quarter’s evaluation report with the counts from the ledger and blanks for what is not recorded', async () => {
    const out = join(dir, 'evaluation-q2.docx');

    const run = await weibao(
      'doc',
      'evaluation',
      '--contract',
      contract.id,
      '--quarter',
      '2',
      '--out',
      out,
    );

    expect(run.err).toContain('quarter 2');
    expect(run.code).toBe(0);
    const { text } = docxText(await readFile(out));
    expect(text).toContain('武汉市中心医院');
    expect(text).toContain('售后维保服务评价报告（第2季度）');
    expect(text).toContain('2026年4月5日 至 2026年7月4日');
    // Tickets 1 and 2 answered after more than an hour; 1 and 3 vendor faults; 4 is in quarter 1.
    expect(text).toContain('大于1小时次数 2 次，扣减 ¥3,760.00');
    expect(text).toContain('故障次数 2 次（致命 1 次，严重 0 次，一般 1 次），扣罚 ¥1,410.00');
    expect(text).toContain('扣款合计：¥5,170.00（台账 4 条）');
    expect(text).not.toContain('☑');
    expect(text).toContain('评价人（信息中心）：____________');
    expect(text).toContain('监理工程师：____________');
  });

  it('writes the deduction statement with each entry’s ticket number, and the other documents', async () => {
    const file = (k: string) => join(dir, `${k}-q2.docx`);
    for (const kind of ['deductions', 'inspection', 'deliverables']) {
      const run = await weibao(
        'doc',
        kind,
        '--contract',
        contract.id,
        '--quarter',
        '2',
        '--out',
        file(kind),
        '--hospital',
        'whzx',
      );
      expect(run.code, run.err).toBe(0);
    }

    const deductions = docxText(await readFile(file('deductions'))).text;
    expect(deductions).toContain('WHZX-2026-00001\n致命');
    expect(deductions).toContain('WHZX-2026-00002\n严重');
    expect(deductions).toContain('WHZX-2026-00003\n一般');
    expect(deductions).not.toContain('WHZX-2026-00004');
    expect(deductions).toContain('应扣合计：¥5,170.00');
    const inspection = docxText(await readFile(file('inspection'))).text;
    expect(inspection).toContain('第一联 医院留存');
    expect(inspection).toContain('第二联 厂商留存');
    expect(inspection).toContain('临床路径系统运行情况\n□正常 □异常');
    const deliverables = docxText(await readFile(file('deliverables'))).text;
    expect(deliverables).toContain('1\n巡检报告\n每季度\n缺');
    expect(deliverables).toContain(
      '2\n系统应用效果评价报告\n每季度\n系统生成\n武汉市中心医院-2026第2季度-维保服务评价报告.docx',
    );
  });

  it('refuses an unknown contract, a quarter outside the term and an unknown kind, each with the fix', async () => {
    const out = join(dir, 'never.docx');
    const unknown = await weibao(
      'doc',
      'evaluation',
      '--contract',
      '01KAW0000000000000000NOPE0',
      '--quarter',
      '2',
      '--out',
      out,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no hospital has contract 01KAW0000000000000000NOPE0');
    expect(unknown.err).toContain('--hospital ID');

    const late = await weibao(
      'doc',
      'evaluation',
      '--contract',
      contract.id,
      '--quarter',
      '5',
      '--out',
      out,
    );
    expect(late.code).toBe(2);
    expect(late.err).toContain('该合同只有第1至第4季度（2026-01-05 至 2027-01-04），没有第5季度');

    const kind = await weibao(
      'doc',
      'invoice',
      '--contract',
      contract.id,
      '--quarter',
      '1',
      '--out',
      out,
    );
    expect(kind.code).toBe(2);
    expect(kind.err).toContain(
      'say which document: evaluation, inspection, deliverables, deductions',
    );

    await expect(readFile(out)).rejects.toThrow();
  });

  it('says to start the local stack when the table cannot be reached', async () => {
    const run = await weibao(
      'doc',
      'evaluation',
      '--contract',
      contract.id,
      '--quarter',
      '2',
      '--out',
      join(dir, 'x.docx'),
      '--endpoint',
      'http://127.0.0.1:9',
    );

    expect(run.code).toBe(2);
    expect(run.err).toContain('start the local stack with npm start or pass --endpoint URL');
  });
});
