/**
 * 项目提交物 (服务期每三个月提交): 巡检报告、维保服务评价报告，以及（如有）会议纪要、需求变更清单、
 * 培训记录、调优记录. The first two are owed every period; the others only where there were any.
 */
export const deliverableItems = [
  { id: 'inspection-report', nameZh: '巡检报告', always: true },
  { id: 'evaluation-report', nameZh: '维保服务评价报告', always: true },
  { id: 'meeting-minutes', nameZh: '会议纪要', always: false },
  { id: 'change-request-list', nameZh: '需求变更清单', always: false },
  { id: 'training-records', nameZh: '培训记录', always: false },
  { id: 'tuning-records', nameZh: '调优记录', always: false },
] as const;
export type DeliverableItemId = (typeof deliverableItems)[number]['id'];
export const deliverableItemIds = deliverableItems.map((i) => i.id) as [
  DeliverableItemId,
  ...DeliverableItemId[],
];

/** How one item of a period's package stands. */
export type DeliverableState =
  | { state: 'attached' | 'generated'; fileKey: string; fileName: string }
  /** 如有: nothing of this kind happened in the period, and why. */
  | { state: 'none'; reason: string };

export interface PackageStatus {
  complete: boolean;
  /** Items still owed: not attached, generated, or (where allowed) marked none. */
  missing: DeliverableItemId[];
}

/** Whether a period's package is complete: every item in, or marked none where the seed allows. */
export function packageStatus(
  items: Partial<Record<DeliverableItemId, DeliverableState>>,
): PackageStatus {
  const missing = deliverableItems
    .filter((item) => {
      const s = items[item.id];
      if (!s) return true;
      return s.state === 'none' && item.always;
    })
    .map((i) => i.id);
  return { complete: missing.length === 0, missing };
}

/** The seed owes the inspection and evaluation reports every period: they cannot be "none". */
export function mayBeNone(item: DeliverableItemId): boolean {
  return !deliverableItems.find((i) => i.id === item)?.always;
}

/**
 * 200 MB per deliverable file: a quarter's scanned minutes or a training video clip fit, and the
 * presigned PUT is signed for the declared length, so S3 stores nothing larger.
 */
export const maxDeliverableBytes = 200 * 1024 * 1024;
