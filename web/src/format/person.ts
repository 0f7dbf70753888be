/** Someone a record names: subject, e-mail and, when their token carried one, their name. */
export interface PersonLike {
  sub?: string | null;
  email: string | null;
  name?: string | undefined;
}

/**
 * How a screen names a person: their name, else their e-mail, else `fallback` (a system step or
 * an account without either). Never the token's subject, an id nobody knows.
 */
export function personName(who: PersonLike | null | undefined, fallback: string): string {
  return who?.name?.trim() || who?.email || fallback;
}
