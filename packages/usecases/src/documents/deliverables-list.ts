import { blank } from './document-format.ts';
import { docxBytes, note, quarterListHead } from './docx-page.ts';
import { headerRow, table } from './docx-tables.ts';
import { periodTitle, type ReportPeriod } from './evaluation-report.ts';
import { signatureBlock, type RecordedSignature } from './signature-block.ts';

/**
 * 商务要求（一）项目提交物, in the seed's order: 巡检报告、系统应用效果评价报告（见附件1）、
 * 需求沟通会议纪要（如有）、需求变更改造清单（如有）、用户培训记录（如有）、系统调优记录（如有）.
 */
export const deliverableKinds = [
  'inspection-report',
  'evaluation-report',
  'meeting-minutes',
  'change-requests',
  'training-records',
  'tuning-records',
] as const;
export type DeliverableKind = (typeof deliverableKinds)[number];

export const deliverableNamesZh: Record<DeliverableKind, string> = {
  'inspection-report': '巡检报告',
  'evaluation-report': '系统应用效果评价报告',
  'meeting-minutes': '需求沟通会议纪要',
  'change-requests': '需求变更改造清单',
  'training-records': '用户培训记录',
  'tuning-records': '系统调优记录',
};

/** The first two are owed every quarter; the others only when there were any (如有). */
export const requiredDeliverables: readonly DeliverableKind[] = [
  'inspection-report',
  'evaluation-report',
];

/** attached: a file is on record; generated: weibao makes it from the record; none: not this quarter. */
export type DeliverableStatus = 'attached' | 'generated' | 'none';
const statusNames: Record<DeliverableStatus, string> = {
  attached: '已附',
  generated: '系统生成',
  none: '本季度无',
};

export interface DeliverableItem {
  kind: DeliverableKind;
  status: DeliverableStatus;
  /** The file names on record, for attached or generated items. */
  files: string[];
  /** Why there is none, or what the item holds. */
  reason: string | null;
}

export interface DeliverablesListData {
  hospital: { id: string; name: string };
  contract: { id: string; title: string; number?: string | null };
  period: ReportPeriod;
  /** One per kind; a missing kind prints as none without a reason. */
  items: DeliverableItem[];
  signatures: ({ party: 'vendor' | 'it-center' } & RecordedSignature)[];
}

/** 项目提交物清单 of one quarter as DOCX, with the vendor's submission and the hospital's receipt. */
export async function renderDeliverablesList(d: DeliverablesListData): Promise<Buffer> {
  const signed = (p: 'vendor' | 'it-center') => d.signatures.find((s) => s.party === p) ?? null;
  const rows = deliverableKinds.map((kind, i) => {
    const item = d.items.find((x) => x.kind === kind) ?? {
      kind,
      status: 'none' as const,
      files: [],
      reason: null,
    };
    const required = requiredDeliverables.includes(kind);
    // A required item that is missing is said plainly: the progress payment waits for it.
    const status = item.status === 'none' && required ? '缺' : statusNames[item.status];
    return [
      { content: String(i + 1), align: 'center' as const },
      deliverableNamesZh[kind],
      { content: required ? '每季度' : '如有', align: 'center' as const },
      { content: status, align: 'center' as const },
      [...item.files, ...(item.reason ? [item.reason] : [])].join('；'),
    ];
  });
  const heading = `项目提交物清单（${periodTitle(d.period)}）`;
  return docxBytes({ title: `${d.hospital.name} ${heading}`, subject: d.contract.title }, [
    ...quarterListHead(d, heading),
    table(
      [7, 30, 12, 13, 38],
      [headerRow(['序号', '提交物', '要求', '状态', '文件及说明']), ...rows],
    ),
    note(
      '依据：商务要求（一）服务期每三个月，乙方向甲方提交项目交付物，包括但不限于：巡检报告、系统应用效果评价报告（见附件1）、需求沟通会议纪要（如有）、需求变更改造清单（如有）、用户培训记录（如有）、系统调优记录（如有）。',
    ),
    table(
      [1, 1],
      [
        [
          {
            content: signatureBlock(
              { signer: '提交人（乙方）', date: '提交日期' },
              signed('vendor'),
            ),
          },
          {
            content: signatureBlock(
              { signer: '接收人（信息中心）', date: '接收日期' },
              signed('it-center'),
            ),
          },
        ],
      ],
    ),
    note(`未填写项请手写：${blank}`),
  ]);
}
