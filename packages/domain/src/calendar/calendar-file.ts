import { addDays, assertIsoDate, yearOf } from '../dates.ts';

/** A year's days as read from a file: holiday dates and 调休 make-up working days, with names. */
export interface CalendarFileDays {
  holidays: { date: string; name: string }[];
  makeUpWorkdays: { date: string; name: string }[];
}

/** A line of an ICS file that cannot be read, with its number (1-based, after unfolding). */
export class CalendarFileError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(line === null ? message : `line ${line}: ${message}`);
    this.name = 'CalendarFileError';
  }
}

// Chinese holiday feeds mark a make-up working day with 班 (补班, 上班, 调休上班) and a day off
// with 休 or 放假; what remains is the holiday's name.
const workMarker = /(调休)?(补班|上班|班)/;
const offMarker = /(放假|休息|休)/;

function cleanName(summary: string): string {
  return summary
    .replace(/[（(][^）)]*[）)]/g, ' ')
    .replace(workMarker, ' ')
    .replace(offMarker, ' ')
    .replace(/[\s·・:：-]+/g, ' ')
    .trim();
}

/** `20270101` or `20270101T000000` (Z or not) → `2027-01-01`. */
function dateOf(value: string, line: number): string {
  const m = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(value.trim());
  if (!m) throw new CalendarFileError(`"${value}" is not an iCalendar date`, line);
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  try {
    return assertIsoDate(date);
  } catch {
    throw new CalendarFileError(`"${value}" is not a calendar date`, line);
  }
}

/**
 * The days of `year` in an iCalendar (ICS) file of Chinese public holidays, as calendar apps and
 * feeds publish them: one all-day VEVENT per holiday (DTSTART to DTEND, DTEND exclusive) or per
 * day, a make-up working day marked 班 in its SUMMARY. Events of other years are left out, so a
 * feed of many years can be given for one.
 */
export function calendarDaysFromIcs(text: string, year: number): CalendarFileDays {
  // RFC 5545 3.1: a line that starts with a space or tab continues the one before.
  const lines = text
    .replace(/\r\n|\r/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n');
  const holidays = new Map<string, string>();
  const workdays = new Map<string, string>();
  let event: { start?: string; end?: string; summary?: string; at: number } | null = null;
  let events = 0;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const colon = raw.indexOf(':');
    if (colon < 0) return;
    const name = raw.slice(0, colon).split(';')[0]?.toUpperCase();
    const value = raw.slice(colon + 1);
    if (name === 'BEGIN' && value.trim().toUpperCase() === 'VEVENT') {
      event = { at: line };
      return;
    }
    if (!event) return;
    if (name === 'DTSTART') event.start = dateOf(value, line);
    else if (name === 'DTEND') event.end = dateOf(value, line);
    else if (name === 'SUMMARY') event.summary = value.replace(/\\([,;\\])/g, '$1').trim();
    else if (name === 'END' && value.trim().toUpperCase() === 'VEVENT') {
      const e: { start?: string; end?: string; summary?: string; at: number } = event;
      event = null;
      events += 1;
      if (!e.start) throw new CalendarFileError('an event without DTSTART', e.at);
      if (!e.summary) throw new CalendarFileError('an event without SUMMARY', e.at);
      const last = e.end && e.end > e.start ? addDays(e.end, -1) : e.start;
      if (yearOf(last) - yearOf(e.start) > 1)
        throw new CalendarFileError(`an event from ${e.start} to ${last} is too long`, e.at);
      const working = workMarker.test(e.summary);
      const dayName = cleanName(e.summary) || e.summary;
      for (let d = e.start; d <= last; d = addDays(d, 1)) {
        if (yearOf(d) !== year) continue;
        const into = working ? workdays : holidays;
        const other = working ? holidays : workdays;
        if (other.has(d))
          throw new CalendarFileError(`${d} is both a holiday and a make-up working day`, e.at);
        into.set(d, dayName);
      }
    }
  });
  if (events === 0)
    throw new CalendarFileError('no VEVENT in the file: is it an iCalendar file?', null);
  const sorted = (m: Map<string, string>) =>
    [...m].sort(([a], [b]) => a.localeCompare(b)).map(([date, n]) => ({ date, name: n }));
  return { holidays: sorted(holidays), makeUpWorkdays: sorted(workdays) };
}
