import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from './audit.ts';
import type { Db } from './client.ts';
import { keys, stripKeys } from './keys.ts';
import { versionedWrite, type WriteCondition } from './versioned-write.ts';

/**
 * The vendor's company as its documents name it: 服务提供方 on every evaluation report and sheet
 * (vendor data, one item in the vendor's partition).
 */
export interface VendorProfileRecord {
  /** The company name as on the contract, e.g. 武汉某某软件有限公司. */
  name: string;
  address: string | null;
  /** Who holds the company seal and signs as 服务方代表. */
  sealHolder: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export async function vendorProfile(db: Db): Promise<VendorProfileRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.vendorProfile(), ConsistentRead: true }),
  );
  return out.Item ? stripKeys<VendorProfileRecord & Record<string, unknown>>(out.Item) : undefined;
}

/** Saved with its audit record in the vendor's chain (`vendorChainId`), version-checked. */
export async function saveVendorProfile(
  db: Db,
  p: VendorProfileRecord,
  condition: WriteCondition,
  audit: AuditRecord,
): Promise<void> {
  await versionedWrite(db, {
    item: { ...keys.vendorProfile(), itemType: 'VendorProfile', ...p },
    condition,
    audit,
  });
}
