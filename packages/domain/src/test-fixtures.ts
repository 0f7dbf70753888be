import type { ContractTerms } from './contract.ts';
import type { DeductibleTicket } from './deductions/deductible-ticket.ts';
import { seedCpoeTemplate } from './templates/seed-cpoe.ts';
import { contractFromTemplate } from './templates/template.ts';

/**
 * The seed's demo contract for tests: 188,000.00 CNY, eight subsystems of 23,500.00 each, signed
 * and started on Monday 2026-01-05, so its term runs to 2027-01-04.
 */
export function seedDemoContract(): ContractTerms {
  return contractFromTemplate(seedCpoeTemplate, { signedOn: '2026-01-05' });
}

/** A fault report with a response `minutes` after it (null: no response yet). */
export function faultTicket(
  ticketId: string,
  reportedAt: string,
  responseMinutes: number | null,
  overrides: Partial<DeductibleTicket> = {},
): DeductibleTicket {
  const reportedMs = Date.parse(reportedAt);
  return {
    ticketId,
    severity: 'serious',
    subsystemId: 's1',
    reported: { eventId: `${ticketId}-reported`, at: reportedAt },
    responded:
      responseMinutes === null
        ? null
        : { eventId: `${ticketId}-responded`, at: reportedMs + responseMinutes * 60_000 },
    attribution: null,
    ...overrides,
  };
}
