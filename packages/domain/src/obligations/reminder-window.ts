import { fnv1a32 } from '../fnv1a.ts';
import { startOfShanghaiDate } from '../time/instant.ts';

/**
 * Reminders and evaluation requests go out between 08:30 and 09:30 Asia/Shanghai, as the office
 * opens (Reading), each at its own second of that hour rather than all at 09:00:00: at 1,000
 * hospitals some 900 reminders fell due in the same second (issue 19).
 */
export const reminderWindowShanghai = { startsAtSeconds: 8 * 3_600 + 30 * 60, seconds: 3_600 };

/** Whose reminder it is: the obligation of a contract of a hospital. */
export interface ReminderOwner {
  hospitalId: string;
  contractId: string;
  obligationId: string;
}

/**
 * The second of the window an obligation's reminders go out at: FNV-1a of hospital, contract and
 * obligation, modulo the window. The same obligation keeps its second (a schedule put again is
 * the same schedule); different obligations fall evenly over the hour.
 */
export function secondOfReminderWindow(owner: ReminderOwner): number {
  const text = `${owner.hospitalId}\u0000${owner.contractId}\u0000${owner.obligationId}`;
  return fnv1a32(text) % reminderWindowShanghai.seconds;
}

/** The instant an obligation's reminder of a Shanghai day goes out: inside that day's window. */
export function reminderInstantOn(day: string, owner: ReminderOwner): number {
  const seconds = reminderWindowShanghai.startsAtSeconds + secondOfReminderWindow(owner);
  return startOfShanghaiDate(day) + seconds * 1000;
}
