import { roles } from '@weibao/domain';

/** Role and resource groups more than one capability's routes grant. */
export const everyone = roles;
export const hospitalReaders = roles;
export const ledgerReaders = [
  'vendor-admin',
  'service-manager',
  'support-engineer',
  'hospital-it',
  'supervisor',
  'auditor',
] as const;
/**
 * Ticket writes re-plan SLA timers and send escalations, each with a signed reply address, and
 * hand their notification channels' messages to delivery schedules.
 */
export const ticketWrites = {
  timers: 'replace',
  mail: 'send',
  links: 'sign',
  channels: 'schedule',
} as const;
export const contractManagers = ['vendor-admin', 'service-manager'] as const;
/** Who invites and manages a hospital's users: the vendor's admins and managers, its IT center. */
export const hospitalPeopleManagers = ['vendor-admin', 'service-manager', 'hospital-it'] as const;
