import * as z from 'zod';
import { defineRoute, routeIn, type RouteDef } from '../route.ts';
import * as s from '../schemas.ts';
import * as e from '../schemas-evaluations.ts';
import { hospitalReaders, contractManagers } from './access-groups.ts';

const deliverableWriters = ['vendor-admin', 'service-manager', 'support-engineer'] as const;
const evaluationDisputers = [
  'vendor-admin',
  'service-manager',
  'hospital-it',
  'hospital-dept',
] as const;
const evaluationsPath = '/api/hospitals/{hospitalId}/contracts/{contractId}/evaluations';
const deliverablesPath = '/api/hospitals/{hospitalId}/contracts/{contractId}/deliverables';

/** Quarterly evaluations (drafted, scored, signed, disputed) and the quarter’s deliverables. */
export const routes = [
  defineRoute({
    operationId: 'listEvaluations',
    method: 'GET',
    path: evaluationsPath,
    handler: 'evaluations/list-evaluations',
    summary:
      'The service evaluations (维保服务评价报告) of a contract: quarters in order, then the annual one',
    access: { kind: 'hospital', roles: hospitalReaders },
    params: s.contractParamsSchema,
    response: z.strictObject({ items: z.array(e.evaluationSchema) }),
  }),
  defineRoute({
    operationId: 'draftEvaluation',
    method: 'PUT',
    path: `${evaluationsPath}/{evaluationId}`,
    handler: 'evaluations/draft-evaluation',
    summary:
      'Draft a quarter’s (q1…) or the annual evaluation from the record, or refresh its figures until the first signature',
    access: { kind: 'hospital', roles: contractManagers },
    params: e.evaluationParamsSchema,
    response: e.evaluationWithHashSchema,
  }),
  defineRoute({
    operationId: 'getEvaluation',
    method: 'GET',
    path: `${evaluationsPath}/{evaluationId}`,
    handler: 'evaluations/get-evaluation',
    summary:
      'One evaluation with its figures, the tickets behind them, parts, rating, signatures and the hash signers confirm',
    access: { kind: 'hospital', roles: hospitalReaders },
    params: e.evaluationParamsSchema,
    response: e.evaluationWithHashSchema,
  }),
  defineRoute({
    operationId: 'enterServiceLevel',
    method: 'PUT',
    path: `${evaluationsPath}/{evaluationId}/service-level`,
    handler: 'evaluations/enter-service-level',
    summary: 'The using department enters its spot checks and adverse events (服务水平评价)',
    access: { kind: 'hospital', roles: ['hospital-dept'] },
    params: e.evaluationParamsSchema,
    body: e.evaluationPartInputSchema,
    response: e.evaluationWithHashSchema,
  }),
  defineRoute({
    operationId: 'enterServiceQuality',
    method: 'PUT',
    path: `${evaluationsPath}/{evaluationId}/service-quality`,
    handler: 'evaluations/enter-service-quality',
    summary: 'The IT center enters its spot checks and adverse events (服务质量评价)',
    access: { kind: 'hospital', roles: ['hospital-it'] },
    params: e.evaluationParamsSchema,
    body: e.evaluationPartInputSchema,
    response: e.evaluationWithHashSchema,
  }),
  defineRoute({
    operationId: 'signEvaluation',
    method: 'POST',
    path: `${evaluationsPath}/{evaluationId}/signatures`,
    handler: 'evaluations/sign-evaluation',
    summary:
      'The supervisor or the auditor signs the evaluation as read (version-checked; records the SHA-256 of its content)',
    access: { kind: 'hospital', roles: ['supervisor', 'auditor'] },
    params: e.evaluationParamsSchema,
    body: e.signEvaluationSchema,
    response: e.evaluationWithHashSchema,
  }),
  defineRoute({
    operationId: 'disputeEvaluation',
    method: 'POST',
    path: `${evaluationsPath}/{evaluationId}/disputes`,
    handler: 'evaluations/dispute-evaluation',
    summary:
      'Dispute a count of an evaluation with evidence, or record the outcome (by the other party)',
    access: { kind: 'hospital', roles: evaluationDisputers },
    params: e.evaluationParamsSchema,
    body: e.evaluationDisputeInputSchema,
    response: e.evaluationWithHashSchema,
  }),
  defineRoute({
    operationId: 'sendEvaluationLinks',
    method: 'POST',
    path: `${evaluationsPath}/{evaluationId}/links`,
    handler: 'evaluations/send-evaluation-links',
    summary:
      'Email the contract’s department and IT center evaluators each a signed link that enters their part, once',
    access: { kind: 'hospital', roles: contractManagers },
    uses: { mail: 'send', links: 'sign' },
    params: e.evaluationParamsSchema,
    response: e.evaluationLinksSentSchema,
  }),
  defineRoute({
    operationId: 'listDeliverables',
    method: 'GET',
    path: deliverablesPath,
    handler: 'deliverables/list-deliverables',
    summary:
      'The deliverables (项目提交物) of every quarter: each of the six items and what is still owed',
    access: { kind: 'hospital', roles: hospitalReaders },
    params: s.contractParamsSchema,
    response: z.strictObject({ items: z.array(e.quarterDeliverablesSchema) }),
  }),
  defineRoute({
    operationId: 'createDeliverableUpload',
    method: 'POST',
    path: `${deliverablesPath}/{quarter}/{item}/uploads`,
    handler: 'deliverables/create-deliverable-upload',
    summary: 'A presigned PUT to upload one file of a deliverable straight to the files bucket',
    access: { kind: 'hospital', roles: deliverableWriters },
    uses: { files: 'read-write' },
    params: e.deliverableParamsSchema,
    body: e.deliverableUploadInputSchema,
    response: e.deliverableUploadSchema,
    status: 201,
  }),
  defineRoute({
    operationId: 'recordDeliverable',
    method: 'PUT',
    path: `${deliverablesPath}/{quarter}/{item}`,
    handler: 'deliverables/record-deliverable',
    summary:
      'Record one item of a quarter’s package: the uploaded file, or none this quarter with the reason',
    access: { kind: 'hospital', roles: deliverableWriters },
    uses: { files: 'read-write' },
    params: e.deliverableParamsSchema,
    body: e.recordDeliverableSchema,
    response: e.quarterDeliverablesSchema,
  }),
  defineRoute({
    operationId: 'packageDeliverables',
    method: 'POST',
    path: `${deliverablesPath}/{quarter}/package`,
    handler: 'deliverables/package-deliverables',
    summary:
      'Zip a quarter’s package (manifest and files) into the files bucket; answers a presigned download URL',
    access: { kind: 'hospital', roles: hospitalReaders },
    uses: { files: 'read-write' },
    params: e.quarterParamsSchema,
    response: e.deliverablesPackageSchema,
  }),
] as const satisfies readonly RouteDef[];

/** One route of this capability, with its literal types; a handler imports only this module's schemas. */
export function route<Id extends (typeof routes)[number]['operationId']>(id: Id) {
  return routeIn(routes, id);
}
