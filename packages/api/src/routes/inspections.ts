import { vendorRoles } from '@weibao/domain';
import { defineRoute, routeIn, type RouteDef } from '../route.ts';
import * as s from '../schemas.ts';
import * as i from '../schemas-inspections.ts';
import { linkTokenQuerySchema } from '../schemas-tickets.ts';
import { hospitalReaders, ticketWrites } from './access-groups.ts';

const contractPath = '/api/hospitals/{hospitalId}/contracts/{contractId}';
const inspectionPath = `${contractPath}/inspections/{inspectionId}`;

/** 巡检: a contract's checklist, the visits' records, their signatures and the 巡检单's proof. */
export const routes = [
  defineRoute({
    operationId: 'getInspectionChecklist',
    method: 'GET',
    path: `${contractPath}/inspection-checklist`,
    handler: 'inspections/get-inspection-checklist',
    summary: 'What every inspection visit of a contract checks (the 巡检单’s default until edited)',
    access: { kind: 'hospital', roles: hospitalReaders },
    params: s.contractParamsSchema,
    response: i.inspectionChecklistSchema,
  }),
  defineRoute({
    operationId: 'putInspectionChecklist',
    method: 'PUT',
    path: `${contractPath}/inspection-checklist`,
    handler: 'inspections/put-inspection-checklist',
    summary: 'Edit the contract’s inspection checklist (version-checked; 0 replaces the default)',
    access: { kind: 'hospital', roles: vendorRoles },
    params: s.contractParamsSchema,
    body: i.putInspectionChecklistSchema,
    response: i.inspectionChecklistSchema,
  }),
  defineRoute({
    operationId: 'listInspections',
    method: 'GET',
    path: `${contractPath}/inspections`,
    handler: 'inspections/list-inspections',
    summary: 'The inspection visits of a contract, newest first',
    access: { kind: 'hospital', roles: hospitalReaders },
    params: s.contractParamsSchema,
    query: s.listQuerySchema,
    response: s.listOf(i.inspectionSchema),
  }),
  defineRoute({
    operationId: 'startInspection',
    method: 'POST',
    idempotent: true,
    path: `${contractPath}/inspections`,
    handler: 'inspections/start-inspection',
    summary:
      'Start the record of a visit for one inspection obligation, with the contract’s checklist (Idempotency-Key honoured)',
    access: { kind: 'hospital', roles: vendorRoles },
    params: s.contractParamsSchema,
    body: i.startInspectionSchema,
    response: i.inspectionSchema,
    status: 201,
  }),
  defineRoute({
    operationId: 'getInspection',
    method: 'GET',
    path: inspectionPath,
    handler: 'inspections/get-inspection',
    summary: 'One inspection visit with its results, findings, photos and signatures',
    access: { kind: 'hospital', roles: hospitalReaders },
    params: i.inspectionParamsSchema,
    response: i.inspectionSchema,
  }),
  defineRoute({
    operationId: 'recordInspection',
    method: 'PUT',
    path: inspectionPath,
    handler: 'inspections/record-inspection',
    summary:
      'Record a draft visit: arrival and departure, each item’s result and remark, findings and photos (version-checked)',
    access: { kind: 'hospital', roles: vendorRoles },
    uses: { files: 'read-write' },
    params: i.inspectionParamsSchema,
    body: i.recordInspectionSchema,
    response: i.inspectionSchema,
  }),
  defineRoute({
    operationId: 'createInspectionPhotoUpload',
    method: 'POST',
    path: `${inspectionPath}/photo-uploads`,
    handler: 'inspections/create-inspection-photo-upload',
    summary: 'A presigned URL to PUT one photo of a draft visit to (JPEG or PNG, at most 10 MB)',
    access: { kind: 'hospital', roles: vendorRoles },
    uses: { files: 'read-write' },
    params: i.inspectionParamsSchema,
    body: i.inspectionPhotoUploadInputSchema,
    response: i.inspectionPhotoUploadSchema,
    status: 201,
  }),
  defineRoute({
    operationId: 'submitInspection',
    method: 'POST',
    path: `${inspectionPath}/submit`,
    handler: 'inspections/submit-inspection',
    summary:
      'Submit a complete visit for signature: its content is frozen and hashed (version-checked)',
    access: { kind: 'hospital', roles: vendorRoles },
    params: i.inspectionParamsSchema,
    body: i.submitInspectionSchema,
    response: i.inspectionSchema,
  }),
  defineRoute({
    operationId: 'createInspectionSigningLinks',
    method: 'POST',
    path: `${inspectionPath}/signing-links`,
    handler: 'inspections/create-inspection-signing-links',
    summary:
      'Signed links for the department’s and the IT center’s signers who have not signed yet (7 days, once each)',
    access: { kind: 'hospital', roles: vendorRoles },
    uses: { links: 'sign' },
    params: i.inspectionParamsSchema,
    response: i.inspectionSigningLinksSchema,
  }),
  defineRoute({
    operationId: 'signInspectionOnSite',
    method: 'POST',
    path: `${inspectionPath}/signatures`,
    handler: 'inspections/sign-inspection-on-site',
    summary:
      'A hospital signer signs the frozen visit on the engineer’s phone (the engineer as witness); both signatures prove the inspection obligation',
    access: { kind: 'hospital', roles: vendorRoles },
    uses: { reminders: 'replace' },
    params: i.inspectionParamsSchema,
    body: i.signInspectionOnSiteSchema,
    response: i.inspectionSchema,
  }),
  defineRoute({
    operationId: 'openTicketFromFinding',
    method: 'POST',
    path: `${inspectionPath}/findings/{findingId}/ticket`,
    handler: 'inspections/open-ticket-from-finding',
    summary:
      'Open a ticket from a finding in one step; the finding names the ticket (once: again answers the same ticket)',
    access: { kind: 'hospital', roles: vendorRoles },
    uses: ticketWrites,
    params: i.findingParamsSchema,
    response: i.findingTicketSchema,
  }),
  defineRoute({
    operationId: 'signInspectionByLink',
    method: 'POST',
    path: '/api/links/inspection-signature',
    handler: 'inspections/sign-inspection-by-link',
    summary:
      'A hospital signer signs a frozen visit with their signed link (once; 410 when expired or used)',
    // The signed token is the authorization: one signer of one record, checked in the use case.
    access: { kind: 'public' },
    uses: { links: 'sign', reminders: 'replace' },
    body: i.signInspectionByLinkSchema,
    response: i.inspectionSchema,
  }),
  defineRoute({
    operationId: 'describeInspectionLink',
    method: 'GET',
    path: '/api/links/inspection-signature',
    handler: 'inspections/describe-inspection-link',
    summary: 'What a signing link is for, with the visit to read before signing; does nothing',
    access: { kind: 'public' },
    uses: { links: 'sign' },
    query: linkTokenQuerySchema,
    response: i.inspectionLinkDescriptionSchema,
  }),
] as const satisfies readonly RouteDef[];

/** One route of this capability, with its literal types; a handler imports only this module's schemas. */
export function route<Id extends (typeof routes)[number]['operationId']>(id: Id) {
  return routeIn(routes, id);
}
