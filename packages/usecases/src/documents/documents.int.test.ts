import {
  contractFromTemplate,
  deductionsFor,
  evaluationRating,
  quarterPeriods,
  reportFigures,
  seedCpoeTemplate,
  type DeductibleTicket,
} from '@weibao/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertSoffice, convertDocx, docxText } from '../../../../test/support/soffice.ts';
import { renderChangeRequestList, type ChangeRequestLine } from './change-request-list.ts';
import { renderDeductionStatement, type DeductionLine } from './deduction-statement.ts';
import { renderDeliverablesList } from './deliverables-list.ts';
import { renderEvaluationReport, type EvaluationReportData } from './evaluation-report.ts';
import { defaultInspectionChecks, renderInspectionSheet } from './inspection-sheet.ts';

// Each document is opened in headless LibreOffice the way a hospital opens it, and its text read
// back: what the hospital sees, not what we meant to write.
beforeAll(() => assertSoffice());

const terms = contractFromTemplate(seedCpoeTemplate, { signedOn: '2026-01-01' });
const q2 = quarterPeriods(terms.term)[1]!;
const hospital = { id: 'whzx', name: '武汉市中心医院' };
const contract = { id: '01KAW00000000000000000WHZX', title: terms.name, totalFen: terms.totalFen };
const period = { kind: 'quarter' as const, quarter: 2, startsOn: q2.startsOn, endsOn: q2.endsOn };

const at = (iso: string, minutes = 0) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
function ticket(
  id: string,
  severity: DeductibleTicket['severity'],
  reportedAt: string,
  responseMinutes: number,
  vendorFaultIn: string | null,
): DeductibleTicket {
  return {
    ticketId: id,
    severity,
    subsystemId: vendorFaultIn,
    reported: { eventId: `${id}-1`, at: reportedAt },
    responded: { eventId: `${id}-2`, at: at(reportedAt, responseMinutes) },
    attribution: vendorFaultIn
      ? {
          eventId: `${id}-3`,
          decidedAt: at(reportedAt, 600),
          cause: 'vendor',
          subsystemId: vendorFaultIn,
          advanceNoticeId: null,
        }
      : null,
  };
}
// Quarter 2 (2026-04-01 to 2026-06-30): three responses over an hour, vendor faults 1 fatal and 2
// minor; the March ticket belongs to quarter 1 and must not count.
const entries = deductionsFor(
  terms,
  [
    ticket('t1', 'fatal', '2026-04-10T01:00:00Z', 90, 's1'),
    ticket('t2', 'serious', '2026-05-02T03:00:00Z', 61, null),
    ticket('t3', 'minor', '2026-06-20T08:00:00Z', 120, 's2'),
    ticket('t4', 'minor', '2026-06-21T08:00:00Z', 30, 's3'),
    ticket('t5', 'minor', '2026-03-15T08:00:00Z', 180, null),
  ],
  [],
  '2026-07-01T00:00:00Z',
);
const figures = reportFigures(q2, entries);

const thresholds = terms.evaluation;
const findings = {
  serviceLevel: { spotChecks: { sampled: 20, passed: 19 }, adverseEvents: 0 },
  serviceQuality: { spotChecks: { sampled: 10, passed: 8 }, adverseEvents: 0 },
};
const rated = evaluationRating(findings, thresholds);
const sig = (name: string, email: string, signedAt: string) => ({
  name,
  email,
  signedAt,
  hash: 'a1b2c3d4e5f60718293a4b5c6d7e8f90'.repeat(2),
});
const filled: EvaluationReportData = {
  hospital,
  contract,
  vendor: { name: '江城医疗软件有限公司' },
  period,
  figures,
  entries: {
    department: { ...findings.serviceLevel, rating: rated.serviceLevel, other: '病历模板修改及时' },
    itCenter: { ...findings.serviceQuality, rating: rated.serviceQuality, other: null },
  },
  overall: rated.overall,
  signatures: [
    { party: 'department', ...sig('王科长', 'dept@whzx.example', '2026-07-02T02:15:00Z') },
    { party: 'it-center', ...sig('张主任', 'it@whzx.example', '2026-07-02T06:40:00Z') },
    { party: 'supervisor', ...sig('刘监理', 'supervisor@jianli.example', '2026-07-03T01:00:00Z') },
    { party: 'auditor', ...sig('陈审计', 'auditor@shenji.example', '2026-07-03T07:30:00Z') },
    { party: 'vendor', ...sig('厂商服务经理', 'manager@vendor.example', '2026-07-04T09:05:00Z') },
  ],
};

