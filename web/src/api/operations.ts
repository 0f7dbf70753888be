import type { OperationId, RouteOf } from '@weibao/api/routes';
import type { Role } from '@weibao/domain/roles';
import { generatedOperations } from './operations.generated.ts';

type Operations = {
  readonly [Id in OperationId]: {
    readonly method: RouteOf<Id>['method'];
    readonly path: RouteOf<Id>['path'];
    /** Who may call it: the SPA shows a control only to those roles. */
    readonly access: RouteOf<Id>['access'];
    /** It honours an Idempotency-Key: the client sends one and may repeat the call with it. */
    readonly idempotent?: true;
  };
};

/**
 * Method, path and access rule of every operation, generated from the route table (the table
 * itself is not bundled: it pulls zod and the rules into the browser). The type check below
 * fails `tsc` when the generated file is stale.
 */
export const operations: Operations = generatedOperations;

/** Whether a role may call an operation, by the route table's access rule. */
export function mayCall(role: Role | undefined, operationId: OperationId): boolean {
  const { access } = operations[operationId];
  if (access.kind === 'public') return true;
  return role !== undefined && (access.roles as readonly Role[]).includes(role);
}
