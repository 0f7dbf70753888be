import type { Obligation } from '../../api/obligation-queries.ts';
import type { Messages } from '../../i18n/messages.ts';

/** 现场巡检 #2: the kind's name in the user's language and which one of the term it is. */
export function obligationName(t: Messages, o: Pick<Obligation, 'kind' | 'sequence'>): string {
  const name = o.kind === 'payment' ? t.obligations.payment : t.obligationKinds[o.kind];
  return `${name} #${o.sequence}`;
}
