/**
 * The business metrics every function may emit (CloudWatch EMF through Powertools Metrics, no API
 * calls), in one place so the handlers that emit them and the dashboard and alarms that read them
 * cannot drift apart. Namespace: `weibao-<stage>` (POWERTOOLS_METRICS_NAMESPACE); every metric also
 * carries the dimension `service: weibao` (POWERTOOLS_SERVICE_NAME), and the dimensions named here.
 */
export const metricsServiceName = 'weibao';

export function metricsNamespace(stage: string): string {
  return `weibao-${stage}`;
}

export const businessMetrics = {
  /** A ticket opened, by the channel it came in on (web, email, phone) and its severity. */
  ticketsOpened: { name: 'TicketsOpened', unit: 'Count', dimensions: ['channel', 'severity'] },
  /** An SLA deadline that is near (reminder point) and still open. */
  slaAtRisk: { name: 'SlaAtRisk', unit: 'Count', dimensions: ['clock'] },
  /** An SLA deadline that passed unmet (response or resolution). */
  slaBreached: { name: 'SlaBreached', unit: 'Count', dimensions: ['clock'] },
  /** A deduction booked in the ledger: how many, and how much in fen. */
  deductionsBooked: { name: 'DeductionsBooked', unit: 'Count', dimensions: [] },
  deductionsFen: { name: 'DeductionsFen', unit: 'Count', dimensions: [] },
  /** Received mail: taken in (ticket or comment), quarantined, ignored (automatic mail). */
  mailTakenIn: { name: 'MailTakenIn', unit: 'Count', dimensions: [] },
  mailQuarantined: { name: 'MailQuarantined', unit: 'Count', dimensions: [] },
  mailIgnored: { name: 'MailIgnored', unit: 'Count', dimensions: [] },
  /** Obligation reminders and evaluation requests mailed. */
  remindersSent: { name: 'RemindersSent', unit: 'Count', dimensions: [] },
  /** Outgoing mail the drain sent from the queue, and mail given up after its last attempt. */
  mailSent: { name: 'MailSent', unit: 'Count', dimensions: [] },
  mailDead: { name: 'MailDead', unit: 'Count', dimensions: [] },
  /** A signed link used (evaluation entry). */
  linkUses: { name: 'LinkUses', unit: 'Count', dimensions: [] },
} as const;

export type BusinessMetric = keyof typeof businessMetrics;
