/**
 * A ticket number as we write it into subjects: hospital code (2–10 upper-case letters or
 * digits, starting with a letter), year, sequence of at least five digits, e.g. WHZX-2026-00042.
 * The lookarounds keep it from starting or ending inside a longer word or number, so the
 * brackets around it, half-width or full-width, or none, do not matter.
 */
const TICKET_REF = /(?<![A-Za-z0-9-])([A-Z][A-Z0-9]{1,9}-\d{4}-\d{5,})(?![0-9])/;

/** The ticket number a reply carries in its subject, or null. */
export function ticketRefFromSubject(subject: string | null): string | null {
  return TICKET_REF.exec(subject ?? '')?.[1] ?? null;
}
