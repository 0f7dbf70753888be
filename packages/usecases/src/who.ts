import type { PersonRef, Who } from '@weibao/store';
import type { Actor } from './ports.ts';

/**
 * Who acted, as records keep it: subject, e-mail, role and, when the token carried one, the
 * person's name, so screens and documents name people (张伟) rather than addresses.
 */
export function whoOf(actor: Actor): Who & { role: Actor['role'] } {
  return { ...personOf(actor), role: actor.role };
}

/** The same without the role, for records that keep none. */
export function personOf(actor: Actor): PersonRef {
  return { sub: actor.sub, email: actor.email, ...(actor.name ? { name: actor.name } : {}) };
}
