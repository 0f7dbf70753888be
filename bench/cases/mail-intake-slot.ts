import type { CaseResult } from '../result.ts';

/**
 * The place of the email intake figure: messages per second through the intake (SMTP stand-in →
 * S3 → intake handler → ticket) against bare mailparser parsing the same messages in the same
 * run. Intake is built on branch `intake`; after it is merged, bench/cases/mail-intake.ts
 * replaces this slot (see docs/performance.md).
 */
export function mailIntakeSlot(): CaseResult {
  return {
    figures: [
      {
        case: 'mail',
        name: 'email intake throughput',
        measured: null,
        limit: null,
        unit: 'messages/s',
        ratio: null,
        note: 'pending: bench/cases/mail-intake.ts arrives with the intake branch (limit: bare mailparser on the same messages)',
      },
    ],
  };
}
