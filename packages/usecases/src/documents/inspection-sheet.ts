import type { FileChild } from 'docx';
import { blank, choiceBoxes, dateZh } from './document-format.ts';
import { docxBytes, heading, note, pageBreak, paragraph, title } from './docx-page.ts';
import { headerRow, table, type CellSpec } from './docx-tables.ts';
import type { ReportPeriod } from './evaluation-report.ts';
import { periodTitle } from './evaluation-report.ts';
import { signatureBlock, type RecordedSignature, type SignatureLabels } from './signature-block.ts';

/** 售后服务内容（6）定期系统巡检: 应用系统运行情况，主机运行情况，数据库系统情况. */
export const inspectionAreas = ['application', 'host', 'database'] as const;
export type InspectionArea = (typeof inspectionAreas)[number];
const areaNames: Record<InspectionArea, string> = {
  application: '应用系统',
  host: '主机',
  database: '数据库',
};

const results = ['normal', 'abnormal'] as const;
export type InspectionResult = (typeof results)[number];
const resultNames: Record<InspectionResult, string> = { normal: '正常', abnormal: '异常' };

export interface InspectionCheck {
  area: InspectionArea;
  item: string;
  /** null until the engineer records it on site. */
  result: InspectionResult | null;
  note?: string | null;
}

/** 巡检单 signers: 使用科室 and 信息中心 heads (总体要求(6)), and the vendor's engineer. */
export const inspectionParties = ['department', 'it-center', 'vendor'] as const;
export type InspectionParty = (typeof inspectionParties)[number];

export interface InspectionSheetData {
  hospital: { id: string; name: string };
  contract: { id: string; title: string; number?: string | null; coveredSystem: string };
  period: ReportPeriod;
  /** The visit as recorded; null fields print as blanks to fill on site. */
  visit: { date: string | null; place: string | null; engineer: string | null };
  checks: InspectionCheck[];
  /** 发现问题及处理情况. */
  findings: string | null;
  signatures: ({ party: InspectionParty } & RecordedSignature)[];
}

/**
 * The items of a quarterly inspection, from the seed: 应用系统运行情况 (each covered subsystem and
 * its interfaces), 主机运行情况 and the monthly clean-up (售后服务内容（5）), 数据库系统情况 with
 * backup and restore (总体要求(5)).
 */
export function defaultInspectionChecks(subsystemNames: readonly string[]): InspectionCheck[] {
  const application = subsystemNames.map((name) => `${name}运行情况`);
  const host = [
    'CPU、内存使用率',
    '磁盘空间使用率',
    '系统日志检查',
    '系统日志归档与轮转（留存不少于六个月）、磁盘垃圾、碎片文件清理',
  ];
  const database = [
    '数据库服务及连接状态',
    '表空间及存储使用率',
    '数据库性能（慢查询、锁等待）',
    '数据备份情况',
    '数据恢复测试',
    '异常数据检查',
  ];
  return [
    ...application.map((item) => ({ area: 'application' as const, item, result: null })),
    { area: 'application', item: '应用日志错误检查', result: null },
    ...host.map((item) => ({ area: 'host' as const, item, result: null })),
    ...database.map((item) => ({ area: 'database' as const, item, result: null })),
  ];
}

const labels: Record<InspectionParty, SignatureLabels> = {
  department: { signer: '使用科室负责人', date: '日期' },
  'it-center': { signer: '信息中心负责人', date: '日期' },
  vendor: { signer: '巡检工程师', date: '日期' },
};

/** 一式两份: one copy stays with the hospital, one with the vendor. */
const copies = ['第一联 医院留存', '第二联 厂商留存'] as const;

function oneCopy(d: InspectionSheetData, copy: string): FileChild[] {
  const signed = (p: InspectionParty) => d.signatures.find((s) => s.party === p) ?? null;
  const checkRows: CellSpec[][] = [];
  for (const area of inspectionAreas) {
    const checks = d.checks.filter((c) => c.area === area);
    checks.forEach((c, i) => {
      const row: CellSpec[] = [
        { content: c.item },
        { content: choiceBoxes(results, resultNames, c.result) },
        { content: c.note ?? '' },
      ];
      checkRows.push(
        i === 0
          ? [
              {
                content: `${areaNames[area]}运行情况`,
                rowSpan: checks.length,
                bold: true,
                align: 'center',
              },
              ...row,
            ]
          : row,
      );
    });
  }
  return [
    paragraph(copy, { align: 'right', bold: true }),
    title(d.hospital.name),
    title(`系统巡检单（${periodTitle(d.period)}）`),
    table(
      [20, 80],
      [
        [{ content: '项目名称', bold: true }, d.contract.title],
        [{ content: '巡检系统', bold: true }, d.contract.coveredSystem],
        [
          { content: '服务期间', bold: true },
          `${dateZh(d.period.startsOn)} 至 ${dateZh(d.period.endsOn)}`,
        ],
        [
          { content: '巡检日期', bold: true },
          `${d.visit.date ? dateZh(d.visit.date) : blank}\u3000地点：${d.visit.place ?? blank}`,
        ],
        [{ content: '巡检工程师', bold: true }, d.visit.engineer ?? blank],
      ],
    ),
    heading('检查项目'),
    table([16, 38, 20, 26], [headerRow(['类别', '检查内容', '结果', '说明']), ...checkRows]),
    heading('发现问题及处理情况'),
    table([1], [[d.findings ?? '\n\n']]),
    table(
      [1, 1, 1],
      [inspectionParties.map((p) => ({ content: signatureBlock(labels[p], signed(p)) }))],
    ),
    note('本巡检单一式两份，由使用科室和信息中心负责人签字确认，医院与厂商各留存一份。'),
  ];
}

/** The 巡检单 of 总体要求(6) as DOCX: two copies (一式两份), each on its own pages. */
export async function renderInspectionSheet(d: InspectionSheetData): Promise<Buffer> {
  const [first, second] = copies;
  return docxBytes(
    {
      title: `${d.hospital.name} 系统巡检单（${periodTitle(d.period)}）`,
      subject: d.contract.title,
    },
    [...oneCopy(d, first), pageBreak(), ...oneCopy(d, second)],
  );
}
