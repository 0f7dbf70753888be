import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ManualDecision } from '@weibao/domain';
import type { AuditRecord } from './audit.ts';
import type { Db } from './client.ts';
import { keys, stripKeys } from './keys.ts';
import { queryPage } from './query-page.ts';
import { versionedWrite, type WriteCondition } from './versioned-write.ts';
import type { Who } from './who.ts';

type By = Who;

/** What happened to one payment milestone of a contract (its rule is in the contract's terms). */
export interface PaymentRecord {
  hospitalId: string;
  contractId: string;
  milestoneId: string;
  invoiceSentOn: string | null;
  invoiceNumber: string | null;
  invoiceReceivedOn: string | null;
  paidOn: string | null;
  paidFen: number | null;
  /** 按监理和审计出具报告执行 */
  manualDecision: (ManualDecision & { decidedBy: By }) | null;
  /** 总合同审定金额, the audit's result: the final milestone pays against it. */
  audit: { auditedTotalFen: number; auditedOn: string; recordedBy: By } | null;
  history: { at: string; by: By; action: string }[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export async function paymentOfMilestone(
  db: Db,
  hospitalId: string,
  contractId: string,
  milestoneId: string,
): Promise<PaymentRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.payment(hospitalId, contractId, milestoneId),
    }),
  );
  return out.Item ? stripKeys<PaymentRecord & Record<string, unknown>>(out.Item) : undefined;
}

/** The recorded milestones of a contract (a contract has a handful). */
export async function paymentsOfContract(
  db: Db,
  hospitalId: string,
  contractId: string,
): Promise<PaymentRecord[]> {
  const { pk, skPrefix } = keys.paymentsOfContract(hospitalId, contractId);
  const page = await queryPage<PaymentRecord>(db, {
    partition: { pk },
    sort: { prefix: skPrefix },
    limit: 100,
  });
  return page.items;
}

export async function savePayment(
  db: Db,
  p: PaymentRecord,
  condition: WriteCondition,
  audit: AuditRecord,
): Promise<void> {
  await versionedWrite(db, {
    item: {
      ...keys.payment(p.hospitalId, p.contractId, p.milestoneId),
      itemType: 'Payment',
      ...p,
    },
    condition,
    audit,
  });
}
