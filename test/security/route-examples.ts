import { createHash } from 'node:crypto';
import type { OperationId } from '@weibao/api';
import { contractFromTemplate, seedCpoeTemplate } from '@weibao/domain';
import type {
  AdvanceNoticeRecord,
  ContractRecord,
  EvaluationRecord,
  HospitalRecord,
  InspectionRecord,
  LedgerEntryRecord,
  PersonRecord,
  QuarantinedMailRecord,
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
  /** Quarter 1's evaluation with both parts entered, ready to be signed or disputed. */
  evaluation: EvaluationRecord;
  /** A signed link entering the department's part of `evaluation`. */
  evaluationLinkToken: string;
  /** A message to an unknown intake address, waiting in the (vendor-wide) quarantine. */
  quarantined: QuarantinedMailRecord;
  /** A proof file of the contract's inspection-2, uploaded to S3 through its presigned URL. */
  proofUploadId: string;
  /** The photo `ticket` was reported with, uploaded through its presigned URL. */
  ticketAttachmentKey: string;
  /** An obligation the vendor proved (a work record), awaiting the IT center's confirmation. */
  awaitingProof: { obligationId: string; version: number };
  /** A department user of the hospital, in the directory. */
  person: PersonRecord;
  /** A service manager in the vendor's directory, made for this fixture alone. */
  vendorPerson: PersonRecord;
  /** A WeCom notification channel of the hospital. */
  channel: { id: string; version: number };
  /** A visit in draft (for inspection-3). */
  draftInspection: InspectionRecord;
  /** A visit submitted for signature (for inspection-4), with finding f1. */
  awaitingInspection: InspectionRecord;
  /** A signed link for the department's signature of `awaitingInspection`. */
  inspectionLinkToken: string;
  /** A 扫码报修 QR link of the hospital's 心内科一病区, with its poster's token. */
  qrLink: { id: string; version: number; token: string };
  /** A survey round of the contract's second quarter, with one department's link. */
  feedbackRound: { quarter: number; version: number; token: string };
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

/** A Cognito-style sub (UUID) that is the same for the same `unique`. */
export const engineerSub = (unique: string) => {
  const hex = createHash('sha256').update(unique).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

export const exampleTerms = () =>
  contractFromTemplate(seedCpoeTemplate, {
    signedOn: '2026-01-05',
    evaluators: {
      department: { name: '科室评价人', email: 'dept-evaluator@fixture.example', title: null },
      itCenter: { name: '信息中心评价人', email: 'it-evaluator@fixture.example', title: null },
    },
  });

const draftParams = ({ target }: Pick<ExampleContext, 'target'>) => ({
  contractId: target.contract.id,
  inspectionId: target.draftInspection.id,
});
const awaitingParams = ({ target }: Pick<ExampleContext, 'target'>) => ({
  contractId: target.contract.id,
  inspectionId: target.awaitingInspection.id,
});

const spotChecks = { spotChecks: { sampled: 10, passed: 9 }, adverseEvents: 0 };
const evaluationParams = (c: ExampleContext) => ({
  contractId: c.target.contract.id,
  evaluationId: c.target.evaluation.id,
});

/**
 * A calendar year of its own for each `unique` (2100, 2101, …: no contract reaches them, and no two
 * requests of one file enter the same year at version 0).
 */
const exampleYears = new Map<string, number>();
const exampleYear = (unique: string) => {
  let year = exampleYears.get(unique);
  if (year === undefined) exampleYears.set(unique, (year = 2100 + exampleYears.size));
  if (year > 2200) throw new Error('more than 100 example calendar years in one file');
  return year;
};

export const routeExamples: Partial<Record<OperationId, RouteExample>> = {
  getHealth: {},
  getOpenApi: {},
  getMe: {},
  listContractTemplates: {},
  getEngineerHospitals: { params: ({ unique }) => ({ sub: engineerSub(unique) }) },
  putEngineerHospitals: {
    params: ({ unique }) => ({ sub: engineerSub(unique) }),
    body: ({ target }) => ({ hospitalIds: [target.hospital.id], version: 0 }),
  },
  listCalendarYears: {},
  getVendorProfile: {},
  // The same content each time: the first creates the profile, each later one is its retry (200).
  putVendorProfile: {
    body: () => ({ name: '示例服务商有限公司', address: null, sealHolder: null, version: 0 }),
  },
  listVendorPeople: {},
  inviteVendorPerson: {
    body: ({ unique }) => ({
      name: `监理 ${unique}`,
      email: `supervisor-${unique}@fixture.example`,
      phone: null,
      role: 'service-manager',
    }),
  },
  changeVendorPerson: {
    params: ({ target }) => ({ personId: target.vendorPerson.id }),
    body: ({ target }) => ({ version: target.vendorPerson.version, state: 'deactivated' }),
  },
  listHospitalPeople: {},
  inviteHospitalPerson: {
    body: ({ unique }) => ({
      name: `科室用户 ${unique}`,
      email: `dept-${unique}@fixture.example`,
      phone: '027-8888 0000',
      role: 'hospital-dept',
    }),
  },
  changeHospitalPerson: {
    params: ({ target }) => ({ personId: target.person.id }),
    body: ({ target }) => ({ version: target.person.version, state: 'deactivated' }),
  },
  putCalendarYear: {
    params: ({ unique }) => ({ year: String(exampleYear(unique)) }),
    body: ({ unique }) => ({
      notice: `国务院办公厅关于${exampleYear(unique)}年部分节假日安排的通知（测试）`,
      noticeDate: null,
      holidays: [{ date: `${exampleYear(unique)}-01-01`, name: '元旦' }],
      makeUpWorkdays: [],
      version: 0,
    }),
  },
  listHospitals: { query: () => ({ limit: '100' }) },
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
  listSimilarTickets: {
    query: ({ target }) => ({ subsystemId: target.ticket.subsystemId ?? 's1' }),
  },
  requestTicketUpload: {
    body: () => ({ filename: '报错截图.jpg', contentType: 'image/jpeg', sizeBytes: 2048 }),
  },
  getTicketAttachment: {
    params: ({ target }) => ({ ticketId: target.ticket.id }),
    query: ({ target }) => ({ key: target.ticketAttachmentKey }),
  },
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
  getVendorQueue: { query: () => ({ limit: '100' }) },
  searchTickets: { query: () => ({ q: '打印', from: '2026-01-01', limit: '10' }) },
  listLedger: { params: ({ target }) => ({ contractId: target.contract.id }) },
  disputeLedgerEntry: {
    params: ({ target }) => ({ contractId: target.contract.id, entryId: target.ledgerEntry.id }),
    body: ({ target }) => ({
      action: 'raise',
      version: target.ledgerEntry.version,
      reason: '时间记录有误',
    }),
  },
  getContractDocument: {
    params: ({ target }) => ({ contractId: target.contract.id, kind: 'evaluation' }),
    query: () => ({ quarter: '1' }),
  },
  getQuarterAnalysis: {
    params: ({ target }) => ({ contractId: target.contract.id, quarter: '1' }),
  },
  putQuarterAnalysis: {
    params: ({ target }) => ({ contractId: target.contract.id, quarter: '1' }),
    body: () => ({ version: 0, conclusion: '接口响应偏慢', recommendations: '增加缓存' }),
  },
  getHospitalQuarter: {},
  getDeductionSummary: { query: () => ({ from: '2026-01-01', to: '2026-12-31' }) },
  getVendorOverview: { query: () => ({ limit: '10' }) },
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
  listEvaluations: { params: ({ target }) => ({ contractId: target.contract.id }) },
  draftEvaluation: {
    params: ({ target }) => ({ contractId: target.contract.id, evaluationId: 'q2' }),
  },
  getEvaluation: { params: evaluationParams },
  enterServiceLevel: {
    params: evaluationParams,
    body: ({ target }) => ({ version: target.evaluation.version, ...spotChecks }),
  },
  enterServiceQuality: {
    params: evaluationParams,
    body: ({ target }) => ({ version: target.evaluation.version, ...spotChecks }),
  },
  signEvaluation: {
    params: evaluationParams,
    body: ({ target }) => ({ version: target.evaluation.version }),
  },
  disputeEvaluation: {
    params: evaluationParams,
    body: ({ target }) => ({
      action: 'raise',
      version: target.evaluation.version,
      subject: 'late-responses',
      reason: '其中一次响应有电话记录',
      evidence: '通话记录 2026-02-01 09:05',
    }),
  },
  sendEvaluationLinks: { params: evaluationParams },
  enterEvaluationPartByLink: {
    body: ({ target }) => ({ token: target.evaluationLinkToken, ...spotChecks }),
  },
  describeEvaluationLink: { query: ({ target }) => ({ token: target.evaluationLinkToken }) },
  listDeliverables: { params: ({ target }) => ({ contractId: target.contract.id }) },
  createDeliverableUpload: {
    params: ({ target }) => ({
      contractId: target.contract.id,
      quarter: '1',
      item: 'inspection-report',
    }),
    body: () => ({ fileName: '巡检报告.pdf', contentType: 'application/pdf', sizeBytes: 1024 }),
  },
  recordDeliverable: {
    params: ({ target }) => ({
      contractId: target.contract.id,
      quarter: '1',
      item: 'meeting-minutes',
    }),
    body: () => ({ state: 'none', version: 0, reason: '本季度无会议' }),
  },
  packageDeliverables: {
    params: ({ target }) => ({ contractId: target.contract.id, quarter: '1' }),
  },
  listPayments: { params: ({ target }) => ({ contractId: target.contract.id }) },
  recordPaymentEvent: {
    params: ({ target }) => ({ contractId: target.contract.id, milestoneId: 'first' }),
    body: () => ({ action: 'invoice-received', version: 0, on: '2026-01-06' }),
  },
  recordMilestoneDecision: {
    params: ({ target }) => ({ contractId: target.contract.id, milestoneId: 'final' }),
    body: () => ({
      kind: 'audit',
      version: 0,
      auditedTotalFen: 18_800_000,
      auditedOn: '2026-02-01',
    }),
  },
  renewContract: {
    params: ({ target }) => ({ contractId: target.contract.id }),
    body: () => ({ signedOn: '2027-01-04' }),
  },
  listQuarantinedMail: { query: () => ({ limit: '10' }) },
  getQuarantinedMail: { params: ({ target }) => ({ quarantineId: target.quarantined.id }) },
  assignQuarantinedMail: {
    params: ({ target }) => ({ quarantineId: target.quarantined.id }),
    body: ({ target }) => ({
      version: target.quarantined.version,
      hospitalId: target.hospital.id,
      reason: '发错地址，属于本院',
    }),
  },
  discardQuarantinedMail: {
    params: ({ target }) => ({ quarantineId: target.quarantined.id }),
    body: ({ target }) => ({ version: target.quarantined.version, reason: '广告邮件' }),
  },
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
  decideProofAcceptance: {
    params: ({ target }) => ({
      contractId: target.contract.id,
      obligationId: target.awaitingProof.obligationId,
    }),
    // An objection sent again with the same reason answers what is stored, so every allowed
    // caller of the matrix gets its 2xx.
    body: ({ target }) => ({
      version: target.awaitingProof.version,
      decision: 'object',
      reason: '清理记录缺少磁盘使用率截图',
    }),
  },
  listWorkRecords: {
    params: ({ target }) => ({ contractId: target.contract.id }),
    query: () => ({ limit: '10' }),
  },
  getInspectionChecklist: { params: ({ target }) => ({ contractId: target.contract.id }) },
  putInspectionChecklist: {
    params: ({ target }) => ({ contractId: target.contract.id }),
    body: () => ({ version: 0, items: [{ area: 'host', item: '机房温湿度' }] }),
  },
  listInspections: {
    params: ({ target }) => ({ contractId: target.contract.id }),
    query: () => ({ limit: '10' }),
  },
  startInspection: {
    params: ({ target }) => ({ contractId: target.contract.id }),
    body: () => ({ obligationId: 'inspection-1' }),
    headers: ({ unique }) => ({ 'idempotency-key': `visit-${unique}` }),
  },
  getInspection: { params: draftParams },
  recordInspection: {
    params: draftParams,
    body: ({ target }) => ({
      version: target.draftInspection.version,
      arrivedAt: '2026-07-20T01:00:00.000Z',
      leftAt: null,
      place: '信息中心机房',
      results: target.draftInspection.items.map(() => ({ result: 'normal', remark: null })),
      findings: [{ text: '磁盘使用率偏高', severity: 'minor', photoKeys: [] }],
      photos: [],
    }),
  },
  createInspectionPhotoUpload: {
    params: draftParams,
    body: () => ({ fileName: '机房.jpg', contentType: 'image/jpeg', sizeBytes: 2048 }),
  },
  submitInspection: {
    params: awaitingParams,
    body: ({ target }) => ({ version: target.awaitingInspection.version }),
  },
  createInspectionSigningLinks: { params: awaitingParams },
  signInspectionOnSite: {
    params: awaitingParams,
    body: ({ target }) => ({
      signer: 'it-center',
      name: '王主任',
      contentSha256: target.awaitingInspection.contentSha256,
    }),
  },
  openTicketFromFinding: {
    params: ({ target }) => ({ ...awaitingParams({ target }), findingId: 'f1' }),
  },
  signInspectionByLink: {
    body: ({ target }) => ({
      token: target.inspectionLinkToken,
      name: '陈静',
      contentSha256: target.awaitingInspection.contentSha256,
    }),
  },
  describeInspectionLink: { query: ({ target }) => ({ token: target.inspectionLinkToken }) },
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
  listChannels: {},
  createChannel: {
    body: ({ unique }) => ({
      kind: 'wecom',
      name: `信息中心值班群 ${unique}`,
      contractId: null,
      webhookUrl: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${wecomKeyOf(unique)}`,
      signingSecret: null,
      events: ['ticket-fatal', 'sla-breach'],
    }),
  },
  updateChannel: {
    params: ({ target }) => ({ channelId: target.channel.id }),
    body: ({ target }) => ({ version: target.channel.version, events: ['ticket-serious'] }),
  },
  deleteChannel: {
    params: ({ target }) => ({ channelId: target.channel.id }),
    query: ({ target }) => ({ version: String(target.channel.version) }),
  },
  listQrLinks: {},
  createQrLink: {
    body: ({ unique }) => ({ department: `检验科 ${unique}` }),
    headers: ({ unique }) => ({ 'idempotency-key': `qr-${unique}` }),
  },
  revokeQrLink: {
    params: ({ target }) => ({ linkId: target.qrLink.id }),
    body: ({ target }) => ({ version: target.qrLink.version }),
  },
  getQrLinkPoster: { params: ({ target }) => ({ linkId: target.qrLink.id }) },
  describeQrLink: { query: ({ target }) => ({ token: target.qrLink.token }) },
  requestQrUpload: {
    body: ({ target }) => ({
      token: target.qrLink.token,
      file: { filename: '故障照片.jpg', contentType: 'image/jpeg', sizeBytes: 2048 },
    }),
  },
  reportByQrLink: {
    body: ({ target, unique }) => ({
      token: target.qrLink.token,
      name: '王护士',
      phone: '027-85726000',
      description: `护士站电脑打不开医嘱 ${unique}`,
    }),
    headers: ({ unique }) => ({ 'idempotency-key': `qr-report-${unique}` }),
  },
  listFeedbackRounds: { params: ({ target }) => ({ contractId: target.contract.id }) },
  createFeedbackRound: {
    params: ({ target }) => ({ contractId: target.contract.id }),
    body: () => ({ quarter: 3, departments: [{ name: '检验科' }] }),
    // The same key and body: a second allowed caller on the same pair gets the first round (200).
    headers: () => ({ 'idempotency-key': 'feedback-round-q3' }),
  },
  closeFeedbackRound: {
    params: ({ target }) => ({
      contractId: target.contract.id,
      quarter: String(target.feedbackRound.quarter),
    }),
    body: ({ target }) => ({ version: target.feedbackRound.version }),
  },
  remindFeedbackDepartments: {
    params: ({ target }) => ({
      contractId: target.contract.id,
      quarter: String(target.feedbackRound.quarter),
    }),
  },
  describeFeedbackLink: { query: ({ target }) => ({ token: target.feedbackRound.token }) },
  answerFeedbackByLink: {
    // The same answer every time: a second send through the same link is a retry (200).
    body: ({ target }) => ({
      token: target.feedbackRound.token,
      name: '王护士长',
      role: '护士长',
      ratings: exampleTerms().subsystems.map((s) => ({ subsystem: s.name, score: 4 })),
    }),
  },
};

/** A WeCom robot key (a UUID) that is the same for the same `unique`. */
export function wecomKeyOf(unique: string): string {
  const hex = createHash('sha256').update(`wecom:${unique}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
