import * as z from 'zod';
import { line, text } from './text-schemas.ts';
import {
  changeProgresses,
  faultCauses,
  hospitalIdSchema,
  isoDateSchema,
  severitySchema,
  slaTimelineEventTypes,
  ticketChannelSchema,
  ticketKindSchema,
  ticketStatusSchema,
} from '@weibao/domain';
import { ulidSchema, versionSchema } from './schemas.ts';
import { fileUploadRequestSchema } from './schemas-uploads.ts';

/** Files one report may carry; more go into one zip. */
export const maxReportAttachments = 10;

const isoInstant = z.iso.datetime({ offset: true });
const person = z.strictObject({ sub: z.string(), email: z.string().nullable(), name: z.string() });

export const ticketParamsSchema = z.strictObject({
  hospitalId: hospitalIdSchema,
  ticketId: ulidSchema,
});
export const noticeParamsSchema = z.strictObject({
  hospitalId: hospitalIdSchema,
  noticeId: ulidSchema,
});

/**
 * Where the fault is (院区, 病区/房间), a phone to call back, and the files uploaded for the report
 * (each a key the server issued through requestTicketUpload, with the name it is shown by).
 */
const whereAndWhoToCall = {
  campus: line(100).optional(),
  place: line(100).optional(),
  contactPhone: line(40).optional(),
  attachments: z
    .array(z.strictObject({ key: z.string().min(1).max(300), filename: line(200) }))
    .max(maxReportAttachments)
    .optional(),
};

/** Where the browser PUTs one file of a report; the key goes back with the report. */
export const ticketUploadSchema = z.strictObject({
  key: z.string(),
  /** PUT the file's bytes here, with the headers below, before expiresAt. */
  url: z.string().url(),
  method: z.literal('PUT'),
  headers: z.record(z.string(), z.string()),
  expiresAt: isoInstant,
});

export const ticketAttachmentQuerySchema = z.strictObject({ key: z.string().min(1).max(300) });
export const ticketAttachmentLinkSchema = z.strictObject({
  url: z.string(),
  expiresAt: isoInstant,
});

export const createTicketSchema = z.strictObject({
  contractId: ulidSchema.optional(),
  kind: ticketKindSchema,
  severity: severitySchema,
  /** Vendor staff only; a hospital user's report is always `web`. */
  channel: ticketChannelSchema.optional(),
  subsystemId: z.string().max(64).nullable().optional(),
  title: line(200),
  description: text(20_000),
  reporter: z
    .strictObject({
      name: line(100),
      email: z.email().nullable().optional(),
      phone: z.string().max(40).nullable().optional(),
    })
    .optional(),
  /** For a phone or on-site report entered later: when the hospital reported (not in the future). */
  reportedAt: isoInstant.optional(),
  /** 要求完成日期 (北京时间) of a change request or template change; required for those kinds. */
  dueOn: isoDateSchema.optional(),
  ...whereAndWhoToCall,
  /** 仍然新建: the open ticket of the same subsystem the reporter was offered and did not join. */
  relatedTicketId: ulidSchema.optional(),
});

export const similarTicketsQuerySchema = z.strictObject({
  subsystemId: z.string().min(1).max(64),
});

