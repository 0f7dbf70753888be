import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from './audit.ts';
import { quarterPeriodKey } from './deliverables.ts';
import type { Db } from './client.ts';
import { keys, stripKeys } from './keys.ts';
import { versionedWrite, type WriteCondition } from './versioned-write.ts';
import type { Who } from './who.ts';

/** The vendor's written part of a contract quarter's 季度系统分析报告 (absent: nothing written yet). */
export interface QuarterAnalysisRecord {
  hospitalId: string;
  contractId: string;
  /** 1-based contract quarter (服务期每三个月). */
  quarter: number;
  /** 分析结论 */
  conclusion: string;
  /** 系统优化扩展方案 */
  recommendations: string;
  updatedBy: Who;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export async function quarterAnalysisById(
  db: Db,
  hospitalId: string,
  contractId: string,
  quarter: number,
): Promise<QuarterAnalysisRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.quarterAnalysis(hospitalId, contractId, quarterPeriodKey(quarter)),
    }),
  );
  return out.Item
    ? stripKeys<QuarterAnalysisRecord & Record<string, unknown>>(out.Item)
    : undefined;
}

export async function saveQuarterAnalysis(
  db: Db,
  r: QuarterAnalysisRecord,
  condition: WriteCondition,
  audit: AuditRecord,
): Promise<void> {
  await versionedWrite(db, {
    item: {
      ...keys.quarterAnalysis(r.hospitalId, r.contractId, quarterPeriodKey(r.quarter)),
      itemType: 'QuarterAnalysis',
      ...r,
    },
    condition,
    audit,
  });
}
