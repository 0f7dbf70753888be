/**
 * The recurring duties of a contract, in the contract's order (zod-free, so the web app can list
 * them without pulling the schemas into its bundle).
 */
export const obligationKinds = [
  'inspection',
  'deliverables',
  'quarterly-evaluation',
  'annual-evaluation',
  'clean-up',
  'backup-restore-test',
  'system-analysis',
  'training',
  'feedback',
] as const;
