import { toEpochMs, type Instant } from '../time/instant.ts';

/**
 * 提前通知: a planned upgrade, configuration change or downtime the vendor announced. A fault
 * traced to a change the hospital acknowledged beforehand is not deducted.
 */
export interface AdvanceNotice {
  id: string;
  /** Subsystems the change touches; empty for the whole covered system. */
  subsystemIds: string[];
  announcedAt: Instant;
  /** When the hospital acknowledged it; null while unacknowledged. */
  acknowledgedAt: Instant | null;
}

/** True when the notice covers the subsystem and the hospital acknowledged it before the fault. */
export function noticeExcusesFault(
  notice: AdvanceNotice,
  fault: { subsystemId: string; reportedAt: Instant },
): boolean {
  if (notice.acknowledgedAt === null) return false;
  const covers =
    notice.subsystemIds.length === 0 || notice.subsystemIds.includes(fault.subsystemId);
  return covers && toEpochMs(notice.acknowledgedAt) <= toEpochMs(fault.reportedAt);
}
