import * as z from 'zod';
import { vendorRoles } from '@weibao/domain';
import { defineRoute, routeIn, type RouteDef } from '../route.ts';
import * as s from '../schemas.ts';
import * as c from '../schemas-contracts.ts';
import * as l from '../schemas-ledger.ts';
import * as d from '../schemas-documents.ts';
import * as e from '../schemas-evaluations.ts';
import * as o from '../schemas-overview.ts';
import { hospitalReaders, ledgerReaders, contractManagers } from './access-groups.ts';

/** Contract writes re-plan the obligations and their reminder schedules. */
const contractWrites = { reminders: 'replace' } as const;

/** Contracts and what follows from their terms: templates, renewal, the deduction ledger and the generated documents. */
export const routes = [
  defineRoute({
    operationId: 'listContractTemplates',
    method: 'GET',
    path: '/api/contract-templates',
    handler: 'contracts/list-contract-templates',
    summary:
      'Contract templates (the seed procurement document first), each rule with its source text',
    access: { kind: 'vendor', roles: vendorRoles },
    response: z.strictObject({ items: z.array(c.contractTemplateSchema) }),
  }),
  defineRoute({
    operationId: 'listContracts',
    method: 'GET',
    path: '/api/hospitals/{hospitalId}/contracts',
    handler: 'contracts/list-contracts',
    summary: 'Contracts of a hospital',
    access: { kind: 'hospital', roles: hospitalReaders },
    params: s.hospitalParamsSchema,
    query: s.listQuerySchema,
    response: s.listOf(c.contractSchema),
  }),
  defineRoute({
    operationId: 'createContract',
    method: 'POST',
    idempotent: true,
    path: '/api/hospitals/{hospitalId}/contracts',
    handler: 'contracts/create-contract',
    summary: 'Record a signed maintenance contract',
    access: { kind: 'hospital', roles: ['vendor-admin', 'service-manager'] },
    uses: contractWrites,
    params: s.hospitalParamsSchema,
    body: c.createContractSchema,
    response: c.contractSchema,
    status: 201,
  }),
  defineRoute({
    operationId: 'getContract',
    method: 'GET',
    path: '/api/hospitals/{hospitalId}/contracts/{contractId}',
    handler: 'contracts/get-contract',
    summary: 'One contract with all its terms',
    access: { kind: 'hospital', roles: hospitalReaders },
    params: s.contractParamsSchema,
    response: c.contractSchema,
  }),
  defineRoute({
    operationId: 'updateContract',
    method: 'PUT',
    path: '/api/hospitals/{hospitalId}/contracts/{contractId}',
    handler: 'contracts/update-contract',
    summary: 'Change a contract’s terms (version-checked, audited)',
    access: { kind: 'hospital', roles: ['vendor-admin', 'service-manager'] },
    uses: contractWrites,
    params: s.contractParamsSchema,
    body: c.updateContractSchema,
    response: c.contractSchema,
  }),
  defineRoute({
    operationId: 'deleteContract',
    method: 'DELETE',
    path: '/api/hospitals/{hospitalId}/contracts/{contractId}',
    handler: 'contracts/delete-contract',
    summary: 'Soft-delete a contract (version-checked, audited)',
    access: { kind: 'hospital', roles: ['vendor-admin'] },
    uses: contractWrites,
    params: s.contractParamsSchema,
    query: s.deleteQuerySchema,
    response: c.contractSchema,
  }),
  defineRoute({
    operationId: 'listLedger',
    method: 'GET',
    path: '/api/hospitals/{hospitalId}/contracts/{contractId}/ledger',
    handler: 'ledger/list-ledger',
    summary: 'The deduction ledger of a contract, each entry with its ticket, event and rule',
    access: { kind: 'hospital', roles: ledgerReaders },
    params: s.contractParamsSchema,
    query: s.listQuerySchema,
    response: s.listOf(l.ledgerEntrySchema),
  }),
  defineRoute({
    operationId: 'disputeLedgerEntry',
    method: 'POST',
    path: '/api/hospitals/{hospitalId}/contracts/{contractId}/ledger/{entryId}/disputes',
    handler: 'ledger/dispute-ledger-entry',
    summary: 'Raise a dispute of a deduction, or record its outcome (never deleted)',
    access: {
      kind: 'hospital',
      roles: ['vendor-admin', 'service-manager', 'hospital-it', 'supervisor'],
    },
    params: l.ledgerEntryParamsSchema,
    body: l.disputeInputSchema,
    response: l.ledgerEntrySchema,
  }),
  defineRoute({
    operationId: 'getContractDocument',
    method: 'GET',
    path: '/api/hospitals/{hospitalId}/contracts/{contractId}/documents/{kind}',
    handler: 'documents/get-contract-document',
    summary:
      'A quarterly document of the contract as DOCX (evaluation report, inspection sheet, deliverables list, deduction statement, change request list, quarterly analysis), filled from the record',
    // Every document shows ledger figures, so the ledger's readers.
    access: { kind: 'hospital', roles: ledgerReaders },
    params: d.documentParamsSchema,
    query: d.documentQuerySchema,
    response: d.fileSchema,
    produces: d.docxMediaType,
  }),
  defineRoute({
    operationId: 'getQuarterAnalysis',
    method: 'GET',
    path: '/api/hospitals/{hospitalId}/contracts/{contractId}/analyses/{quarter}',
    handler: 'documents/get-quarter-analysis',
    summary:
      'The vendor’s conclusion and optimisation plan of a contract quarter’s analysis (empty until written)',
    access: { kind: 'hospital', roles: ledgerReaders },
    params: e.quarterParamsSchema,
    response: d.quarterAnalysisSchema,
  }),
  defineRoute({
    operationId: 'putQuarterAnalysis',
    method: 'PUT',
    path: '/api/hospitals/{hospitalId}/contracts/{contractId}/analyses/{quarter}',
    handler: 'documents/put-quarter-analysis',
    summary:
      'Write the conclusion and optimisation plan of a contract quarter’s analysis (version-checked; 0 for the first)',
    access: { kind: 'hospital', roles: vendorRoles },
    params: e.quarterParamsSchema,
    body: d.putQuarterAnalysisSchema,
    response: d.quarterAnalysisSchema,
  }),
  defineRoute({
    operationId: 'getHospitalQuarter',
    method: 'GET',
    path: '/api/hospitals/{hospitalId}/quarter',
    handler: 'overview/get-hospital-quarter',
    summary:
      'The hospital’s figures of each contract’s current quarter: faults, late ones, compliance and standing deductions',
    access: { kind: 'hospital', roles: ledgerReaders },
    params: s.hospitalParamsSchema,
    response: o.hospitalQuarterSchema,
  }),
  defineRoute({
    operationId: 'getDeductionSummary',
    method: 'GET',
    path: '/api/deductions/summary',
    handler: 'ledger/get-deduction-summary',
    summary:
      'Deductions per contract quarter (服务期季度) ending between two dates (Asia/Shanghai), from the rollups: a page of hospitals, and the total of all hospitals the caller sees',
    access: { kind: 'vendor', roles: vendorRoles },
    query: l.deductionSummaryQuerySchema,
    response: l.deductionSummarySchema,
  }),
  defineRoute({
    operationId: 'renewContract',
    method: 'POST',
    path: '/api/hospitals/{hospitalId}/contracts/{contractId}/renewal',
    handler: 'contracts/renew-contract',
    summary:
      'Renew the contract on the same terms for the next term, after a qualified annual evaluation (at most twice; repeated: the same renewal)',
    access: { kind: 'hospital', roles: contractManagers },
    params: s.contractParamsSchema,
    body: c.renewContractInputSchema,
    response: c.renewedContractSchema,
    // The new term gets its own obligation calendar and reminders.
    uses: contractWrites,
    status: 201,
  }),
] as const satisfies readonly RouteDef[];

/** One route of this capability, with its literal types; a handler imports only this module's schemas. */
export function route<Id extends (typeof routes)[number]['operationId']>(id: Id) {
  return routeIn(routes, id);
}
