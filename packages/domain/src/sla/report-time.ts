import { minuteMs, toEpochMs, toIsoInstant, type Instant } from '../time/instant.ts';

/** How far the Date header may precede our receipt and still count (the seed gives no figure). */
export const defaultDateHeaderToleranceMinutes = 15;

export interface EmailReportTime {
  reportedAt: string;
  source: 'date-header' | 'receipt';
  /** Why the Date header was not used; null when it was. */
  rejected: 'missing' | 'unparseable' | 'after-receipt' | 'too-early' | null;
}

/** RFC 5322 dates as mail carries them ("Wed, 30 Sep 2026 09:12:00 +0800"); the zone is required. */
const rfc5322Date =
  /^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}|GMT|UT|Z)$/;

function parseDateHeader(header: Instant): number | null {
  if (typeof header === 'number') return Number.isSafeInteger(header) ? header : null;
  const trimmed = header.trim().replace(/\s+\([^)]*\)$/, '');
  if (rfc5322Date.test(trimmed)) {
    const ms = Date.parse(trimmed);
    return Number.isNaN(ms) ? null : ms;
  }
  try {
    return toEpochMs(trimmed);
  } catch {
    return null;
  }
}

/**
 * 响应时间——自甲方向乙方发出书面报告错误之时起计: for an email, the moment the hospital sent it.
 * The sender's clock writes the Date header, so it is trusted only when it lies at most
 * `toleranceMinutes` before our receipt and not after it; otherwise the receipt time counts.
 */
export function reportTimeFromEmail(
  email: { dateHeader: Instant | null; receivedAt: Instant },
  toleranceMinutes: number = defaultDateHeaderToleranceMinutes,
): EmailReportTime {
  const receivedMs = toEpochMs(email.receivedAt);
  const receipt = (rejected: EmailReportTime['rejected']): EmailReportTime => ({
    reportedAt: toIsoInstant(receivedMs),
    source: 'receipt',
    rejected,
  });
  if (email.dateHeader === null || email.dateHeader === '') return receipt('missing');
  const sentMs = parseDateHeader(email.dateHeader);
  if (sentMs === null) return receipt('unparseable');
  if (sentMs > receivedMs) return receipt('after-receipt');
  if (receivedMs - sentMs > toleranceMinutes * minuteMs) return receipt('too-early');
  return { reportedAt: toIsoInstant(sentMs), source: 'date-header', rejected: null };
}
