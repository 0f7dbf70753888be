import {
  contractById,
  ensureIntakeAddress,
  hospitalById,
  saveContract,
  StoreError,
  type ContractRecord,
} from '@weibao/store';
import { auditRecord } from '../audit-record.ts';
import { makeCreateHospital } from '../hospitals/hospital-use-cases.ts';
import { planContractObligations } from '../obligations/obligation-planning.ts';
import type { Actor, PlanningDeps } from '../ports.ts';
import { demoContracts, demoHospitals, type DemoContract } from './demo-data.ts';

const system: Actor = {
  sub: 'system:demo-data',
  email: null,
  role: 'vendor-admin',
  hospitalId: null,
};

/**
 * Loads the demo hospitals and contracts with their obligations; running it again changes nothing
 * (a contract there already keeps its dates). `contracts`: the tests' fixed 2026 ones by default.
 */
export async function loadDemoData(
  deps: PlanningDeps,
  contracts: readonly DemoContract[] = demoContracts,
): Promise<{ created: string[] }> {
  const created: string[] = [];
  const createHospital = makeCreateHospital(deps);
  for (const h of demoHospitals) {
    const existing = await hospitalById(deps.db, h.id);
    if (existing) {
      // Data kept from before intake addresses had a lookup item: mail to it must still arrive.
      if (
        !existing.deletedAt &&
        (await ensureIntakeAddress(deps.db, existing.intakeLocalPart, h.id))
      )
        created.push(`intake address ${existing.intakeLocalPart}`);
      continue;
    }
    const { created: made } = await createHospital(system, h);
    if (made) created.push(`hospital ${h.id}`);
  }
  for (const c of contracts) {
    const existing = await contractById(deps.db, c.hospitalId, c.id);
    if (existing) {
      // Data from before obligations were stored gets them now; otherwise nothing changes.
      const { created: made } = await planContractObligations(deps, system, existing);
      if (made > 0) created.push(`${made} obligations of contract ${c.id}`);
      continue;
    }
    const at = deps.clock.now().toISOString();
    const record: ContractRecord = {
      ...c,
      version: 1,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    };
    try {
      await saveContract(
        deps.db,
        record,
        { kind: 'create' },
        auditRecord(
          deps,
          system,
          at,
          c.hospitalId,
          'contract.create',
          { type: 'contract', id: c.id },
          null,
          record,
        ),
      );
      created.push(`contract ${c.id}`);
      const { created: made } = await planContractObligations(deps, system, record);
      created.push(`${made} obligations of contract ${c.id}`);
    } catch (err) {
      // Another process loaded it between our read and write: that is the state we want.
      if (!(err instanceof StoreError && err.code === 'already-exists')) throw err;
    }
  }
  return { created };
}
