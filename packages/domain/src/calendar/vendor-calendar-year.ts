import * as z from 'zod';
import { isoDateSchema } from '../contract.ts';
import { weekdayOf } from '../dates.ts';
import { line } from '../text.ts';

const namedDaySchema = z.strictObject({ date: isoDateSchema, name: line(50) });

/** One year of the statutory calendar entered by the vendor (see vendor-additions.ts). */
export const vendorCalendarYearSchema = z
  .strictObject({
    year: z.number().int().min(2000).max(2200),
    /** The State Council notice the dates come from. */
    notice: line(200),
    holidays: z.array(namedDaySchema).min(1),
    /** 调休: weekend days that are working days. */
    makeUpWorkdays: z.array(namedDaySchema),
  })
  .superRefine((y, ctx) => {
    const seen = new Set<string>();
    for (const [list, days] of [
      ['holidays', y.holidays],
      ['makeUpWorkdays', y.makeUpWorkdays],
    ] as const) {
      days.forEach((d, i) => {
        if (!d.date.startsWith(`${y.year}-`)) {
          ctx.addIssue({ code: 'custom', path: [list, i, 'date'], message: `不在 ${y.year} 年内` });
        }
        if (seen.has(d.date)) {
          ctx.addIssue({ code: 'custom', path: [list, i, 'date'], message: '同一天列出了两次' });
        }
        seen.add(d.date);
      });
    }
    y.makeUpWorkdays.forEach((d, i) => {
      const weekday = weekdayOf(d.date);
      if (weekday !== 0 && weekday !== 6) {
        ctx.addIssue({
          code: 'custom',
          path: ['makeUpWorkdays', i, 'date'],
          message: '调休上班日必须是周六或周日',
        });
      }
    });
  });
export type VendorCalendarYear = z.input<typeof vendorCalendarYearSchema>;
