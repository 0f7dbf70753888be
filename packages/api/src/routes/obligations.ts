import { vendorRoles } from '@weibao/domain';
import { defineRoute, routeIn, type RouteDef } from '../route.ts';
import * as s from '../schemas.ts';
import * as ob from '../schemas-obligations.ts';
import { hospitalReaders } from './access-groups.ts';

const obligationsPath = '/api/hospitals/{hospitalId}/contracts/{contractId}/obligations';

/** A contract’s scheduled obligations, their proofs and work records. */
export const routes = [
  defineRoute({
    operationId: 'listObligations',
    method: 'GET',
    path: obligationsPath,
    handler: 'obligations/list-obligations',
    summary:
      'The dated obligations of a contract by due date, each open, awaiting the hospital’s confirmation of its proof, done or overdue',
    access: { kind: 'hospital', roles: hospitalReaders },
    params: s.contractParamsSchema,
    query: s.listQuerySchema,
    response: s.listOf(ob.obligationSchema),
  }),
  defineRoute({
    operationId: 'getObligation',
    method: 'GET',
    path: `${obligationsPath}/{obligationId}`,
    handler: 'obligations/get-obligation',
    summary: 'One obligation with its state, proof files and reminders sent',
    access: { kind: 'hospital', roles: hospitalReaders },
    params: ob.obligationParamsSchema,
    response: ob.obligationSchema,
  }),
  defineRoute({
    operationId: 'requestProofUpload',
    method: 'POST',
    path: `${obligationsPath}/{obligationId}/proof-uploads`,
    handler: 'obligations/request-proof-upload',
    summary:
      'A presigned URL to PUT one proof file to (pdf, jpg, png, docx, xlsx, zip; at most 20 MB)',
    access: { kind: 'hospital', roles: vendorRoles },
    uses: { files: 'write' },
    params: ob.obligationParamsSchema,
    body: ob.proofUploadRequestSchema,
    response: ob.proofUploadSchema,
    status: 201,
  }),
  defineRoute({
    operationId: 'confirmProofUpload',
    method: 'POST',
    path: `${obligationsPath}/{obligationId}/proof-uploads/{uploadId}/confirm`,
    handler: 'obligations/confirm-proof-upload',
    summary:
      'Check the uploaded file (size and type as declared) and attach it as proof: done at once for the hospital’s own, awaiting the hospital’s confirmation for the vendor’s',
    access: { kind: 'hospital', roles: vendorRoles },
    uses: { files: 'write', reminders: 'replace' },
    params: ob.proofUploadParamsSchema,
    response: ob.obligationSchema,
  }),
  defineRoute({
    operationId: 'decideProofAcceptance',
    method: 'POST',
    path: `${obligationsPath}/{obligationId}/acceptance`,
    handler: 'obligations/decide-proof-acceptance',
    summary:
      'The IT center confirms the vendor’s proof of an obligation, or objects to it with a reason, within its objection window (version-checked)',
    access: { kind: 'hospital', roles: ['hospital-it'] },
    uses: { reminders: 'replace' },
    params: ob.obligationParamsSchema,
    body: ob.proofAcceptanceDecisionSchema,
    response: ob.obligationSchema,
  }),
  defineRoute({
    operationId: 'listWorkRecords',
    method: 'GET',
    path: '/api/hospitals/{hospitalId}/contracts/{contractId}/work-records',
    handler: 'obligations/list-work-records',
    summary:
      'Work records of a contract (clean-ups, restore tests, trainings, tuning), newest first',
    access: { kind: 'hospital', roles: hospitalReaders },
    params: s.contractParamsSchema,
    query: s.listQuerySchema,
    response: s.listOf(ob.workRecordSchema),
  }),
  defineRoute({
    operationId: 'addWorkRecord',
    method: 'POST',
    idempotent: true,
    path: '/api/hospitals/{hospitalId}/contracts/{contractId}/work-records',
    handler: 'obligations/add-work-record',
    summary:
      'Record work done; attached to an obligation it is that obligation’s proof (Idempotency-Key honoured)',
    access: { kind: 'hospital', roles: vendorRoles },
    uses: { reminders: 'replace' },
    params: s.contractParamsSchema,
    body: ob.workRecordInputSchema,
    response: ob.workRecordSchema,
    status: 201,
  }),
  defineRoute({
    operationId: 'listObligationsDue',
    method: 'GET',
    path: '/api/obligations/due',
    handler: 'obligations/list-obligations-due',
    summary:
      'Open obligations of every hospital that are overdue or due within withinDays (default 7), earliest first',
    access: { kind: 'vendor', roles: vendorRoles },
    query: ob.obligationsDueQuerySchema,
    response: ob.obligationsDueSchema,
  }),
] as const satisfies readonly RouteDef[];

/** One route of this capability, with its literal types; a handler imports only this module's schemas. */
export function route<Id extends (typeof routes)[number]['operationId']>(id: Id) {
  return routeIn(routes, id);
}
