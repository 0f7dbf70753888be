import * as z from 'zod';
import { line } from './text.ts';

export const hospitalIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, '2 to 40 lower-case letters, digits and dashes');

/** A hospital is a tenant: its people see only its data. */
export const hospitalFieldsSchema = z.strictObject({
  name: line(200),
  /** Prefix of the hospital's ticket numbers, e.g. WHZX in WHZX-2026-00042. */
  code: z
    .string()
    .regex(/^[A-Z][A-Z0-9]{1,9}$/, '2 to 10 upper-case letters and digits, starting with a letter'),
  campuses: z.array(line(100)).max(20).default([]),
  /** The local part of the hospital's intake address, e.g. whzx in whzx@intake.example. */
  intakeLocalPart: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{0,63}$/, 'lower-case letters, digits, dots and dashes'),
});
export type HospitalFields = z.infer<typeof hospitalFieldsSchema>;

/**
 * Whether a hospital answers a search: the words anywhere in its name, campuses, code, id or
 * intake address, in any case (the hospital list's search and the pickers', on the server).
 */
export function hospitalMatches(
  h: { id: string; name: string; code: string; intakeLocalPart: string; campuses: string[] },
  words: string,
): boolean {
  const n = words.trim().toLowerCase();
  if (!n) return true;
  return [h.name, h.id, h.code, h.intakeLocalPart, ...h.campuses].some((v) =>
    v.toLowerCase().includes(n),
  );
}