describe('维保服务评价报告 (seed 附件1) as a hospital opens it', () => {
  it('shows the hospital, the quarter, the counts from the ledger, the ticked ratings and every signature', async () => {
    expect(figures).toMatchObject({
      lateResponses: 3,
      vendorFaultsWithoutNotice: { fatal: 1, serious: 0, minor: 2 },
    });

    const { text, ms } = docxText(await renderEvaluationReport(filled));
    console.info(`evaluation report → txt in ${ms} ms`);

    expect(ms).toBeLessThan(20_000);
    expect(text).toContain('武汉市中心医院');
    expect(text).toContain('售后维保服务评价报告（第2季度）');
    expect(text).toContain('2026年4月1日 至 2026年6月30日');
    expect(text).toContain('2026年信息化项目售后维保（CPOE）');
    expect(text).toContain('江城医疗软件有限公司');
    // 1% of 188,000.00 per late response; 5% / 1% of a subsystem's 23,500.00 per vendor fault.
    expect(text).toContain('大于1小时次数 3 次，扣减 ¥5,640.00');
    expect(text).toContain('故障次数 3 次（致命 1 次，严重 0 次，一般 2 次），扣罚 ¥1,645.00');
    expect(text).toContain('扣款合计：¥7,285.00');

    const [level, rest] = text.split('服务质量评价（信息中心评价）') as [string, string];
    const [quality, tail] = rest.split('综合评价') as [string, string];
    expect(level).toContain('服务效果抽查合格率：□优秀 ☑良好 □合格 □不合格');
    expect(level).toContain('抽查20项，合格19项，合格率95%');
    expect(level).toContain('无恶性事件发生情况：☑优秀 □良好 □合格 □不合格');
    expect(level).toContain('本项评价：□优秀 ☑良好 □合格 □不合格');
    expect(level).toContain('其他：病历模板修改及时');
    expect(quality).toContain('服务效果抽查合格率：□优秀 □良好 ☑合格 □不合格');
    expect(quality).toContain('抽查10项，合格8项，合格率80%');
    expect(quality).toContain('本项评价：□优秀 □良好 ☑合格 □不合格');
    expect(tail).toMatch(/^\s*□优秀 □良好 ☑合格 □不合格/);

    expect(level).toContain('评价人（使用科室）：王科长（dept@whzx.example）');
    expect(level).toContain('评价日期：2026-07-02 10:15（北京时间）');
    expect(quality).toContain('评价人（信息中心）：张主任（it@whzx.example）');
    expect(quality).toContain('评价日期：2026-07-02 14:40（北京时间）');
    expect(tail).toContain('监理单位（盖章）');
    expect(tail).toContain('监理工程师：刘监理（supervisor@jianli.example）');
    expect(tail).toContain('2026-07-03 09:00（北京时间）');
    expect(tail).toContain('审计单位（盖章）');
    expect(tail).toContain('单位代表：陈审计（auditor@shenji.example）');
    expect(tail).toContain('2026-07-03 15:30（北京时间）');
    expect(tail).toContain('服务提供方（盖章）');
    expect(tail).toContain('服务方代表：厂商服务经理（manager@vendor.example）');
    expect(tail).toContain('2026-07-04 17:05（北京时间）');
    expect(text.match(/签署记录：a1b2c3d4e5f60718/g)).toHaveLength(5);
  });

  it('leaves every box unticked and every signature as a blank line while nothing is recorded', async () => {
    const blankReport = { ...filled, vendor: null, entries: {}, overall: null, signatures: [] };

    const { text } = docxText(await renderEvaluationReport(blankReport));

    expect(text).not.toContain('☑');
    expect(text.match(/□优秀 □良好 □合格 □不合格/g)).toHaveLength(7);
    for (const line of [
      '服务提供方\n____________',
      '评价人（使用科室）：____________',
      '评价人（信息中心）：____________',
      '监理工程师：____________',
      '单位代表：____________',
      '服务方代表：____________',
    ]) {
      expect(text).toContain(line);
    }
    // The counts still come from the ledger, signed or not.
    expect(text).toContain('大于1小时次数 3 次');
  });

  it('is set in a CJK font when LibreOffice prints it to PDF', async () => {
    const { bytes, ms } = convertDocx(await renderEvaluationReport(filled), 'pdf', 'pdf');
    console.info(`evaluation report → pdf in ${ms} ms`);

    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // SimSun/SimHei are absent on Linux: LibreOffice must fall back to a CJK face, not boxes.
    expect(bytes.toString('latin1')).toMatch(/\/FontName\s*\/[A-Z]{6}\+\S*CJK/);
  });
});

