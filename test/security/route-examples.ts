import type { OperationId } from '@weibao/api';
import { contractFromTemplate, seedCpoeTemplate } from '@weibao/domain';
import type {
  AdvanceNoticeRecord,
  ContractRecord,
  HospitalRecord,
  LedgerEntryRecord,
  TicketRecord,
} from '@weibao/store';

/** A hospital the security tests made for one case: a contract, a ticket, its deduction, a notice. */
export interface HospitalFixture {
  hospital: HospitalRecord;
  contract: ContractRecord;
  ticket: TicketRecord;
  ledgerEntry: LedgerEntryRecord;
  notice: AdvanceNoticeRecord;
  /** A signed link acknowledging `notice`, minted with the stack's key. */
  noticeLinkToken: string;
  /** A proof file of the contract's inspection-2, uploaded to S3 through its presigned URL. */
  proofUploadId: string;
}

/** What an example may build its request from. */
export interface ExampleContext {
  /** The hospital the request targets (its id also goes into {hospitalId}). */
  target: HospitalFixture;
  /** Unique per request, for the ids of things a request creates. */
  unique: string;
}

/**
 * The smallest valid request of one route, beside {hospitalId}: what the isolation matrix sends
 * so that an allowed caller gets a 2xx, and what the fuzz tests mutate. Every route of the table
 * must have one; a route added without one fails test/security/route-examples.test.ts.
 */
export interface RouteExample {
  params?: (c: ExampleContext) => Record<string, string>;
  query?: (c: ExampleContext) => Record<string, string>;
  body?: (c: ExampleContext) => unknown;
  headers?: (c: ExampleContext) => Record<string, string>;
}

export const exampleTerms = () =>
  contractFromTemplate(seedCpoeTemplate, { signedOn: '2026-01-05' });

export const routeExamples: Partial<Record<OperationId, RouteExample>> = {
  getHealth: {},
  getOpenApi: {},
  getMe: {},
  listContractTemplates: {},
  listHospitals: { query: () => ({ limit: '10' }) },
  createHospital: {
    body: ({ unique }) => ({
      id: `new-${unique}`,
      name: `新医院 ${unique}`,
      code: 'NEWH',
      campuses: ['主院区'],
      intakeLocalPart: `new-${unique}`,
    }),
  },
  getHospital: {},
  updateHospital: {
    body: ({ target }) => ({
      version: target.hospital.version,
      name: `${target.hospital.name}（更名）`,
    }),
  },
  deleteHospital: { query: ({ target }) => ({ version: String(target.hospital.version) }) },
  listContracts: { query: () => ({ limit: '10' }) },
  createContract: {
    body: () => ({ terms: exampleTerms() }),
    headers: ({ unique }) => ({ 'idempotency-key': `create-${unique}` }),
  },
  getContract: { params: ({ target }) => ({ contractId: target.contract.id }) },
  updateContract: {
    params: ({ target }) => ({ contractId: target.contract.id }),
    body: ({ target }) => ({
      terms: { ...target.contract.terms, name: `${target.contract.terms.name}（修订）` },
      version: target.contract.version,
    }),
  },
  deleteContract: {
    params: ({ target }) => ({ contractId: target.contract.id }),
    query: ({ target }) => ({ version: String(target.contract.version) }),
  },
  listAuditRecords: { query: () => ({ limit: '10' }) },
  listTickets: { query: () => ({ status: 'new', limit: '10' }) },
  createTicket: {
    body: ({ unique }) => ({
      kind: 'fault',
      severity: 'minor',
      title: `报告 ${unique}`,
      description: '打印预览空白',
    }),
    headers: ({ unique }) => ({ 'idempotency-key': `ticket-${unique}` }),
  },
  getTicket: { params: ({ target }) => ({ ticketId: target.ticket.id }) },
  listTicketEvents: { params: ({ target }) => ({ ticketId: target.ticket.id }) },
  postTicketEvent: {
    params: ({ target }) => ({ ticketId: target.ticket.id }),
    body: ({ target, unique }) => ({
      type: 'comment',
      version: target.ticket.version,
      text: `补充 ${unique}`,
      visibility: 'public',
    }),
  },
  getVendorQueue: { query: () => ({ limit: '10' }) },
  listLedger: { params: ({ target }) => ({ contractId: target.contract.id }) },
  disputeLedgerEntry: {
    params: ({ target }) => ({ contractId: target.contract.id, entryId: target.ledgerEntry.id }),
    body: ({ target }) => ({
      action: 'raise',
      version: target.ledgerEntry.version,
      reason: '时间记录有误',
    }),
  },
  getDeductionSummary: { query: () => ({ from: '2026-01-01', to: '2026-12-31' }) },
  listAdvanceNotices: { query: () => ({ limit: '10' }) },
  createAdvanceNotice: {
    body: () => ({
      title: '数据库参数调整',
      description: '调整内存参数',
      windowStart: '2027-01-10T14:00:00Z',
      windowEnd: '2027-01-10T15:00:00Z',
      subsystemIds: ['s1'],
    }),
  },
  acknowledgeAdvanceNotice: {
    params: ({ target }) => ({ noticeId: target.notice.id }),
    body: ({ target }) => ({ version: target.notice.version }),
  },
  acknowledgeNoticeByLink: { body: ({ target }) => ({ token: target.noticeLinkToken }) },
  describeLink: { query: ({ target }) => ({ token: target.noticeLinkToken }) },
  listObligations: {
    params: ({ target }) => ({ contractId: target.contract.id }),
    query: () => ({ limit: '50' }),
  },
  getObligation: {
    params: ({ target }) => ({ contractId: target.contract.id, obligationId: 'inspection-1' }),
  },
  requestProofUpload: {
    params: ({ target }) => ({ contractId: target.contract.id, obligationId: 'inspection-1' }),
    body: ({ unique }) => ({
      filename: `巡检单-${unique}.pdf`,
      contentType: 'application/pdf',
      sizeBytes: 2048,
    }),
  },
  confirmProofUpload: {
    params: ({ target }) => ({
      contractId: target.contract.id,
      obligationId: 'inspection-2',
      uploadId: target.proofUploadId,
    }),
  },
  listWorkRecords: {
    params: ({ target }) => ({ contractId: target.contract.id }),
    query: () => ({ limit: '10' }),
  },
  addWorkRecord: {
    params: ({ target }) => ({ contractId: target.contract.id }),
    body: ({ unique }) => ({
      kind: 'tuning',
      performedOn: '2026-03-02',
      summary: `数据库调优 ${unique}`,
    }),
    headers: ({ unique }) => ({ 'idempotency-key': `work-${unique}` }),
  },
  listObligationsDue: { query: () => ({ withinDays: '7', limit: '10' }) },
};
