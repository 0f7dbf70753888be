/**
 * The fewest DynamoDB requests each API operation needs, with the reason: the access pattern it
 * serves (docs/access-patterns.md) and the facts its answer or its write must contain. The
 * benchmark divides what weibao sends by this.
 */
export interface MinimumRequests {
  requests: string[];
  reason: string;
}

const readThenTransact =
  'the item, which carries its audit lane head, in one GetItem or BatchGetItem (version check, prevHash), then the entity with its moved lane head, its new timeline events and the audit record in one TransactWriteItems';

export const minimumRequests: Record<string, MinimumRequests> = {
  getHospital: { requests: ['GetItem'], reason: 'hospital by id: one GetItem' },
  listHospitals: { requests: ['Query'], reason: 'all hospitals: one Query of gsi1 HOSPITALS' },
  getContract: { requests: ['GetItem'], reason: 'contract by id: one GetItem' },
  listContracts: {
    requests: ['Query'],
    reason: 'contracts of a hospital: one Query of its partition (CONTRACT#)',
  },
  listTickets: {
    requests: ['Query'],
    reason: 'tickets of a hospital by report time: one Query, one page',
  },
  getTicket: {
    requests: ['GetItem'],
    reason:
      'ticket by id: one GetItem; the SLA clocks come from the ticket’s own SLA log and the contract’s terms as this process last read them (60 s), the timeline only for a ticket written before the log was kept',
  },
  listTicketEvents: {
    requests: ['Query'],
    reason: 'events of a ticket in order: one Query (TEV#<ticket>#)',
  },
  getVendorQueue: {
    requests: Array.from({ length: 9 }, () => 'Query'),
    reason:
      'open tickets of all hospitals by next deadline: one Query of each of the 8 gsi1 QUEUE#<shard> partitions (spread by hospital so no single key takes every hospital), merged, and one of the removed hospitals (gsi1 HOSPITALS_REMOVED, a few items), whose tickets it leaves out',
  },
  listLedger: { requests: ['Query'], reason: 'deductions of a contract: one Query (LEDGER#)' },
  listAuditRecords: {
    requests: ['Query'],
    reason: 'audit records of a hospital by time: one Query of gsi2 (its audit timeline)',
  },
  listAdvanceNotices: {
    requests: ['Query'],
    reason: 'advance notices of a hospital: one Query (NOTICE#)',
  },
  getDeductionSummary: {
    requests: ['Query', 'Query', 'Query', 'BatchGetItem', ...Array<string>(8).fill('Query')],
    reason:
      'contract quarters ending in a window, from the rollups: a page of hospitals (one Query of gsi1 HOSPITALS), each one’s contracts to know its quarters (one Query each, the 2 demo hospitals here), their quarter cells (one BatchGetItem), and the total of every hospital (one Query of each of the 8 total shards)',
  },
  createTicket: {
    requests: ['BatchGetItem', 'UpdateItem', 'TransactWriteItems'],
    reason:
      'hospital (number prefix) and contract (terms) in one BatchGetItem; the next number from the atomic counter (its value decides the number item, so it cannot share the transaction); ticket (with its new audit lane head), number, first event and audit record in one TransactWriteItems',
  },
  postComment: { requests: ['BatchGetItem', 'TransactWriteItems'], reason: readThenTransact },
  postResponse: {
    requests: ['BatchGetItem', 'TransactWriteItems'],
    reason: `${readThenTransact}; the contract terms ride in the BatchGetItem (SLA re-evaluation)`,
  },
  slaTimerBreach: {
    requests: ['BatchGetItem', 'TransactWriteItems'],
    reason:
      'ticket (with its audit lane head) and contract terms in one BatchGetItem; mark, breach event, ledger entry and audit record in one TransactWriteItems (the escalation outbox rides in the ticket item)',
  },
  slaTimerRepeat: {
    requests: ['GetItem'],
    reason: 'a repeated delivery: one consistent GetItem of the ticket shows the mark is there',
  },
};
