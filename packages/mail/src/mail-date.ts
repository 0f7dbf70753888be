/**
 * The `Date` header as an ISO UTC string, or null when it is missing or unreadable. mailparser
 * replaces an unreadable date with the time of parsing, which would start an SLA clock at the
 * wrong moment, so we read the header ourselves. A date without a zone is read as UTC
 * (RFC 5322 4.3: no zone means no information), never in the server's local zone. Obsolete zone
 * names follow RFC 5322 (CST is US Central, -0600): a Chinese server that means +0800 writes it
 * as a number, and the rules package falls back to the receipt time when the Date is implausible.
 */
export function mailDate(value: string | undefined): string | null {
  if (!value) return null;
  const text = value
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!/\d{1,2}:\d{2}/.test(text)) return null;
  const hasZone = /(?:[+-]\d{2}:?\d{2}|\b(?:UT|UTC|GMT|Z|[ECMP][SD]T))$/i.test(text);
  const date = new Date(hasZone ? text : `${text} +0000`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