describe('巡检单 (总体要求(6))', () => {
  it('prints two copies, each with the checks of application, host and database, the results and the signers', async () => {
    const checks = defaultInspectionChecks(terms.subsystems.map((s) => s.name)).map((c, i) => ({
      ...c,
      result: i === 1 ? ('abnormal' as const) : ('normal' as const),
      note: i === 1 ? '路径入组规则报错，已现场修复' : null,
    }));

    const { text, ms } = docxText(
      await renderInspectionSheet({
        hospital,
        contract: { ...contract, coveredSystem: terms.coveredSystem },
        period,
        visit: { date: '2026-06-18', place: '后湖院区信息中心机房', engineer: '赵工程师' },
        checks,
        findings: '临床路径系统入组规则异常，已修复并验证。',
        signatures: [
          { party: 'department', ...sig('王科长', 'dept@whzx.example', '2026-06-18T07:00:00Z') },
          { party: 'it-center', ...sig('张主任', 'it@whzx.example', '2026-06-18T08:00:00Z') },
          {
            party: 'vendor',
            ...sig('赵工程师', 'engineer@vendor.example', '2026-06-18T06:30:00Z'),
          },
        ],
      }),
    );
    console.info(`inspection sheet → txt in ${ms} ms`);

    const [first, second] = text.split('第二联 厂商留存') as [string, string];
    expect(first).toContain('第一联 医院留存');
    for (const copy of [first, second]) {
      expect(copy).toContain('武汉市中心医院');
      expect(copy).toContain('系统巡检单（第2季度）');
      expect(copy).toContain('2026年6月18日　地点：后湖院区信息中心机房');
      for (const area of ['应用系统运行情况', '主机运行情况', '数据库运行情况']) {
        expect(copy).toContain(area);
      }
      expect(copy).toContain('临床路径系统运行情况\n□正常 ☑异常\n路径入组规则报错，已现场修复');
      expect(copy).toContain('数据恢复测试\n☑正常 □异常');
      expect(copy.match(/☑正常 □异常/g)).toHaveLength(checks.length - 1);
      expect(copy).toContain('使用科室负责人：王科长（dept@whzx.example）');
      expect(copy).toContain('信息中心负责人：张主任（it@whzx.example）');
      expect(copy).toContain('巡检工程师：赵工程师（engineer@vendor.example）');
      expect(copy).toContain('日期：2026-06-18 15:00（北京时间）');
    }
  });
});

describe('项目提交物清单 (商务要求（一）)', () => {
  it('lists the six deliverables of the quarter with their status and says which required one is missing', async () => {
    const { text, ms } = docxText(
      await renderDeliverablesList({
        hospital,
        contract,
        period,
        items: [
          {
            kind: 'evaluation-report',
            status: 'generated',
            files: ['evaluation-q2.docx'],
            reason: null,
          },
          {
            kind: 'meeting-minutes',
            status: 'attached',
            files: ['需求沟通会纪要-0512.pdf'],
            reason: null,
          },
          { kind: 'change-requests', status: 'none', files: [], reason: '本季度无需求变更' },
          { kind: 'training-records', status: 'attached', files: ['培训签到表.pdf'], reason: null },
          { kind: 'tuning-records', status: 'none', files: [], reason: '本季度未做调优' },
        ],
        signatures: [
          {
            party: 'vendor',
            ...sig('厂商服务经理', 'manager@vendor.example', '2026-07-01T02:00:00Z'),
          },
        ],
      }),
    );
    console.info(`deliverables list → txt in ${ms} ms`);

    expect(text).toContain('项目提交物清单（第2季度）');
    expect(text).toContain('1\n巡检报告\n每季度\n缺');
    expect(text).toContain('2\n系统应用效果评价报告\n每季度\n系统生成\nevaluation-q2.docx');
    expect(text).toContain('3\n需求沟通会议纪要\n如有\n已附\n需求沟通会纪要-0512.pdf');
    expect(text).toContain('4\n需求变更改造清单\n如有\n本季度无\n本季度无需求变更');
    expect(text).toContain('5\n用户培训记录\n如有\n已附\n培训签到表.pdf');
    expect(text).toContain('6\n系统调优记录\n如有\n本季度无\n本季度未做调优');
    expect(text).toContain('提交人（乙方）：厂商服务经理（manager@vendor.example）');
    expect(text).toContain('提交日期：2026-07-01 10:00（北京时间）');
    expect(text).toContain('接收人（信息中心）：____________');
  });
});

