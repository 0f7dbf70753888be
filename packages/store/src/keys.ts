import { fnv1a32 } from '@weibao/domain';

/**
 * The only module that builds keys. Every key of hospital data starts with the hospital id
 * (`H#<hospitalId>`), so IAM `dynamodb:LeadingKeys` isolation stays possible.
 */
const H = (hospitalId: string) => `H#${hospitalId}`;
/**
 * The vendor's own partition and audit chain: changes that belong to no hospital (which hospitals
 * an engineer may reach). No hospital id can start with `_`, so it never meets a hospital's.
 */
export const vendorChainId = '_vendor';
/** 12 digits: a trillion changes per hospital before the order would break. */
const auditSequence = (seq: number) => String(seq).padStart(12, '0');

/** How many gsi1 partitions the vendor's queue of open tickets is spread over. */
export const queueShards = 8;

/** How many gsi5 partitions every hospital's tickets (工单查询 across hospitals) are spread over. */
export const ticketSearchShards = 8;

/** How many gsi1 partitions the waiting timer retries are spread over. */
export const timerRetryShards = 8;

/** How many gsi1 partitions the queued outgoing mail (and the dead mail) is spread over. */
export const mailQueueShards = 8;

/** A stable shard of a hospital in 0..shards-1 (FNV-1a of its id): spreads vendor-wide lists. */
export function shardOfHospital(hospitalId: string, shards: number): number {
  return fnv1a32(hospitalId) % shards;
}

/** How many partitions the vendor-wide rollup totals are spread over. */
export const rollupTotalShards = 8;

/** An open ticket's place in a queue: by next deadline; open tickets without a running one sort last. */
const queueSortKey = (hospitalId: string, ticketId: string, nextDeadline: string | null) =>
  `${nextDeadline ?? '9999-12-31T23:59:59.999Z'}#${H(hospitalId)}#${ticketId}`;

/** An open obligation's place in a list of them: by due date. */
const openObligationSortKey = (
  hospitalId: string,
  contractId: string,
  obligationId: string,
  dueOn: string,
) => `${dueOn}#${H(hospitalId)}#${contractId}#${obligationId}`;

