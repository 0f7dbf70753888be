/**
 * Who did something, as a record keeps it: the token's subject, e-mail and role, and the person's
 * name when the token carried one (screens show the name, else the e-mail; never the subject).
 */
export interface Who {
  sub: string;
  email: string | null;
  role: string;
  name?: string;
}

/** Who, where the record has no role to keep (a quarantine decision, a notice). */
export type PersonRef = Omit<Who, 'role'>;
