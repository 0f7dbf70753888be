import type { Severity } from '../contract.ts';

/** 售后服务内容（6）定期系统巡检: 应用系统运行情况，主机运行情况，数据库系统情况. */
export const inspectionAreas = ['application', 'host', 'database'] as const;
export type InspectionArea = (typeof inspectionAreas)[number];

export const inspectionResults = ['normal', 'abnormal'] as const;
export type InspectionResult = (typeof inspectionResults)[number];

/** One line of a contract's checklist: what the engineer checks on every visit. */
export interface ChecklistItem {
  area: InspectionArea;
  item: string;
}

/** A checked line of one visit: null result while not yet checked. */
export interface InspectionItem extends ChecklistItem {
  result: InspectionResult | null;
  remark: string | null;
}

/** 发现问题: what the engineer found, how serious it looks, its photos and the ticket it opened. */
export interface InspectionFinding {
  /** f1, f2, … in the order they were recorded. */
  id: string;
  text: string;
  /** The engineer's hint, used as the ticket's severity when the finding opens one. */
  severity: Severity;
  photoKeys: string[];
  ticketId: string | null;
}

/** The hospital's two signers of a 巡检单 (总体要求(6)): 使用科室 and 信息中心 heads. */
export const inspectionSigners = ['department', 'it-center'] as const;
export type InspectionSigner = (typeof inspectionSigners)[number];

/** 草稿 → 待签字 (content frozen) → 已签字 (both hospital signatures). */
export const inspectionStates = ['draft', 'awaiting-signatures', 'signed'] as const;
export type InspectionState = (typeof inspectionStates)[number];

/**
 * The items of a quarterly inspection, from the seed: 应用系统运行情况 (each covered subsystem and
 * its interfaces), 主机运行情况 and the monthly clean-up (售后服务内容（5）), 数据库系统情况 with
 * backup and restore (总体要求(5)).
 */
export function defaultChecklist(subsystemNames: readonly string[]): ChecklistItem[] {
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
    ...subsystemNames.map((name) => ({ area: 'application' as const, item: `${name}运行情况` })),
    { area: 'application', item: '应用日志错误检查' },
    ...host.map((item) => ({ area: 'host' as const, item })),
    ...database.map((item) => ({ area: 'database' as const, item })),
  ];
}

/** What the engineer has to fill before the record may go to the signers, as field problems. */
export interface InspectionGap {
  path: string;
  message: string;
}

/**
 * Why a visit's record is not ready to be signed: every item checked, an abnormal result
 * explained, arrival and departure recorded in order, and every abnormal item carried into a
 * finding or a remark. An empty list means ready.
 */
export function gapsBeforeSignature(r: {
  arrivedAt: string | null;
  leftAt: string | null;
  items: readonly InspectionItem[];
}): InspectionGap[] {
  const gaps: InspectionGap[] = [];
  if (!r.arrivedAt) gaps.push({ path: 'arrivedAt', message: '请填写到场时间' });
  if (!r.leftAt) gaps.push({ path: 'leftAt', message: '请填写离场时间' });
  if (r.arrivedAt && r.leftAt && Date.parse(r.leftAt) <= Date.parse(r.arrivedAt))
    gaps.push({ path: 'leftAt', message: '离场时间须晚于到场时间' });
  r.items.forEach((i, n) => {
    if (i.result === null)
      gaps.push({ path: `items.${n}.result`, message: `“${i.item}”尚未填写检查结果` });
    else if (i.result === 'abnormal' && !i.remark?.trim())
      gaps.push({ path: `items.${n}.remark`, message: `“${i.item}”结果异常，请填写说明` });
  });
  return gaps;
}

/** The state that follows from the signatures present on a frozen record. */
export function stateAfterSignatures(signed: readonly InspectionSigner[]): InspectionState {
  return inspectionSigners.every((s) => signed.includes(s)) ? 'signed' : 'awaiting-signatures';
}

/** The contract quarter (1-based) a day falls in, given the quarters' periods; null outside the term. */
export function quarterOfDay(
  quarters: readonly { index: number; startsOn: string; endsOn: string }[],
  day: string,
): number | null {
  return quarters.find((q) => q.startsOn <= day && day <= q.endsOn)?.index ?? null;
}