describe('扣款明细 of a quarter', () => {
  it('lists each ledger entry with its ticket, clause and amount, and totals what stands after disputes', async () => {
    const inQ2 = entries.filter((e) => figures.entryIds.includes(e.id));
    const disputes: DeductionLine['dispute'][] = [
      'none',
      'upheld',
      'open',
      'rejected',
      'none',
      'none',
    ];
    const lines: DeductionLine[] = inQ2.map((e, i) => ({
      entryId: e.id,
      ticketNumber: `WHZX-2026-0000${e.ticketId.slice(1)}`,
      severity: e.severity,
      reportedAt: e.reportedAt,
      ruleId: e.ruleId,
      clause: e.sourceText,
      reason: e.reason,
      baseFen: e.baseFen,
      rateBp: e.rateBp,
      amountFen: e.amountFen,
      dispute: disputes[i] ?? 'none',
    }));

    const { text, ms } = docxText(
      await renderDeductionStatement({ hospital, contract, period, lines }),
    );
    console.info(`deduction statement → txt in ${ms} ms`);

    // t1 and t3 were late and vendor faults: one entry per rule and ticket.
    expect(lines).toHaveLength(6);
    expect(text).toContain('扣款明细（第2季度）');
    expect(text).toContain('WHZX-2026-00001\n致命｜2026-04-10 09:00（北京时间）');
    expect(text).toContain('响应用时90分钟，大于60分钟');
    expect(text).toContain('响应问题及处理问题时间大于1小时一次，则扣减1%合同款，按次数累计。');
    expect(text).toContain('一次致命故障扣罚子系统合同金额的5%');
    expect(text).toContain('¥188,000.00 × 1%\n¥1,880.00');
    expect(text).toContain('¥23,500.00 × 5%\n¥1,175.00');
    expect(text).toContain('异议成立（不扣款）');
    expect(text).toContain('异议处理中');
    expect(text).toContain('异议不成立');
    expect(text).toContain('扣款条数：6 条');
    expect(text).toContain('记账合计：¥7,285.00');
    const upheld = lines[1]!.amountFen;
    const open = lines[2]!.amountFen;
    expect(text).toContain(
      `其中异议成立免扣：¥${(upheld / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
    );
    expect(text).toContain(
      `应扣合计：¥${((728_500 - upheld) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
    );
    expect(open).toBeGreaterThan(0);
  });

  it('says there was no deduction in a quarter without entries', async () => {
    const { text } = docxText(
      await renderDeductionStatement({ hospital, contract, period, lines: [] }),
    );

    expect(text).toContain('本季度无扣款');
    expect(text).toContain('应扣合计：¥0.00');
  });
});

describe('需求变更改造清单 (商务要求（一）, 及时响应需求变更)', () => {
  it('lists the approved requests with requester, dates, approval and progress, marks the late ones 逾期, and only counts the declined and undecided', async () => {
    // Prepare: quarter 2; one done late, one in progress past its date, one done in time, one
    // declined, one waiting
    const by = { sub: 'it-1', email: 'it@whch.example', name: '刘洋' };
    const line = (
      n: number,
      title: string,
      change: Partial<ChangeRequestLine['change']>,
    ): ChangeRequestLine => ({
      number: `WHZX-2026-0010${n}`,
      kind: n === 3 ? 'template-change' : 'change-request',
      title,
      requester: '陈静',
      reportedAt: '2026-05-06T02:00:00Z',
      change: {
        dueOn: '2026-05-20',
        progress: 'approved',
        decision: { approved: true, reason: null, by, at: '2026-05-07T01:00:00Z' },
        completedAt: null,
        ...change,
      },
    });
    const requests = [
      line(1, '门诊处方增加过敏提醒', { progress: 'done', completedAt: '2026-05-25T03:00:00Z' }),
      line(2, '住院医嘱双签', { progress: 'in-progress' }),
      line(3, '出院小结模板增加随访', { progress: 'done', completedAt: '2026-05-19T03:00:00Z' }),
      line(4, '删除全部历史病历', {
        progress: 'declined',
        decision: { approved: false, reason: '违反病历管理规定', by, at: '2026-05-07T01:00:00Z' },
      }),
      line(5, '护理记录单调整', { progress: 'pending', decision: null }),
    ];

    // Act
    const { text } = docxText(
      await renderChangeRequestList({
        hospital,
        contract,
        period,
        requests,
        at: new Date('2026-06-01T00:00:00Z'),
      }),
    );

    // Assess
    expect(text).toContain('需求变更改造清单（第2季度）');
    expect(text).toMatch(/统计期间：2026年4月\d+日 至 2026年\d+月\d+日/);
    for (const n of [1, 2, 3]) expect(text).toContain(`WHZX-2026-0010${n}`);
    expect(text).toContain('病历模板修改');
    expect(text).toContain('陈静\n2026-05-06');
    expect(text).toContain('刘洋 2026-05-07');
    expect(text).toContain('已完成（逾期）');
    expect(text).toContain('实施中（逾期）');
    expect(text).toContain('2026-05-25');
    expect(text).not.toContain('删除全部历史病历');
    expect(text).not.toContain('护理记录单调整');
    expect(text).toContain('已批准：3 项；未获批准：1 项；待审批：1 项');
    expect(text).not.toMatch(/change-request|template-change|in-progress|declined/);
  });

  it('says so when the quarter has no approved request', async () => {
    const { text } = docxText(
      await renderChangeRequestList({ hospital, contract, period, requests: [], at: new Date() }),
    );
    expect(text).toContain('本季度无已批准的需求变更');
    expect(text).toContain('已批准：0 项');
  });
});
