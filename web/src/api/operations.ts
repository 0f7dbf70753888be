import type { OperationId, RouteOf } from '@weibao/api/routes';
import type { Role } from '@weibao/domain/roles';

const everyone = [
  'vendor-admin',
  'service-manager',
  'support-engineer',
  'hospital-it',
  'hospital-dept',
  'supervisor',
  'auditor',
] as const;
const vendor = ['vendor-admin', 'service-manager', 'support-engineer'] as const;
const contractEditors = ['vendor-admin', 'service-manager'] as const;
const vendorAdmin = ['vendor-admin'] as const;
const auditReaders = [
  'vendor-admin',
  'service-manager',
  'hospital-it',
  'supervisor',
  'auditor',
] as const;

type Operations = {
  readonly [Id in OperationId]: {
    readonly method: RouteOf<Id>['method'];
    readonly path: RouteOf<Id>['path'];
    /** Who may call it: the SPA shows a control only to those roles. */
    readonly access: RouteOf<Id>['access'];
  };
};

/**
 * Method and path of every operation of the route table. The route table itself is not bundled
 * (it pulls zod and the rules into the browser); instead the type below is computed from it, so
 * a missing, extra or changed route or access rule fails `tsc`, and client.test.ts compares the
 * lists at run time as well.
 */
export const operations = {
  getHealth: {
    method: 'GET',
    path: '/api/health',
    access: { kind: 'public' },
  },
  getOpenApi: {
    method: 'GET',
    path: '/api/openapi.json',
    access: { kind: 'public' },
  },
  getMe: {
    method: 'GET',
    path: '/api/me',
    access: { kind: 'authenticated', roles: everyone },
  },
  listContractTemplates: {
    method: 'GET',
    path: '/api/contract-templates',
    access: { kind: 'vendor', roles: vendor },
  },
  listHospitals: {
    method: 'GET',
    path: '/api/hospitals',
    access: { kind: 'authenticated', roles: everyone },
  },
  createHospital: {
    method: 'POST',
    path: '/api/hospitals',
    access: { kind: 'vendor', roles: vendorAdmin },
  },
  getHospital: {
    method: 'GET',
    path: '/api/hospitals/{hospitalId}',
    access: { kind: 'hospital', roles: everyone },
  },
  updateHospital: {
    method: 'PATCH',
    path: '/api/hospitals/{hospitalId}',
    access: { kind: 'hospital', roles: vendorAdmin },
  },
  deleteHospital: {
    method: 'DELETE',
    path: '/api/hospitals/{hospitalId}',
    access: { kind: 'hospital', roles: vendorAdmin },
  },
  listContracts: {
    method: 'GET',
    path: '/api/hospitals/{hospitalId}/contracts',
    access: { kind: 'hospital', roles: everyone },
  },
  createContract: {
    method: 'POST',
    path: '/api/hospitals/{hospitalId}/contracts',
    access: { kind: 'hospital', roles: contractEditors },
  },
  getContract: {
    method: 'GET',
    path: '/api/hospitals/{hospitalId}/contracts/{contractId}',
    access: { kind: 'hospital', roles: everyone },
  },
  updateContract: {
    method: 'PUT',
    path: '/api/hospitals/{hospitalId}/contracts/{contractId}',
    access: { kind: 'hospital', roles: contractEditors },
  },
  deleteContract: {
    method: 'DELETE',
    path: '/api/hospitals/{hospitalId}/contracts/{contractId}',
    access: { kind: 'hospital', roles: vendorAdmin },
  },
  listAuditRecords: {
    method: 'GET',
    path: '/api/hospitals/{hospitalId}/audit',
    access: { kind: 'hospital', roles: auditReaders },
  },
} as const satisfies Operations;

/** Whether a role may call an operation, by the route table's access rule. */
export function mayCall(role: Role | undefined, operationId: OperationId): boolean {
  const { access } = operations[operationId];
  if (access.kind === 'public') return true;
  return role !== undefined && (access.roles as readonly Role[]).includes(role);
}
