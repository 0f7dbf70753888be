import type { VendorCalendarYear } from './vendor-calendar-year.ts';

/**
 * Years of the statutory calendar that the vendor enters by hand, for a year the State Council
 * has just published (国务院办公厅关于××年部分节假日安排的通知, usually in November) before the
 * `chinese-days` package ships it. An entry replaces the package's data for its year, so keep it
 * complete: every holiday date, including weekend days inside a holiday, and every 调休 make-up
 * working day. Once the package covers the year and agrees, delete the entry.
 *
 * Shape of one entry:
 * { year: 2027, notice: '国办发明电〔2026〕N号',
 *   holidays: [{ date: '2027-01-01', name: '元旦' }, …],
 *   makeUpWorkdays: [{ date: '2027-02-06', name: '春节' }, …] }
 */
export const vendorCalendarAdditions: readonly VendorCalendarYear[] = [];