export const keys = {
  /** A hospital's figures of one calendar quarter (自然季度), e.g. `2026Q4`: kept from the stream. */
  rollupCalendar: (hospitalId: string, quarter: string) => ({
    pk: H(hospitalId),
    sk: `ROLLUP#CAL#${quarter}`,
  }),
  /** A hospital's figures of one contract quarter (服务期季度, 1-based index). */
  rollupContractQuarter: (hospitalId: string, contractId: string, index: number) => ({
    pk: H(hospitalId),
    sk: `ROLLUP#CQ#${contractId}#${String(index).padStart(3, '0')}`,
  }),
  /** A hospital's open tickets by severity. */
  rollupOpen: (hospitalId: string) => ({ pk: H(hospitalId), sk: 'ROLLUP#OPEN' }),
  /**
   * What one ticket or ledger entry (by its own sort key, `TICKET#…` or `LEDGER#…`) adds to its
   * rollup cells, as last applied: the stream moves the cells by the difference, once.
   */
  rollupParts: (hospitalId: string, recordSk: string) => ({
    pk: H(hospitalId),
    sk: `ROLLUPPART#${recordSk}`,
  }),
  /** Every rollupParts item of a hospital, for the rebuild's sums. */
  rollupPartsOfHospital: (hospitalId: string) => ({ pk: H(hospitalId), skPrefix: 'ROLLUPPART#' }),
  /**
   * One of the vendor's totals in one of `rollupTotalShards` partitions chosen by the hospital's
   * FNV shard (the shard comes second: the partition is no hospital's). `OPEN`: open tickets by
   * severity. `CQEND#<date>`: standing deductions of the contract quarters ending that day; the
   * current quarters of all contracts are those ending today or later (a later quarter has no
   * faults yet), so the overview sums one range of each shard.
   */
  rollupTotal: (item: 'OPEN' | `CQEND#${string}`, shard: number) => ({
    pk: `ROLLUPTOTAL#${shard}`,
    sk: item,
  }),
  hospital: (hospitalId: string) => ({ pk: H(hospitalId), sk: 'HOSPITAL' }),
  /** gsi1: all hospitals, for the vendor. Removed on soft delete (a sparse index). */
  hospitalInVendorList: (hospitalId: string) => ({ gsi1pk: 'HOSPITALS', gsi1sk: H(hospitalId) }),
  allHospitalsPartition: () => ({ gsi1pk: 'HOSPITALS' }),
  /**
   * gsi1: the hospitals removed (soft-deleted), a few: the vendor-wide lists of open tickets,
   * open obligations and 工单查询 leave their records out.
   */
  hospitalRemoved: (hospitalId: string) => ({
    gsi1pk: 'HOSPITALS_REMOVED',
    gsi1sk: H(hospitalId),
  }),
  removedHospitalsPartition: () => ({ gsi1pk: 'HOSPITALS_REMOVED' }),

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

  /** A ticket; its id is a ULID taken at the report time, so the partition lists tickets by report time. */
  ticket: (hospitalId: string, ticketId: string) => ({
    pk: H(hospitalId),
    sk: `TICKET#${ticketId}`,
  }),
  ticketsOfHospital: (hospitalId: string) => ({ pk: H(hospitalId), skPrefix: 'TICKET#' }),
  /** gsi2: a hospital's tickets in one status, by report time. */
  ticketByStatus: (hospitalId: string, status: string, reportedAt: string, ticketId: string) => ({
    gsi2pk: `${H(hospitalId)}#TICKETS#${status}`,
    gsi2sk: `${reportedAt}#${ticketId}`,
  }),
  ticketsInStatus: (hospitalId: string, status: string) => ({
    gsi2pk: `${H(hospitalId)}#TICKETS#${status}`,
  }),
  /** gsi3: a contract's tickets by report time (a quarter is a range of it). */
  ticketOfContract: (
    hospitalId: string,
    contractId: string,
    reportedAt: string,
    ticketId: string,
  ) => ({
    gsi3pk: `${H(hospitalId)}#CONTRACT#${contractId}#TICKETS`,
    gsi3sk: `${reportedAt}#${ticketId}`,
  }),
  ticketsOfContract: (hospitalId: string, contractId: string) => ({
    gsi3pk: `${H(hospitalId)}#CONTRACT#${contractId}#TICKETS`,
  }),
  /**
   * gsi1: the vendor's queue, open tickets by next deadline, an SLA target or a deduction
   * threshold (sparse), in one of `queueShards` partitions by a hash of the hospital, so no single
   * vendor-wide key takes every hospital's tickets; a read merges the shards.
   */
  ticketInQueue: (hospitalId: string, ticketId: string, nextDeadline: string | null) => ({
    gsi1pk: `QUEUE#${shardOfHospital(hospitalId, queueShards)}`,
    gsi1sk: queueSortKey(hospitalId, ticketId, nextDeadline),
  }),
  queuePartition: (shard: number) => ({ gsi1pk: `QUEUE#${shard}` }),
  /**
   * gsi4: the same open ticket in its hospital's own queue (sparse), for an engineer limited to
   * some hospitals; the sort key is the vendor queue's, so the hospitals' queues merge in its order.
   */
  ticketInHospitalQueue: (hospitalId: string, ticketId: string, nextDeadline: string | null) => ({
    gsi4pk: `${H(hospitalId)}#QUEUE`,
    gsi4sk: queueSortKey(hospitalId, ticketId, nextDeadline),
  }),
  hospitalQueuePartition: (hospitalId: string) => ({ gsi4pk: `${H(hospitalId)}#QUEUE` }),
  /**
   * gsi5: every kept ticket of every hospital by report time, in one of `ticketSearchShards`
   * partitions by a hash of the hospital: 工单查询 across hospitals merges the shards newest first.
   * Sparse: a deleted ticket leaves it.
   */
  ticketInSearch: (hospitalId: string, ticketId: string, reportedAt: string) => ({
    gsi5pk: `TICKETS#${shardOfHospital(hospitalId, ticketSearchShards)}`,
    gsi5sk: `${reportedAt}#${H(hospitalId)}#${ticketId}`,
  }),
  ticketSearchPartition: (shard: number) => ({ gsi5pk: `TICKETS#${shard}` }),
  /** The single queue partition before the shards; `weibao queue reshard` empties it. */
  legacyQueuePartition: () => ({ gsi1pk: 'QUEUE' }),
  /**
   * A ticket whose SLA timers could not be planned after its change was stored (the Scheduler
   * throttled or failed): the timer-retry job reconciles them. One per ticket; a later failure
   * overwrites it.
   */
  timerRetry: (hospitalId: string, ticketId: string) => ({
    pk: H(hospitalId),
    sk: `TIMERRETRY#${ticketId}`,
  }),
  /**
   * gsi1: the retries waiting, oldest first, in one of `timerRetryShards` partitions chosen by a
   * hash of the hospital, so no single vendor-wide key takes every hospital's failures.
   */
  timerRetryWaiting: (hospitalId: string, ticketId: string, failedAt: string) => ({
    gsi1pk: `TIMER_RETRY#${shardOfHospital(hospitalId, timerRetryShards)}`,
    gsi1sk: `${failedAt}#${H(hospitalId)}#${ticketId}`,
  }),
  timerRetryPartition: (shard: number) => ({ gsi1pk: `TIMER_RETRY#${shard}` }),
  /**
   * One outgoing message waiting in the mail queue, under its sender's idempotency key (a reminder
   * key, a ticket event): a retried enqueue finds it and adds nothing. Vendor-wide mail (the
   * digest) uses the vendor's partition as its hospital.
   */
  mailQueued: (hospitalId: string, key: string) => ({
    pk: H(hospitalId),
    sk: `MAILQ#${key}`,
  }),
  /**
   * gsi1: the queue in one of `mailQueueShards` partitions by a hash of the hospital, high priority
   * (0) before low (1), oldest first within each: a drain reads escalations first.
   */
  mailQueueWaiting: (hospitalId: string, key: string, priority: number, enqueuedAt: string) => ({
    gsi1pk: `MAIL_QUEUE#${shardOfHospital(hospitalId, mailQueueShards)}`,
    gsi1sk: `${priority}#${enqueuedAt}#${H(hospitalId)}#${key}`,
  }),
  mailQueuePartition: (shard: number) => ({ gsi1pk: `MAIL_QUEUE#${shard}` }),
  /** gsi1: mail given up after its attempts, kept for ops (never sent, never lost), oldest first. */
  mailDead: (hospitalId: string, key: string, deadAt: string) => ({
    gsi1pk: `MAIL_DEAD#${shardOfHospital(hospitalId, mailQueueShards)}`,
    gsi1sk: `${deadAt}#${H(hospitalId)}#${key}`,
  }),
  mailDeadPartition: (shard: number) => ({ gsi1pk: `MAIL_DEAD#${shard}` }),
  /**
   * The send rate's counter of one second (epoch seconds), shared by every sender: an item per
   * second, written at most the rate plus once a second by each waiting sender; gone by TTL.
   */
  mailPace: (second: number) => ({ pk: 'MAIL_PACE', sk: `S#${second}` }),
  /** Uniqueness and lookup of the human number, e.g. WHZX-2026-00042. */
  ticketNumber: (hospitalId: string, number: string) => ({
    pk: H(hospitalId),
    sk: `TICKETNO#${number}`,
  }),
  /** The per-hospital, per-year counter behind ticket numbers. */
  ticketCounter: (hospitalId: string, year: number) => ({
    pk: H(hospitalId),
    sk: `COUNTER#TICKET#${year}`,
  }),
  /** A ticket's timeline, in order. */
  ticketEvent: (hospitalId: string, ticketId: string, seq: number) => ({
    pk: H(hospitalId),
    sk: `TEV#${ticketId}#${String(seq).padStart(6, '0')}`,
  }),
  eventsOfTicket: (hospitalId: string, ticketId: string) => ({
    pk: H(hospitalId),
    skPrefix: `TEV#${ticketId}#`,
  }),

  /** A deduction (扣款) in a contract's ledger; one per rule and ticket. */
  ledgerEntry: (hospitalId: string, contractId: string, entryId: string) => ({
    pk: H(hospitalId),
    sk: `LEDGER#${contractId}#${entryId}`,
  }),
  ledgerOfContract: (hospitalId: string, contractId: string) => ({
    pk: H(hospitalId),
    skPrefix: `LEDGER#${contractId}#`,
  }),
  /** gsi1: every hospital's deductions by the day their fault was reported, for the vendor's sums. */
  ledgerAcrossHospitals: (
    hospitalId: string,
    contractId: string,
    entryId: string,
    reportedAt: string,
  ) => ({
    gsi1pk: 'LEDGER',
    gsi1sk: `${reportedAt}#${H(hospitalId)}#${contractId}#${entryId}`,
  }),

  /** 提前通知: an advance notice of a planned change. */
  advanceNotice: (hospitalId: string, noticeId: string) => ({
    pk: H(hospitalId),
    sk: `NOTICE#${noticeId}`,
  }),
  noticesOfHospital: (hospitalId: string) => ({ pk: H(hospitalId), skPrefix: 'NOTICE#' }),

  /** 维保服务评价报告 of a contract: `Q01`… per quarter, `YEAR` for the annual one. */
  evaluation: (hospitalId: string, contractId: string, periodKey: string) => ({
    pk: H(hospitalId),
    sk: `EVAL#${contractId}#${periodKey}`,
  }),
  evaluationsOfContract: (hospitalId: string, contractId: string) => ({
    pk: H(hospitalId),
    skPrefix: `EVAL#${contractId}#`,
  }),

  /** 季度系统分析报告: the vendor's 分析结论 and 系统优化扩展方案 of a contract quarter (`Q01`…). */
  quarterAnalysis: (hospitalId: string, contractId: string, periodKey: string) => ({
    pk: H(hospitalId),
    sk: `ANALYSIS#${contractId}#${periodKey}`,
  }),

  /**
   * 用户意见收集: one survey round per contract quarter (`Q01`…): the departments asked, each with
   * its signed link, and whether the round is still open.
   */
  feedbackRound: (hospitalId: string, contractId: string, periodKey: string) => ({
    pk: H(hospitalId),
    sk: `FEEDBACK#${contractId}#${periodKey}`,
  }),
  feedbackRoundsOfContract: (hospitalId: string, contractId: string) => ({
    pk: H(hospitalId),
    skPrefix: `FEEDBACK#${contractId}#`,
  }),
  /** One department's answer in a round: keyed by the department, so it answers once a quarter. */
  feedbackAnswer: (
    hospitalId: string,
    contractId: string,
    periodKey: string,
    departmentId: string,
  ) => ({
    pk: H(hospitalId),
    sk: `FBANSWER#${contractId}#${periodKey}#${departmentId}`,
  }),
  feedbackAnswersOfRound: (hospitalId: string, contractId: string, periodKey: string) => ({
    pk: H(hospitalId),
    skPrefix: `FBANSWER#${contractId}#${periodKey}#`,
  }),

  /** 项目提交物: one package per contract quarter, holding its six items. */
  deliverables: (hospitalId: string, contractId: string, periodKey: string) => ({
    pk: H(hospitalId),
    sk: `DELIV#${contractId}#${periodKey}`,
  }),
  deliverablesOfContract: (hospitalId: string, contractId: string) => ({
    pk: H(hospitalId),
    skPrefix: `DELIV#${contractId}#`,
  }),

  /** 巡检 checklist of a contract: what every visit checks (the 巡检单's items, as edited). */
  inspectionChecklist: (hospitalId: string, contractId: string) => ({
    pk: H(hospitalId),
    sk: `INSPLIST#${contractId}`,
  }),
  /** One inspection visit of a contract (its 巡检单), by id (a ULID: in visit order). */
  inspection: (hospitalId: string, contractId: string, inspectionId: string) => ({
    pk: H(hospitalId),
    sk: `INSPECTION#${contractId}#${inspectionId}`,
  }),
  inspectionsOfContract: (hospitalId: string, contractId: string) => ({
    pk: H(hospitalId),
    skPrefix: `INSPECTION#${contractId}#`,
  }),

  /** What happened to one payment milestone: invoice, receipt, payment, decisions. */
  payment: (hospitalId: string, contractId: string, milestoneId: string) => ({
    pk: H(hospitalId),
    sk: `PAYMENT#${contractId}#${milestoneId}`,
  }),
  paymentsOfContract: (hospitalId: string, contractId: string) => ({
    pk: H(hospitalId),
    skPrefix: `PAYMENT#${contractId}#`,
  }),
  /** A dated obligation of a contract (巡检, 提交物, 评价, 清理, …); its id is stable across re-planning. */
  obligation: (hospitalId: string, contractId: string, obligationId: string) => ({
    pk: H(hospitalId),
    sk: `OBLIGATION#${contractId}#${obligationId}`,
  }),
  obligationsOfContract: (hospitalId: string, contractId: string) => ({
    pk: H(hospitalId),
    skPrefix: `OBLIGATION#${contractId}#`,
  }),
  /** gsi3: a contract's obligations by due date (the nominal date while the calendar has a gap). */
  obligationByDue: (
    hospitalId: string,
    contractId: string,
    dueOn: string,
    obligationId: string,
  ) => ({
    gsi3pk: `${H(hospitalId)}#CONTRACT#${contractId}#OBLIGATIONS`,
    gsi3sk: `${dueOn}#${obligationId}`,
  }),
  obligationsOfContractByDue: (hospitalId: string, contractId: string) => ({
    gsi3pk: `${H(hospitalId)}#CONTRACT#${contractId}#OBLIGATIONS`,
  }),
  /** gsi1: open obligations of every hospital by due date, for the vendor's overview (sparse: done and removed ones leave it). */
  openObligationAcrossHospitals: (
    hospitalId: string,
    contractId: string,
    obligationId: string,
    dueOn: string,
  ) => ({
    gsi1pk: 'OBLIGATIONS_OPEN',
    gsi1sk: openObligationSortKey(hospitalId, contractId, obligationId, dueOn),
  }),
  openObligationsPartition: () => ({ gsi1pk: 'OBLIGATIONS_OPEN' }),
  /** gsi4: the same open obligation among its hospital's (sparse), sorted as the vendor-wide list. */
  openObligationOfHospital: (
    hospitalId: string,
    contractId: string,
    obligationId: string,
    dueOn: string,
  ) => ({
    gsi4pk: `${H(hospitalId)}#OBLIGATIONS_OPEN`,
    gsi4sk: openObligationSortKey(hospitalId, contractId, obligationId, dueOn),
  }),
  hospitalOpenObligationsPartition: (hospitalId: string) => ({
    gsi4pk: `${H(hospitalId)}#OBLIGATIONS_OPEN`,
  }),
  /** A work record (清理, 恢复测试, 培训, 调优) of a contract, attached to an obligation or not. */
  workRecord: (hospitalId: string, contractId: string, recordId: string) => ({
    pk: H(hospitalId),
    sk: `WORK#${contractId}#${recordId}`,
  }),
  workRecordsOfContract: (hospitalId: string, contractId: string) => ({
    pk: H(hospitalId),
    skPrefix: `WORK#${contractId}#`,
  }),
  /** Vendor data, not a hospital's: that a service manager's daily digest went out (TTL 7 days). */
  digestSent: (day: string, recipient: string) => ({ pk: 'DIGESTS', sk: `${day}#${recipient}` }),

  /** A signed link that was used: written in the transaction of the link's action, so it acts once. */
  usedLink: (hospitalId: string, nonce: string) => ({ pk: H(hospitalId), sk: `LINKUSED#${nonce}` }),

  /**
   * One year of the statutory working-day calendar (holidays, 调休) as a vendor admin entered it
   * from the State Council's notice (vendor data, in the vendor's partition).
   */
  calendarYear: (year: number) => ({ pk: H(vendorChainId), sk: `CALENDAR#${year}` }),
  calendarYears: () => ({ pk: H(vendorChainId), skPrefix: 'CALENDAR#' }),
  /** The vendor's company profile printed as 服务提供方 (vendor data, in the vendor's partition). */
  vendorProfile: () => ({ pk: H(vendorChainId), sk: 'PROFILE' }),
  /** Which hospitals a support engineer may reach (vendor data, in the vendor's partition). */
  engineerAssignment: (sub: string) => ({ pk: H(vendorChainId), sk: `ENGINEER#${sub}` }),
  /**
   * One person of the directory, keyed by a hash of the lower-cased e-mail so the same address is
   * always the same person: a hospital's users in the hospital's partition, vendor staff,
   * supervisors and auditors in the vendor's (`vendorChainId`).
   */
  person: (hospitalId: string, personId: string) => ({
    pk: H(hospitalId),
    sk: `PERSON#${personId}`,
  }),
  peopleOf: (hospitalId: string) => ({ pk: H(hospitalId), skPrefix: 'PERSON#' }),
  /**
   * A notification channel of a hospital: a WeCom (企业微信) or DingTalk (钉钉) group robot, for the
   * whole hospital or one contract, with the events it is told of. Soft-deleted.
   */
  channel: (hospitalId: string, channelId: string) => ({
    pk: H(hospitalId),
    sk: `CHANNEL#${channelId}`,
  }),
  channelsOf: (hospitalId: string) => ({ pk: H(hospitalId), skPrefix: 'CHANNEL#' }),
  /**
   * What a channel's deliveries last did (time, error): apart from the channel, so a delivery
   * never races a person's version-checked edit of it.
   */
  channelStatus: (hospitalId: string, channelId: string) => ({
    pk: H(hospitalId),
    sk: `CHSTATUS#${channelId}`,
  }),
  channelStatusesOf: (hospitalId: string) => ({ pk: H(hospitalId), skPrefix: 'CHSTATUS#' }),
  /**
   * A 扫码报修 QR link of a hospital: one department (and campus) whose poster's signed link opens
   * the report form without an account. Revoked, never deleted: the record is the link's truth.
   */
  qrLink: (hospitalId: string, linkId: string) => ({ pk: H(hospitalId), sk: `QRLINK#${linkId}` }),
  qrLinksOf: (hospitalId: string) => ({ pk: H(hospitalId), skPrefix: 'QRLINK#' }),
  /** How often a QR link opened a ticket and when last (counted, never audited). */
  qrLinkUse: (hospitalId: string, linkId: string) => ({ pk: H(hospitalId), sk: `QRUSE#${linkId}` }),
  qrLinkUsesOf: (hospitalId: string) => ({ pk: H(hospitalId), skPrefix: 'QRUSE#' }),
  /** Posts through a QR link in one rate window (`what`: report or upload), kept by TTL. */
  qrLinkRate: (hospitalId: string, linkId: string, what: string, window: string) => ({
    pk: H(hospitalId),
    sk: `QRRATE#${linkId}#${what}#${window}`,
  }),
  /**
   * That one message reached one channel (a hash of what and where; TTL 30 days): a delivery the
   * Scheduler runs twice posts once.
   */
  channelDelivery: (hospitalId: string, deliveryId: string) => ({
    pk: H(hospitalId),
    sk: `CHDELIVERY#${deliveryId}`,
  }),
  /**
   * Where a hospital's intake address leads: `<intakeLocalPart>@<intakeDomain>` → hospital id.
   * Vendor-wide: the hospital is what the lookup finds, so its key cannot start with it.
   */
  intakeAddress: (localPart: string) => ({ pk: 'INTAKE_ADDRESSES', sk: `LOCAL#${localPart}` }),
  /**
   * One received message for one hospital, keyed by a hash of its Message-ID (or of its bytes):
   * the claim that makes at-least-once delivery act once, and then its outcome (ticket, comment,
   * ignored) and the acknowledgement's state.
   */
  mailReceipt: (hospitalId: string, messageKey: string) => ({
    pk: H(hospitalId),
    sk: `MAILIN#${messageKey}`,
  }),
  /** A Message-ID we received or sent (hashed) → its ticket, for threading replies. */
  mailThread: (hospitalId: string, messageIdHash: string) => ({
    pk: H(hospitalId),
    sk: `MAILID#${messageIdHash}`,
  }),
  /** Acknowledgements sent to one sender (hashed) in one UTC hour; lives two hours (TTL). */
  ackCounter: (hospitalId: string, senderHash: string, hour: string) => ({
    pk: H(hospitalId),
    sk: `ACKRATE#${senderHash}#${hour}`,
  }),
  /**
   * A message no hospital could be found for (or that could not be read, or failed a verdict).
   * Vendor-wide, as no hospital is known; vendor admins assign or discard it.
   */
  quarantinedMail: (quarantineId: string) => ({
    pk: 'MAIL_QUARANTINE',
    sk: `MAIL#${quarantineId}`,
  }),
  /** gsi1: quarantined messages still waiting for a decision, oldest first (sparse). */
  quarantineWaiting: (receivedAt: string, quarantineId: string) => ({
    gsi1pk: 'QUARANTINE_WAITING',
    gsi1sk: `${receivedAt}#${quarantineId}`,
  }),
  quarantineWaitingPartition: () => ({ gsi1pk: 'QUARANTINE_WAITING' }),

  /** An idempotency record: a retried create finds what the first attempt made. */
  idempotency: (hospitalId: string, scope: string, key: string) => ({
    pk: H(hospitalId),
    sk: `IDEMPOTENCY#${scope}#${key}`,
  }),

  /**
   * Audit records of a hospital, one hash chain (lane) per audited item: `lane` is that item's sort
   * key, the record's sequence number in its lane is zero-padded so that string order is number
   * order. A change moves only its own item's lane, so changes of different items never meet.
   */
  audit: (hospitalId: string, lane: string, seq: number) => ({
    pk: `${H(hospitalId)}#AUDIT`,
    sk: `LANE#${lane}#${auditSequence(seq)}`,
  }),
  auditOfHospital: (hospitalId: string) => ({ pk: `${H(hospitalId)}#AUDIT` }),
  auditOfLane: (hospitalId: string, lane: string) => ({
    pk: `${H(hospitalId)}#AUDIT`,
    skPrefix: `LANE#${lane}#`,
  }),
  /** gsi2: a hospital's audit records by time (the audit screen), ties in id order. */
  auditByTime: (hospitalId: string, at: string, recordId: string) => ({
    gsi2pk: `${H(hospitalId)}#AUDIT`,
    gsi2sk: `${at}#${recordId}`,
  }),
  auditTimeline: (hospitalId: string) => ({ gsi2pk: `${H(hospitalId)}#AUDIT` }),
  /** gsi3: the audit records of one entity by time. */
  auditOfEntity: (
    hospitalId: string,
    entityType: string,
    entityId: string,
    at: string,
    recordId: string,
  ) => ({
    gsi3pk: `${H(hospitalId)}#AUDIT#${entityType}#${entityId}`,
    gsi3sk: `${at}#${recordId}`,
  }),
  /**
   * A hospital checkpoint: the count and a digest of every record written before `cutoff`, so that
   * a record deleted together with its item's lane head is still missed by the next verify.
   */
  auditCheckpoint: (hospitalId: string, cutoff: string) => ({
    pk: `${H(hospitalId)}#AUDIT`,
    sk: `CHECKPOINT#${cutoff}`,
  }),
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
  'gsi4pk',
  'gsi4sk',
  'gsi5pk',
  'gsi5sk',
] as const;

/** Removes key attributes and the item type, leaving the entity. */
export function stripKeys<T extends Record<string, unknown>>(item: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...item };
  for (const k of keyAttributes) delete out[k];
  delete out.itemType;
  delete out.expiresAt;
  // The item's audit lane head (audit-chain.ts): bookkeeping of the store, not the entity's data.
  delete out.auditSeq;
  delete out.auditHash;
  return out as T;
}
