import type { OperationId } from '@weibao/api';
import { contractFromTemplate, seedCpoeTemplate } from '@weibao/domain';
import type { ContractRecord, HospitalRecord } from '@weibao/store';

/** A hospital the security tests made for one case, with one contract. */
export interface HospitalFixture {
  hospital: HospitalRecord;
  contract: ContractRecord;
}

/** What an example may build its request from. */
export interface ExampleContext {
  /** The hospital the request targets (its id also goes into {hospitalId}). */
  target: HospitalFixture;
  /** Unique per request, for the ids of things a request creates. */
  unique: string;
}

/**
 * The smallest valid request of one route, beside {hospitalId}: what the isolation matrix sends
 * so that an allowed caller gets a 2xx, and what the fuzz tests mutate. Every route of the table
 * must have one; a route added without one fails test/security/route-examples.test.ts.
 */
export interface RouteExample {
  params?: (c: ExampleContext) => Record<string, string>;
  query?: (c: ExampleContext) => Record<string, string>;
  body?: (c: ExampleContext) => unknown;
  headers?: (c: ExampleContext) => Record<string, string>;
}

export const exampleTerms = () =>
  contractFromTemplate(seedCpoeTemplate, { signedOn: '2026-01-05' });

export const routeExamples: Partial<Record<OperationId, RouteExample>> = {
  getHealth: {},
  getOpenApi: {},
  getMe: {},
  listContractTemplates: {},
  listHospitals: { query: () => ({ limit: '10' }) },
  createHospital: {
    body: ({ unique }) => ({
      id: `new-${unique}`,
      name: `新医院 ${unique}`,
      code: 'NEWH',
      campuses: ['主院区'],
      intakeLocalPart: `new-${unique}`,
    }),
  },
  getHospital: {},
  updateHospital: {
    body: ({ target }) => ({
      version: target.hospital.version,
      name: `${target.hospital.name}（更名）`,
    }),
  },
  deleteHospital: { query: ({ target }) => ({ version: String(target.hospital.version) }) },
  listContracts: { query: () => ({ limit: '10' }) },
  createContract: {
    body: () => ({ terms: exampleTerms() }),
    headers: ({ unique }) => ({ 'idempotency-key': `create-${unique}` }),
  },
  getContract: { params: ({ target }) => ({ contractId: target.contract.id }) },
  updateContract: {
    params: ({ target }) => ({ contractId: target.contract.id }),
    body: ({ target }) => ({
      terms: { ...target.contract.terms, name: `${target.contract.terms.name}（修订）` },
      version: target.contract.version,
    }),
  },
  deleteContract: {
    params: ({ target }) => ({ contractId: target.contract.id }),
    query: ({ target }) => ({ version: String(target.contract.version) }),
  },
  listAuditRecords: { query: () => ({ limit: '10' }) },
};
