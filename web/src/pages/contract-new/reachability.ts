import type { ContractTerms } from '@weibao/domain/contract';

/**
 * Whom a contract's mail cannot reach: obligation reminders and at-risk warnings go to its service
 * manager, breach notices to its escalation contacts; without them the reminder fails on the
 * server with nothing shown to people.
 */
export function missingRecipients(
  terms: Pick<ContractTerms, 'serviceManager' | 'escalationContacts'>,
): { serviceManager: boolean; escalationContacts: boolean } {
  return {
    serviceManager: !terms.serviceManager,
    escalationContacts: terms.escalationContacts.length === 0,
  };
}