export const ticketEventInputSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('comment'),
    version: versionSchema,
    text: text(20_000),
    visibility: z.enum(['public', 'internal']).default('public'),
  }),
  z.strictObject({
    type: z.literal('response'),
    version: versionSchema,
    text: text(20_000),
    at: isoInstant.optional(),
  }),
  z.strictObject({
    type: z.literal('on-site-request'),
    version: versionSchema,
    reason: text(2000),
  }),
  z.strictObject({
    type: z.literal('on-site-arrival'),
    version: versionSchema,
    at: isoInstant.optional(),
    note: z.string().max(2000).optional(),
  }),
  z.strictObject({
    type: z.literal('resolution'),
    version: versionSchema,
    text: text(20_000),
    servicePack: z.string().max(100).optional(),
    at: isoInstant.optional(),
  }),
  z.strictObject({
    type: z.literal('resolution-target'),
    version: versionSchema,
    targetAt: isoInstant,
    servicePack: z.string().max(100).optional(),
  }),
  z.strictObject({
    type: z.literal('severity-change'),
    version: versionSchema,
    severity: severitySchema,
    reason: text(2000),
  }),
  z.strictObject({
    type: z.literal('assignment'),
    version: versionSchema,
    assignee: z.strictObject({
      sub: z.string().min(1).max(100),
      email: z.email().nullable(),
      name: line(100),
    }),
  }),
  z.strictObject({
    type: z.literal('attribution'),
    version: versionSchema,
    cause: z.enum(faultCauses),
    subsystemId: z.string().min(1).max(64),
    advanceNoticeId: ulidSchema.nullable().optional(),
    note: text(5000),
  }),
  z.strictObject({
    type: z.literal('close'),
    version: versionSchema,
    note: z.string().max(2000).optional(),
  }),
  z.strictObject({ type: z.literal('reopen'), version: versionSchema, reason: text(2000) }),
  /** 加入该工单: another report of the same fault joins this ticket instead of opening one. */
  z.strictObject({
    type: z.literal('linked-report'),
    version: versionSchema,
    description: text(20_000),
    ...whereAndWhoToCall,
  }),
  /** 暂停计时 (engineer; only where the contract allows it): why the clocks wait. */
  z.strictObject({ type: z.literal('pause'), version: versionSchema, reason: text(500) }),
  /** 恢复计时 (engineer). */
  z.strictObject({
    type: z.literal('resume'),
    version: versionSchema,
    note: z.string().max(2000).optional(),
  }),
  /** 院方异议 to the running pause: the clocks run again and the service manager is told. */
  z.strictObject({
    type: z.literal('pause-objection'),
    version: versionSchema,
    reason: text(2000),
  }),
  /** 需求变更审批 by the IT center: a decline says why. */
  z.strictObject({
    type: z.literal('change-approval'),
    version: versionSchema,
    decision: z.enum(['approve', 'decline']),
    reason: z.string().max(2000).optional(),
  }),
  /** 实施中 / 已完成, recorded by vendor staff once approved. */
  z.strictObject({
    type: z.literal('change-progress'),
    version: versionSchema,
    progress: z.enum(['in-progress', 'done']),
  }),
  /** The IT center moves the requested completion date. */
  z.strictObject({
    type: z.literal('change-due-date'),
    version: versionSchema,
    dueOn: isoDateSchema,
  }),
]);

export const ticketSchema = z.strictObject({
  id: ulidSchema,
  hospitalId: hospitalIdSchema,
  contractId: ulidSchema,
  number: z.string(),
  kind: ticketKindSchema,
  severity: severitySchema,
  severityConfirmed: z.boolean(),
  channel: ticketChannelSchema,
  subsystemId: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  reporter: z.strictObject({
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    sub: z.string().nullable(),
  }),
  campus: z.string().nullable().optional(),
  place: z.string().nullable().optional(),
  relatedTicket: z.strictObject({ id: z.string(), number: z.string() }).nullable().optional(),
  reportedAt: z.string(),
  assignee: person.nullable(),
  status: ticketStatusSchema,
  respondedAt: z.string().nullable(),
  onSiteRequestedAt: z.string().nullable(),
  onSiteAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  resolutionTargetAt: z.string().nullable(),
  attribution: z
    .strictObject({
      eventSeq: z.number(),
      decidedAt: z.string(),
      cause: z.enum(faultCauses),
      subsystemId: z.string(),
      advanceNoticeId: z.string().nullable(),
    })
    .nullable(),
  /** 暂停计时 running since then; absent or null: the clocks run. */
  pausedAt: z.string().nullable().optional(),
  /** 需求变更 and 模板修改 only: requested date, the IT center's decision, progress. */
  change: z
    .strictObject({
      dueOn: z.string(),
      progress: z.enum(changeProgresses),
      decision: z
        .strictObject({
          approved: z.boolean(),
          reason: z.string().nullable(),
          by: person,
          at: z.string(),
        })
        .nullable(),
      completedAt: z.string().nullable(),
    })
    .nullable()
    .optional(),
  /** The next deadline that costs money or breaks the SLA, whichever comes first. */
  nextDeadline: z.string().nullable(),
  /** What it is, e.g. 响应超时扣款 or 响应时限; absent on a ticket not written since it was kept. */
  nextDeadlineFor: z
    .strictObject({
      kind: z.enum(['sla', 'deduction']),
      clock: z.enum(['response', 'on-site', 'resolution']),
      ruleId: z.string().nullable(),
      name: z.string(),
    })
    .nullable()
    .optional(),
  slaMarks: z.array(z.string()),
  deductionIds: z.array(z.string()),
  /** The ticket's outbox: SLA escalations, notices of its events and its channels' messages, not yet sent. */
  pendingEscalations: z.array(
    z.union([
      z.object({
        eventSeq: z.number(),
        clock: z.string(),
        point: z.string(),
        deadline: z.string(),
        claimedUntil: z.string().optional(),
      }),
      z.object({
        eventSeq: z.number(),
        notify: z.enum([
          'opened',
          'response',
          'resolution',
          'close',
          'change-decision',
          'pause-objection',
        ]),
        claimedUntil: z.string().optional(),
      }),
      z.object({
        eventSeq: z.number(),
        channel: z.enum(['opened', 'at-risk', 'breach']),
        clock: z.string(),
        deadline: z.string().nullable(),
        claimedUntil: z.string().optional(),
      }),
    ]),
  ),
  flags: z.array(z.string()),
  /** The timeline events the SLA clocks are worked out from, in short; absent on an older ticket. */
  slaLog: z
    .array(
      z.strictObject({
        seq: z.number().int(),
        type: z.enum(slaTimelineEventTypes),
        at: z.string(),
        data: z.record(z.string(), z.unknown()),
      }),
    )
    .optional(),
  /** The SLA timer points this version planned; absent on a ticket not written since they were kept. */
  timerPoints: z
    .array(
      z.strictObject({
        clock: z.enum(['response', 'on-site', 'resolution']),
        point: z.enum(['at-risk', 'breach', 'deduction']),
        at: z.string(),
      }),
    )
    .optional(),
  lastEventSeq: z.number().int(),
  version: z.number().int().positive(),
  /** The version of the last change a person made; timers and mail bookkeeping do not move it. */
  lastEditVersion: z.number().int().positive().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});

