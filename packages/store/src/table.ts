/**
 * The single table, defined once: CDK builds the AWS table from this, the local stack creates
 * DynamoDB Local's table from this, and docs/data-model.md is generated from it.
 */
export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalIndexes: [
    /** Vendor-wide lists: all hospitals, contracts by end date, the vendor's queue by next deadline. */
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Hospital-scoped second orderings: tickets by status and report time, a hospital's audit records by time. */
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    /** Hospital-scoped third orderings: audit by entity, obligations by due date. */
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    /**
     * A hospital's open work (sparse): its open tickets by next deadline and its open obligations by
     * due date, for an engineer limited to some hospitals, whose vendor-wide lists read only
     * their hospitals' partitions of it.
     */
    { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
    /**
     * Every hospital's kept tickets by report time, sharded by a hash of the hospital: 工单查询
     * across hospitals reads and filters them on the server, a page at a time.
     */
    { name: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk' },
  ],
  /** Epoch seconds; DynamoDB deletes the item some time after (idempotency records, signed links). */
  ttlAttribute: 'expiresAt',
} as const;

export type IndexName = (typeof tableDefinition.globalIndexes)[number]['name'];
