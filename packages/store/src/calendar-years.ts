import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from './audit.ts';
import type { Db } from './client.ts';
import { keys, stripKeys } from './keys.ts';
import { queryAll } from './query-page.ts';
import { versionedWrite, type WriteCondition } from './versioned-write.ts';

/** A day of the calendar and what it is called (元旦, 春节 …). */
export interface NamedDay {
  date: string;
  name: string;
}

/**
 * One year of the statutory working-day calendar, entered by a vendor admin from the State
 * Council's notice (国务院办公厅关于…年部分节假日安排的通知). An entered year wins over the years the
 * chinese-days package ships.
 */
export interface CalendarYearRecord {
  year: number;
  /** The notice's title. */
  notice: string;
  /** The day the notice was published, when entered. */
  noticeDate: string | null;
  holidays: NamedDay[];
  /** 调休: weekend days that are working days. */
  makeUpWorkdays: NamedDay[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export async function calendarYear(db: Db, year: number): Promise<CalendarYearRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.calendarYear(year), ConsistentRead: true }),
  );
  return out.Item ? stripKeys<CalendarYearRecord & Record<string, unknown>>(out.Item) : undefined;
}

/** Every entered year, oldest first: a handful, read in one go. */
export function allCalendarYears(db: Db): Promise<CalendarYearRecord[]> {
  const { pk, skPrefix } = keys.calendarYears();
  return queryAll<CalendarYearRecord>(db, { partition: { pk }, sort: { prefix: skPrefix } });
}

/** Saved with its audit record in the vendor's chain (`vendorChainId`), version-checked. */
export async function saveCalendarYear(
  db: Db,
  y: CalendarYearRecord,
  condition: WriteCondition,
  audit: AuditRecord,
): Promise<void> {
  await versionedWrite(db, {
    item: { ...keys.calendarYear(y.year), itemType: 'CalendarYear', ...y },
    condition,
    audit,
  });
}
