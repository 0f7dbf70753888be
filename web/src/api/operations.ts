import type { OperationId, RouteOf } from '@weibao/api/routes';

type Operations = {
  readonly [Id in OperationId]: {
    readonly method: RouteOf<Id>['method'];
    readonly path: RouteOf<Id>['path'];
  };
};

/**
 * Method and path of every operation of the route table. The route table itself is not bundled
 * (it pulls zod and the rules into the browser); instead the type below is computed from it, so
 * a missing, extra or changed route fails `tsc`, and operations.test.ts compares the lists at
 * run time as well.
 */
export const operations = {
  getHealth: { method: 'GET', path: '/api/health' },
  getOpenApi: { method: 'GET', path: '/api/openapi.json' },
  getMe: { method: 'GET', path: '/api/me' },
  listContractTemplates: { method: 'GET', path: '/api/contract-templates' },
  listHospitals: { method: 'GET', path: '/api/hospitals' },
  createHospital: { method: 'POST', path: '/api/hospitals' },
  getHospital: { method: 'GET', path: '/api/hospitals/{hospitalId}' },
  updateHospital: { method: 'PATCH', path: '/api/hospitals/{hospitalId}' },
  deleteHospital: { method: 'DELETE', path: '/api/hospitals/{hospitalId}' },
  listContracts: { method: 'GET', path: '/api/hospitals/{hospitalId}/contracts' },
  createContract: { method: 'POST', path: '/api/hospitals/{hospitalId}/contracts' },
  getContract: { method: 'GET', path: '/api/hospitals/{hospitalId}/contracts/{contractId}' },
  updateContract: { method: 'PUT', path: '/api/hospitals/{hospitalId}/contracts/{contractId}' },
  deleteContract: { method: 'DELETE', path: '/api/hospitals/{hospitalId}/contracts/{contractId}' },
  listAuditRecords: { method: 'GET', path: '/api/hospitals/{hospitalId}/audit' },
} as const satisfies Operations;
