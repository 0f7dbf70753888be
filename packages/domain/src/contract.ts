import * as z from 'zod';
import { basisPointsSchema, fenSchema } from './money.ts';
import { line } from './text.ts';
import { obligationKinds } from './obligations/obligation-kinds.ts';

/** 致命错误 / 严重错误 / 一般错误 */
export const severities = ['fatal', 'serious', 'minor'] as const;
export const severitySchema = z.enum(severities);
export type Severity = z.infer<typeof severitySchema>;

/** A calendar date as the contract writes it (Asia/Shanghai), e.g. 2026-01-15. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
      new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'not a real calendar date',
  );

/** The Chinese clause a rule comes from, kept beside the rule so people can check it. */
const sourceTextSchema = z.string().min(1).max(2000);

const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes');

export const subsystemSchema = z.strictObject({
  id: idSchema,
  name: line(200),
  amountFen: fenSchema,
});
export type Subsystem = z.infer<typeof subsystemSchema>;

/** Response, on-site and resolution targets per severity; minutes of wall-clock time (7×24). */
export const slaTargetSchema = z.strictObject({
  severity: severitySchema,
  responseMinutes: z.number().int().positive(),
  /** null: no on-site visit is owed for this severity. */
  onSiteMinutes: z.number().int().positive().nullable(),
  /** null: resolved by the next service pack, its target date set at triage. */
  resolutionMinutes: z.number().int().positive().nullable(),
  sourceText: sourceTextSchema,
});
export type SlaTarget = z.infer<typeof slaTargetSchema>;

export const deductionTriggers = ['late-response', 'vendor-fault-without-notice'] as const;
export const deductionRuleSchema = z.strictObject({
  id: idSchema,
  /** late-response: a response later than thresholdMinutes; vendor-fault-without-notice: post-incident attribution. */
  trigger: z.enum(deductionTriggers),
  /** Only tickets of this severity; null for every severity. */
  severity: severitySchema.nullable(),
  thresholdMinutes: z.number().int().positive().nullable(),
  base: z.enum(['contract-total', 'subsystem-amount']),
  rateBp: basisPointsSchema,
  /** Upper bound of one entry in fen; null for none. */
  capFen: fenSchema.nullable(),
  sourceText: sourceTextSchema,
});
export type DeductionRule = z.infer<typeof deductionRuleSchema>;

export const paymentMilestoneSchema = z.strictObject({
  id: idSchema,
  kind: z.enum(['first', 'progress', 'final']),
  /** Share of the contract total; the final milestone pays up to the audited amount instead. */
  shareBp: basisPointsSchema,
  /** signed: on signing; after-months: after that many months of service; term-end: after the term and the audit. */
  invoiceableWhen: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('signed') }),
    z.strictObject({
      kind: z.literal('after-months'),
      months: z.number().int().positive().max(120),
    }),
    z.strictObject({ kind: z.literal('term-end') }),
  ]),
  requiresQualifiedEvaluations: z.boolean(),
  requiresDeliverables: z.boolean(),
  /** The hospital pays within this many working days of receiving the invoice. */
  payWithinWorkingDays: z.number().int().positive().max(365),
  sourceText: sourceTextSchema,
});
export type PaymentMilestone = z.infer<typeof paymentMilestoneSchema>;

export const obligationCadences = [
  'monthly',
  'quarterly',
  'half-yearly',
  'yearly',
  'end-of-term',
] as const;
export { obligationKinds };
export const obligationRuleSchema = z.strictObject({
  kind: z.enum(obligationKinds),
  cadence: z.enum(obligationCadences),
  owner: z.enum(['service-manager', 'support-engineer']),
  proof: z.string().min(1).max(500),
  sourceText: sourceTextSchema,
  /** How the vague clause was read (解读), e.g. 定期 taken as quarterly; absent when the clause is exact. */
  reading: z.string().min(1).max(500).optional(),
});
export type ObligationRule = z.infer<typeof obligationRuleSchema>;

export const escalationContactSchema = z.strictObject({
  name: line(100),
  email: z.email(),
  phone: line(40).nullable().default(null),
  /** Who this person is to the contract, e.g. 信息中心主任. */
  title: line(100).nullable().default(null),
});
export type EscalationContact = z.infer<typeof escalationContactSchema>;

/** 评价人: who rates one section of the 维保服务评价报告 and is emailed the link to do so. */
export const evaluatorSchema = z.strictObject({
  name: line(100),
  email: z.email(),
  title: line(100).nullable().default(null),
});
export type Evaluator = z.infer<typeof evaluatorSchema>;

