import * as z from 'zod';

const quarterFiguresSchema = z.strictObject({
  quarter: z.string(),
  faults: z.number().int(),
  /** 超时次数: faults with an SLA clock breached or a standing late-response deduction. */
  breached: z.number().int(),
  /** 达标率 in basis points: the other faults' share; agrees with the ledger's late responses. */
  compliantBp: z.number().int().nullable(),
  deductionsFen: z.number().int(),
  deductionEntries: z.number().int(),
  withdrawnFen: z.number().int(),
});

/** A contract's current quarter (服务期每三个月, from its start), as its evaluation counts it. */
const contractQuarterSchema = quarterFiguresSchema.omit({ quarter: true }).extend({
  contractId: z.string(),
  contractName: z.string(),
  index: z.number().int().positive(),
  startsOn: z.string(),
  endsOn: z.string(),
});

/** One hospital's home figures: each contract's current quarter. */
export const hospitalQuarterSchema = z.strictObject({
  contractQuarters: z.array(contractQuarterSchema),
});

const severityCountsSchema = z.strictObject({
  fatal: z.number().int(),
  serious: z.number().int(),
  minor: z.number().int(),
});

/**
 * The vendor's home figures, from rollups: one page of hospitals (open tickets, the last four
 * calendar quarters, each contract's current quarter) and the totals of every hospital the caller
 * sees, whatever the page.
 */
export const vendorOverviewSchema = z.strictObject({
  /** The start (00:00 Asia/Shanghai) of the day whose quarters the figures are of. */
  at: z.string(),
  quarters: z.array(z.strictObject({ label: z.string(), from: z.string(), to: z.string() })),
  hospitals: z.array(
    z.strictObject({
      hospitalId: z.string(),
      name: z.string(),
      open: severityCountsSchema,
      /** By calendar quarter (自然季度), for the charts. */
      quarters: z.array(quarterFiguresSchema),
      /** The current quarter of each contract in force, as its evaluation counts it. */
      contractQuarters: z.array(contractQuarterSchema),
    }),
  ),
  /** The cursor of the next page of hospitals, or null on the last page. */
  next: z.string().nullable(),
  /** Open tickets by severity of every hospital the caller sees. */
  open: severityCountsSchema,
  /** Standing deductions of every contract's current quarter, every hospital the caller sees. */
  currentQuarterFen: z.number().int(),
  /** A year of public holidays the calendar lacks while contracts reach into it. */
  calendarMissing: z
    .strictObject({ year: z.number().int(), contracts: z.number().int().optional() })
    .nullable()
    .optional(),
});
