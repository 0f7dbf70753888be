import { hisOutpatient24mTemplate } from './his-outpatient-24m.ts';
import { seedCpoeTemplate } from './seed-cpoe.ts';
import type { ContractTemplate } from './template.ts';

/** The templates a new contract may start from; the seed's contract is the default, so first. */
export const contractTemplates: readonly ContractTemplate[] = [
  seedCpoeTemplate,
  hisOutpatient24mTemplate,
];
