import type { FileChild } from 'docx';
import {
  defaultChecklist,
  inspectionAreas,
  inspectionResults as results,
  type InspectionArea,
  type InspectionResult,
} from '@weibao/domain';
import { blank, choiceBoxes, dateZh, shanghaiTime } from './document-format.ts';
import { docxBytes, heading, note, pageBreak, paragraph, title } from './docx-page.ts';
import { headerRow, table, type CellSpec } from './docx-tables.ts';
import type { ReportPeriod } from './evaluation-report.ts';
import { periodTitle } from './evaluation-report.ts';
import { signatureBlock, type RecordedSignature, type SignatureLabels } from './signature-block.ts';

const areaNames: Record<InspectionArea, string> = {
  application: '应用系统',
  host: '主机',
  database: '数据库',
};
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
  visit: {
    date: string | null;
    place: string | null;
    engineer: string | null;
    /** Arrival and departure (UTC instants), printed in 北京时间 when recorded. */
    arrivedAt?: string | null;
    leftAt?: string | null;
  };
  checks: InspectionCheck[];
  /** 发现问题及处理情况. */
  findings: string | null;
  signatures: ({ party: InspectionParty } & RecordedSignature)[];
}

/** The 巡检单's default items (the domain's checklist), none checked yet: a blank sheet. */
export function defaultInspectionChecks(subsystemNames: readonly string[]): InspectionCheck[] {
  return defaultChecklist(subsystemNames).map((c) => ({ ...c, result: null }));
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
        [
          { content: '到场/离场', bold: true },
          `${d.visit.arrivedAt ? shanghaiTime(d.visit.arrivedAt) : blank} 至 ${d.visit.leftAt ? shanghaiTime(d.visit.leftAt) : blank}`,
        ],
        [{ content: '巡检工程师', bold: true }, d.visit.engineer ?? blank],
      ],
    ),
    heading('检查项目'),
    table([16, 38, 20, 26], [headerRow(['类别', '检查内容', '结果', '说明']), ...checkRows]),
    heading('发现问题及处理情况'),
    table([1], [[(d.findings ?? '\n\n').split('\n')]]),
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
