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
export const ticketWrites = { timers: 'replace', mail: 'send' } as const;
export const contractManagers = ['vendor-admin', 'service-manager'] as const;
