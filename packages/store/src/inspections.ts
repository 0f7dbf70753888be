import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type {
  ChecklistItem,
  InspectionFinding,
  InspectionItem,
  InspectionSigner,
  InspectionState,
} from '@weibao/domain';
import type { AuditRecord } from './audit.ts';
import type { Db } from './client.ts';
import type { Page } from './cursor.ts';
import { keys, stripKeys } from './keys.ts';
import { queryPage } from './query-page.ts';
import { versionedWrite, type WriteCondition } from './versioned-write.ts';
import type { Who } from './who.ts';

/** A contract's 巡检 checklist as vendor staff edited it (absent: the 巡检单's default). */
export interface InspectionChecklistRecord {
  hospitalId: string;
  contractId: string;
  items: ChecklistItem[];
  updatedBy: Who;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A photo taken on site, uploaded through a presigned URL under the inspection's folder. */
export interface InspectionPhoto {
  key: string;
  fileName: string;
}

/**
 * A hospital signer's signature of a frozen 巡检单: the name as the signer gave it, the role
 * signed for, when, and the SHA-256 of the content signed. On the engineer's phone the engineer is
 * the witness; through a signed link, the address the link was sent to.
 */
export interface InspectionSignature {
  signer: InspectionSigner;
  name: string;
  signedAt: string;
  contentSha256: string;
  via: 'engineer-phone' | 'link';
  /** The link's recipient; null on the engineer's phone. */
  email: string | null;
  /** The engineer in whose session the signer signed; null through a link. */
  witness: Who | null;
}

/** One visit's 巡检 record (巡检单) of a contract. */
export interface InspectionRecord {
  id: string;
  hospitalId: string;
  contractId: string;
  /** The inspection obligation this visit proves, and the contract quarter it falls in. */
  obligationId: string;
  quarter: number;
  engineer: Who;
  arrivedAt: string | null;
  leftAt: string | null;
  place: string | null;
  items: InspectionItem[];
  findings: InspectionFinding[];
  /** The next finding's number (f<n>), so a removed finding's id is never given again. */
  nextFindingNo: number;
  photos: InspectionPhoto[];
  state: InspectionState;
  /** Set when submitted for signature: the content is frozen from then on. */
  contentSha256: string | null;
  submittedAt: string | null;
  signatures: InspectionSignature[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export async function inspectionChecklist(
  db: Db,
  hospitalId: string,
  contractId: string,
): Promise<InspectionChecklistRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.inspectionChecklist(hospitalId, contractId),
    }),
  );
  return out.Item
    ? stripKeys<InspectionChecklistRecord & Record<string, unknown>>(out.Item)
    : undefined;
}

export async function saveInspectionChecklist(
  db: Db,
  c: InspectionChecklistRecord,
  condition: WriteCondition,
  audit: AuditRecord,
): Promise<void> {
  await versionedWrite(db, {
    item: {
      ...keys.inspectionChecklist(c.hospitalId, c.contractId),
      itemType: 'InspectionChecklist',
      ...c,
    },
    condition,
    audit,
  });
}

export async function inspectionById(
  db: Db,
  hospitalId: string,
  contractId: string,
  inspectionId: string,
): Promise<InspectionRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.inspection(hospitalId, contractId, inspectionId),
      ConsistentRead: true,
    }),
  );
  return out.Item ? stripKeys<InspectionRecord & Record<string, unknown>>(out.Item) : undefined;
}

/** A contract's inspections, newest first (ids are ULIDs). */
export function inspectionsOfContract(
  db: Db,
  hospitalId: string,
  contractId: string,
  opts: { limit?: number; cursor?: string } = {},
): Promise<Page<InspectionRecord>> {
  const { pk, skPrefix } = keys.inspectionsOfContract(hospitalId, contractId);
  return queryPage(db, {
    partition: { pk },
    sort: { prefix: skPrefix },
    newestFirst: true,
    ...opts,
  });
}

export async function saveInspection(
  db: Db,
  r: InspectionRecord,
  condition: WriteCondition,
  audit: AuditRecord,
  /** Items that must not exist yet, in the same transaction (an idempotency or used-link record). */
  alsoCreate?: Record<string, unknown>[],
): Promise<void> {
  await versionedWrite(db, {
    item: { ...keys.inspection(r.hospitalId, r.contractId, r.id), itemType: 'Inspection', ...r },
    condition,
    audit,
    ...(alsoCreate ? { alsoCreate } : {}),
  });
}
