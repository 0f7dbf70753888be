import { z } from 'zod';
import { roles, vendorRoles } from '@weibao/domain';
import { defineRoute, type RouteDef } from './route.ts';
import * as s from './schemas.ts';

const everyone = roles;
const hospitalReaders = roles;

/** The route table: CDK's HTTP API, the local server's router and /api/openapi.json come from this list. */
export const routes = [
  defineRoute({
    operationId: 'getHealth',
    method: 'GET',
    path: '/api/health',
    handler: 'system/get-health',
    summary: 'Whether each component (dynamodb, s3, ses, scheduler) is up',
    access: { kind: 'public' },
    uses: { files: 'list', mail: 'account', timers: 'health' },
    response: s.healthSchema,
  }),
  defineRoute({
    operationId: 'getOpenApi',
    method: 'GET',
    path: '/api/openapi.json',
    handler: 'system/get-openapi',
    summary: 'This API as an OpenAPI 3.1 document',
    access: { kind: 'public' },
    response: z.record(z.string(), z.unknown()),
  }),
  defineRoute({
    operationId: 'getMe',
    method: 'GET',
    path: '/api/me',
    handler: 'system/get-me',
    summary: 'Who the token belongs to: role and hospital',
    access: { kind: 'authenticated', roles: everyone },
    response: s.meSchema,
  }),
  defineRoute({
    operationId: 'listContractTemplates',
    method: 'GET',
    path: '/api/contract-templates',
    handler: 'contracts/list-contract-templates',
    summary:
      'Contract templates (the seed procurement document first), each rule with its source text',
    access: { kind: 'vendor', roles: vendorRoles },
    response: z.strictObject({ items: z.array(s.contractTemplateSchema) }),
  }),
  defineRoute({
    operationId: 'listHospitals',
    method: 'GET',
    path: '/api/hospitals',
    handler: 'hospitals/list-hospitals',
    summary: 'Hospitals: all of them for vendor staff, one’s own for everyone else',
    access: { kind: 'authenticated', roles: everyone },
    query: s.listQuerySchema,
    response: s.listOf(s.hospitalSchema),
  }),
  defineRoute({
    operationId: 'createHospital',
    method: 'POST',
    path: '/api/hospitals',
    handler: 'hospitals/create-hospital',
    summary: 'Onboard a hospital',
    access: { kind: 'vendor', roles: ['vendor-admin'] },
    body: s.createHospitalSchema,
    response: s.hospitalSchema,
    status: 201,
  }),
  defineRoute({
    operationId: 'getHospital',
    method: 'GET',
    path: '/api/hospitals/{hospitalId}',
    handler: 'hospitals/get-hospital',
    summary: 'One hospital',
    access: { kind: 'hospital', roles: hospitalReaders },
    params: s.hospitalParamsSchema,
    response: s.hospitalSchema,
  }),
  defineRoute({
    operationId: 'updateHospital',
    method: 'PATCH',
    path: '/api/hospitals/{hospitalId}',
    handler: 'hospitals/update-hospital',
    summary: 'Change a hospital (version-checked)',
    access: { kind: 'hospital', roles: ['vendor-admin'] },
    params: s.hospitalParamsSchema,
    body: s.updateHospitalSchema,
    response: s.hospitalSchema,
  }),
  defineRoute({
    operationId: 'deleteHospital',
    method: 'DELETE',
    path: '/api/hospitals/{hospitalId}',
    handler: 'hospitals/delete-hospital',
    summary: 'Soft-delete a hospital (version-checked, audited)',
    access: { kind: 'hospital', roles: ['vendor-admin'] },
    params: s.hospitalParamsSchema,
    query: s.deleteQuerySchema,
    response: s.hospitalSchema,
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
    response: s.listOf(s.contractSchema),
  }),
  defineRoute({
    operationId: 'createContract',
    method: 'POST',
    path: '/api/hospitals/{hospitalId}/contracts',
    handler: 'contracts/create-contract',
    summary: 'Record a signed maintenance contract',
    access: { kind: 'hospital', roles: ['vendor-admin', 'service-manager'] },
    params: s.hospitalParamsSchema,
    body: s.createContractSchema,
    response: s.contractSchema,
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
    response: s.contractSchema,
  }),
  defineRoute({
    operationId: 'updateContract',
    method: 'PUT',
    path: '/api/hospitals/{hospitalId}/contracts/{contractId}',
    handler: 'contracts/update-contract',
    summary: 'Change a contract’s terms (version-checked, audited)',
    access: { kind: 'hospital', roles: ['vendor-admin', 'service-manager'] },
    params: s.contractParamsSchema,
    body: s.updateContractSchema,
    response: s.contractSchema,
  }),
  defineRoute({
    operationId: 'deleteContract',
    method: 'DELETE',
    path: '/api/hospitals/{hospitalId}/contracts/{contractId}',
    handler: 'contracts/delete-contract',
    summary: 'Soft-delete a contract (version-checked, audited)',
    access: { kind: 'hospital', roles: ['vendor-admin'] },
    params: s.contractParamsSchema,
    query: s.deleteQuerySchema,
    response: s.contractSchema,
  }),
  defineRoute({
    operationId: 'listAuditRecords',
    method: 'GET',
    path: '/api/hospitals/{hospitalId}/audit',
    handler: 'audit/list-audit-records',
    summary: 'The audit log of a hospital, newest first',
    access: {
      kind: 'hospital',
      roles: ['vendor-admin', 'service-manager', 'hospital-it', 'supervisor', 'auditor'],
    },
    params: s.hospitalParamsSchema,
    query: s.listQuerySchema,
    response: s.listOf(s.auditRecordSchema),
  }),
] as const satisfies readonly RouteDef[];

export type Routes = typeof routes;
export type OperationId = Routes[number]['operationId'];
export type RouteOf<Id extends OperationId> = Extract<Routes[number], { operationId: Id }>;

export function routeById<Id extends OperationId>(id: Id): RouteOf<Id> {
  const found = routes.find((r) => r.operationId === id);
  if (!found) throw new Error(`no route ${id}`);
  return found as RouteOf<Id>;
}