export const slaClockSchema = z.strictObject({
  kind: z.enum(['response', 'on-site', 'resolution']),
  startedAt: z.string(),
  deadline: z.string().nullable(),
  atRiskFrom: z.string().nullable(),
  completedAt: z.string().nullable(),
  completedByEventId: z.string().nullable(),
  state: z.enum(['pending', 'at-risk', 'met', 'breached']),
  elapsedMs: z.number(),
  marginMs: z.number().nullable(),
  /** Paused time (暂停计时) that moved the deadline. */
  pausedMs: z.number(),
  /** A pause is running: the deadline moves with it and cannot pass. */
  paused: z.boolean(),
});

/** One deadline of a ticket: an SLA target (超时) or a deduction rule's threshold (扣款). */
export const ticketDeadlineSchema = z.strictObject({
  kind: z.enum(['sla', 'deduction']),
  clock: z.enum(['response', 'on-site', 'resolution']),
  ruleId: z.string().nullable(),
  name: z.string(),
  deadline: z.string(),
  atRiskFrom: z.string(),
  completedAt: z.string().nullable(),
  state: z.enum(['pending', 'at-risk', 'met', 'passed']),
  /** 暂停计时 is running: the deadline moves with it and is not the ticket's next. */
  paused: z.boolean(),
  whenPassed: z.discriminatedUnion('state', [
    z.strictObject({
      state: z.literal('deducted'),
      name: z.string(),
      rateBp: z.number().int(),
      amountFen: z.number().int().nullable(),
    }),
    z.strictObject({ state: z.literal('breached'), name: z.string() }),
  ]),
});

export const ticketWithSlaSchema = z.strictObject({
  ticket: ticketSchema,
  /** The SLA clocks as they stand at the moment of the answer; null for kinds without SLA. */
  sla: z
    .strictObject({
      at: z.string(),
      reportedAt: z.string(),
      severity: severitySchema,
      clocks: z.array(slaClockSchema),
      nextDeadline: z.string().nullable(),
      nextChangeAt: z.string().nullable(),
    })
    .nullable(),
  /**
   * The SLA targets and the deduction thresholds on one clock, earliest first, and the next one
   * that costs money or breaks the SLA; null for kinds without SLA.
   */
  deadlines: z
    .strictObject({
      at: z.string(),
      next: ticketDeadlineSchema.nullable(),
      deadlines: z.array(ticketDeadlineSchema),
    })
    .nullable(),
});

export const ticketEventSchema = z.strictObject({
  hospitalId: z.string(),
  ticketId: z.string(),
  seq: z.number().int(),
  type: z.string(),
  at: z.string(),
  recordedAt: z.string(),
  actor: z
    .strictObject({
      sub: z.string(),
      email: z.string().nullable(),
      role: z.string(),
      name: z.string().optional(),
    })
    .nullable(),
  visibility: z.enum(['public', 'internal']),
  data: z.record(z.string(), z.unknown()),
});

export const ticketListQuerySchema = z.strictObject({
  status: ticketStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().max(2000).optional(),
});

