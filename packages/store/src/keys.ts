/**
 * The only module that builds keys. Every key of hospital data starts with the hospital id
 * (`H#<hospitalId>`), so IAM `dynamodb:LeadingKeys` isolation stays possible.
 */
const H = (hospitalId: string) => `H#${hospitalId}`;
/** 12 digits: a trillion changes per hospital before the order would break. */
const auditSequence = (seq: number) => String(seq).padStart(12, '0');

export const keys = {
  hospital: (hospitalId: string) => ({ pk: H(hospitalId), sk: 'HOSPITAL' }),
  /** gsi1: all hospitals, for the vendor. Removed on soft delete (a sparse index). */
  hospitalInVendorList: (hospitalId: string) => ({ gsi1pk: 'HOSPITALS', gsi1sk: H(hospitalId) }),
  allHospitalsPartition: () => ({ gsi1pk: 'HOSPITALS' }),

  contract: (hospitalId: string, contractId: string) => ({
    pk: H(hospitalId),
    sk: `CONTRACT#${contractId}`,
  }),
  contractsOfHospital: (hospitalId: string) => ({ pk: H(hospitalId), skPrefix: 'CONTRACT#' }),
  /** gsi1: contracts by the day their term ends, for renewals across hospitals. */
  contractByEnd: (hospitalId: string, contractId: string, endsOn: string) => ({
    gsi1pk: 'CONTRACTS_BY_END',
    gsi1sk: `${endsOn}#${H(hospitalId)}#${contractId}`,
  }),

  /** An idempotency record: a retried create finds what the first attempt made. */
  idempotency: (hospitalId: string, scope: string, key: string) => ({
    pk: H(hospitalId),
    sk: `IDEMPOTENCY#${scope}#${key}`,
  }),

  /**
   * Audit records of a hospital in chain order: the sort key is the record's sequence number,
   * zero-padded so that string order is number order. gsi3 gives those of one entity.
   */
  audit: (hospitalId: string, seq: number) => ({
    pk: `${H(hospitalId)}#AUDIT`,
    sk: auditSequence(seq),
  }),
  auditOfHospital: (hospitalId: string) => ({ pk: `${H(hospitalId)}#AUDIT` }),
  auditOfEntity: (hospitalId: string, entityType: string, entityId: string, seq: number) => ({
    gsi3pk: `${H(hospitalId)}#AUDIT#${entityType}#${entityId}`,
    gsi3sk: auditSequence(seq),
  }),
  /** The head of a hospital's audit chain: the last sequence number and hash, moved in every change's transaction. */
  auditHead: (hospitalId: string) => ({ pk: H(hospitalId), sk: 'AUDIT_HEAD' }),
} as const;

export const keyAttributes = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
] as const;

/** Removes key attributes and the item type, leaving the entity. */
export function stripKeys<T extends Record<string, unknown>>(item: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...item };
  for (const k of keyAttributes) delete out[k];
  delete out.itemType;
  delete out.expiresAt;
  return out as T;
}
