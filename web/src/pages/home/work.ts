import type { Role } from '@weibao/domain';
import type { Evaluation } from '../../api/record-queries.ts';
import type { Ticket } from '../../api/ticket-queries.ts';
import type { Obligation } from '../../api/obligation-queries.ts';

/** One thing that waits for the signed-in person, with where it is done. */
export interface WorkItem {
  kind:
    | 'rate-service-level'
    | 'rate-service-quality'
    | 'sign-evaluation'
    | 'acknowledge-notice'
    | 'confirm-proof';
  /** What it is about, as people name it: the contract and the period, or the notice's title. */
  subject: string;
  to: string;
}

export interface WorkInput {
  role: Role;
  hospitalId: string;
  evaluations: { contractName: string; evaluation: Evaluation; periodName: string }[];
  notices: { id: string; title: string; acknowledgedAt: string | null }[];
  /** Obligations whose proof the vendor submitted, with the names people know them by. */
  obligations?: {
    contractName: string;
    obligation: Pick<Obligation, 'contractId' | 'state'>;
    /** The obligation's name and until when the hospital may object. */
    name: string;
  }[];
}

const open = (t: Pick<Ticket, 'status'>) => t.status !== 'resolved' && t.status !== 'closed';

/**
 * What waits for a hospital-side person (the home page's 待办): the department enters the
 * service level of a drafted evaluation, the IT center its service quality and acknowledges the
 * vendor's advance notices and confirms (or objects to) the vendor's proofs within their objection
 * window, supervisors and auditors sign a rated evaluation they have not signed.
 */
export function workFor(i: WorkInput): WorkItem[] {
  const out: WorkItem[] = [];
  const h = encodeURIComponent(i.hospitalId);
  for (const { contractName, evaluation: e, periodName } of i.evaluations) {
    const subject = `${contractName} · ${periodName}`;
    const to = `/hospitals/${h}/contracts/${e.contractId}/evaluations/${e.id}`;
    if (e.status === 'signed') continue;
    if (i.role === 'hospital-dept' && e.serviceLevel === null)
      out.push({ kind: 'rate-service-level', subject, to });
    if (i.role === 'hospital-it' && e.serviceQuality === null)
      out.push({ kind: 'rate-service-quality', subject, to });
    if (
      (i.role === 'supervisor' || i.role === 'auditor') &&
      e.status === 'rated' &&
      !e.signatures.some((s) => s.role === i.role)
    )
      out.push({ kind: 'sign-evaluation', subject, to });
  }
  if (i.role === 'hospital-it')
    for (const { contractName, obligation: o, name } of i.obligations ?? [])
      if (o.state === 'awaiting')
        out.push({
          kind: 'confirm-proof',
          subject: `${contractName} · ${name}`,
          to: `/hospitals/${h}/contracts/${o.contractId}/obligations?state=awaiting`,
        });
  if (i.role === 'hospital-it')
    for (const n of i.notices)
      if (n.acknowledgedAt === null)
        out.push({ kind: 'acknowledge-notice', subject: n.title, to: `/hospitals/${h}/notices` });
  return out;
}

/**
 * The open tickets a person's home page lists: the hospital's for the IT center, supervisors and
 * auditors; a department's own reports for a department user (by the address they reported with).
 */
export function homeTickets(
  role: Role,
  email: string | null,
  tickets: readonly Ticket[],
): Ticket[] {
  const mine = (t: Ticket) =>
    email !== null && t.reporter.email?.toLowerCase() === email.toLowerCase();
  return tickets.filter((t) => open(t) && (role !== 'hospital-dept' || mine(t)));
}