/**
 * 工单查询 across hospitals: the search the web app keeps in its address, applied on the server
 * (`ticketMatches`). Report days are days in 北京时间, inclusive.
 */
export const ticketSearchQuerySchema = z
  .strictObject({
    hospitalId: hospitalIdSchema.optional(),
    q: z.string().trim().min(1).max(100).optional(),
    status: ticketStatusSchema.optional(),
    severity: severitySchema.optional(),
    subsystemId: z
      .string()
      .regex(/^[\w-]{1,64}$/)
      .optional(),
    assignee: z.string().min(1).max(200).optional(),
    change: z.enum(['any', ...changeProgresses]).optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
    cursor: z.string().max(4000).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ['to'],
    message: '结束日期不能早于开始日期',
  });

/** A page of 工单查询: `readThrough` is the report time it read back to when it stopped short. */
export const ticketSearchPageSchema = z.strictObject({
  items: z.array(ticketSchema),
  next: z.string().nullable(),
  readThrough: isoInstant.nullable(),
});

export const createNoticeSchema = z.strictObject({
  title: line(200),
  description: text(20_000),
  windowStart: isoInstant,
  windowEnd: isoInstant,
  subsystemIds: z.array(z.string().max(64)).max(100).default([]),
});
/** A signed link's token: base64url(payload) '.' base64url(HMAC); checked in the use case. */
export const linkTokenSchema = z.string().min(1).max(4000);
export const linkTokenBodySchema = z.strictObject({ token: linkTokenSchema });
export const linkTokenQuerySchema = z.strictObject({ token: linkTokenSchema });
/** What a signed link will do, for the web app's confirm page; nothing is done by asking. */
export const linkDescriptionSchema = z.strictObject({
  action: z.literal('acknowledge-notice'),
  hospitalName: z.string(),
  notice: z.strictObject({
    title: z.string(),
    windowStart: z.string(),
    windowEnd: z.string(),
    acknowledgedAt: z.string().nullable(),
  }),
  email: z.string(),
  expiresAt: z.string(),
});
export const acknowledgeNoticeSchema = z.strictObject({ version: versionSchema });
export const noticeSchema = z.strictObject({
  id: z.string(),
  hospitalId: z.string(),
  title: z.string(),
  description: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  subsystemIds: z.array(z.string()),
  announcedAt: z.string(),
  announcedBy: z.strictObject({
    sub: z.string(),
    email: z.string().nullable(),
    name: z.string().optional(),
  }),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z
    .strictObject({ sub: z.string(), email: z.string().nullable(), name: z.string().optional() })
    .nullable(),
  /** Who was emailed an acknowledge link; [] when the hospital's contracts name no contact. */
  emailedTo: z.array(z.string()),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});

/** 扫码报修 */
export const qrLinkParamsSchema = z.strictObject({
  hospitalId: hospitalIdSchema,
  linkId: ulidSchema,
});
export const createQrLinkSchema = z.strictObject({
  /** 科室 as the poster names it: 心内科一病区. */
  department: line(100),
  /** One of the hospital's campuses; required when it has any. */
  campus: line(100).optional(),
});
/** A QR link as the IT center's list shows it: its poster's URL, whether it was stopped, its use. */
export const qrLinkSchema = z.strictObject({
  id: ulidSchema,
  hospitalId: hospitalIdSchema,
  department: z.string(),
  campus: z.string().nullable(),
  url: z.string(),
  expiresAt: isoInstant,
  revokedAt: isoInstant.nullable(),
  useCount: z.number().int().nonnegative(),
  lastUsedAt: isoInstant.nullable(),
  version: z.number().int().positive(),
  createdAt: isoInstant,
});
export const revokeQrLinkSchema = z.strictObject({ version: versionSchema });
/** What the mobile form shows read-only. */
export const qrLinkDescriptionSchema = z.strictObject({
  hospitalName: z.string(),
  department: z.string(),
  campus: z.string().nullable(),
});
/** A photo of a report through a QR link: the link is the authorization. */
export const qrUploadRequestSchema = z.strictObject({
  token: linkTokenSchema,
  file: fileUploadRequestSchema,
});
export const qrReportSchema = z.strictObject({
  token: linkTokenSchema,
  name: line(100),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,40}$/, '请填写可以回拨的电话'),
  description: text(5_000),
  attachments: whereAndWhoToCall.attachments,
});
/** The reporter learns the ticket's number, nothing more of the hospital's data. */
export const qrReportResultSchema = z.strictObject({ number: z.string() });