/** A day the hospital closes or opens against the statutory calendar. */
export const calendarOverrideSchema = z.strictObject({
  date: isoDateSchema,
  working: z.boolean(),
  reason: z.string().min(1).max(200),
});
export type CalendarOverride = z.infer<typeof calendarOverrideSchema>;

/** The terms of one maintenance contract (维保合同): all rules are data so each hospital's document can differ. */
export const contractTermsSchema = z
  .strictObject({
    name: line(200),
    /** 合同编号 as the parties wrote it on the signed contract; printed on every document. */
    number: line(64).optional(),
    totalFen: fenSchema,
    signedOn: isoDateSchema,
    term: z.strictObject({ startsOn: isoDateSchema, endsOn: isoDateSchema }),
    coveredSystem: line(300),
    subsystems: z.array(subsystemSchema).min(1).max(100),
    slaTargets: z.array(slaTargetSchema).length(3),
    deductionRules: z.array(deductionRuleSchema).max(50),
    paymentMilestones: z.array(paymentMilestoneSchema).max(20),
    liquidatedDamages: z.strictObject({
      rateBp: basisPointsSchema,
      perWorkingDays: z.number().int().positive(),
      capBp: basisPointsSchema,
      /** whole (default): only completed blocks of perWorkingDays count; started: a begun block counts. */
      blocks: z.enum(['whole', 'started']).optional(),
      sourceText: sourceTextSchema,
    }),
    evaluation: z.strictObject({
      /** Pass-rate thresholds in basis points: 100% excellent, ≥90% good, ≥80% qualified. */
      excellentBp: basisPointsSchema,
      goodBp: basisPointsSchema,
      qualifiedBp: basisPointsSchema,
      sourceText: sourceTextSchema,
    }),
    renewal: z.strictObject({
      count: z.number().int().min(0),
      limit: z.number().int().min(0).max(10),
      sourceText: sourceTextSchema,
    }),
    obligations: z.array(obligationRuleSchema).max(50),
    escalationContacts: z.array(escalationContactSchema).max(20),
    /** The vendor's service manager who owns the contract: warned when an SLA clock is at risk. */
    serviceManager: z
      .strictObject({ name: line(100), email: z.email() })
      .nullable()
      .optional(),
    /**
     * 使用科室评价人 (service level) and 信息中心评价人 (service quality): emailed a signed link to
     * enter their part of each evaluation. Absent or null: no link is sent, they enter it in the app.
     */
    evaluators: z
      .strictObject({
        department: evaluatorSchema.nullable(),
        itCenter: evaluatorSchema.nullable(),
      })
      .optional(),
    /**
     * 暂停计时: whether an engineer may pause the SLA clocks while waiting on the hospital or a
     * third party (the hospital sees it and may object). Absent or false: the clocks never pause,
     * as in the seed contract.
     */
    slaPause: z.strictObject({ allowed: z.boolean() }).optional(),
    /** How far an email's Date header may precede its receipt and still be the report time; default 15. */
    emailDateHeaderToleranceMinutes: z.number().int().min(0).max(1440).optional(),
    calendarOverrides: z.array(calendarOverrideSchema).max(366),
  })
  .superRefine((t, ctx) => {
    if (t.term.endsOn < t.term.startsOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['term', 'endsOn'],
        message: 'the term ends before it starts',
      });
    }
    const sum = t.subsystems.reduce((s, x) => s + x.amountFen, 0);
    if (sum > t.totalFen) {
      ctx.addIssue({
        code: 'custom',
        path: ['subsystems'],
        message: `subsystem amounts add up to ${sum} fen, more than the total of ${t.totalFen} fen`,
      });
    }
    const ids = new Set<string>();
    t.subsystems.forEach((s, i) => {
      if (ids.has(s.id))
        ctx.addIssue({
          code: 'custom',
          path: ['subsystems', i, 'id'],
          message: `duplicate subsystem id ${s.id}`,
        });
      ids.add(s.id);
    });
    const sev = new Set(t.slaTargets.map((s) => s.severity));
    if (sev.size !== severities.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['slaTargets'],
        message: 'one SLA target for each of fatal, serious and minor',
      });
    }
    if (t.renewal.count > t.renewal.limit) {
      ctx.addIssue({
        code: 'custom',
        path: ['renewal', 'count'],
        message: 'more renewals than the limit allows',
      });
    }
    const e = t.evaluation;
    if (!(e.excellentBp >= e.goodBp && e.goodBp >= e.qualifiedBp)) {
      ctx.addIssue({
        code: 'custom',
        path: ['evaluation'],
        message: 'thresholds must not decrease from excellent to qualified',
      });
    }
  });
export type ContractTerms = z.infer<typeof contractTermsSchema>;
