import * as z from 'zod';
import { vendorRoles } from '@weibao/domain';
import { defineRoute, routeIn, type RouteDef } from '../route.ts';
import * as s from '../schemas.ts';
import * as t from '../schemas-tickets.ts';
import * as d from '../schemas-documents.ts';
import { fileUploadRequestSchema } from '../schemas-uploads.ts';
import { hospitalReaders, ticketWrites } from './access-groups.ts';

const reporters = [
  'vendor-admin',
  'service-manager',
  'support-engineer',
  'hospital-it',
  'hospital-dept',
] as const;
/** Who prints and stops a hospital's 扫码报修 posters: vendor staff, and its IT center. */
const qrLinkManagers = [...vendorRoles, 'hospital-it'] as const;

/** Tickets with their SLA clocks, the vendor’s queue, and the advance notices that excuse planned downtime. */
export const routes = [
  defineRoute({
    operationId: 'listTickets',
    method: 'GET',
    path: '/api/hospitals/{hospitalId}/tickets',
    handler: 'tickets/list-tickets',
    summary: 'A hospital’s tickets by report time, newest first, or those in one status',
    access: { kind: 'hospital', roles: hospitalReaders },
    params: s.hospitalParamsSchema,
    query: t.ticketListQuerySchema,
    response: s.listOf(t.ticketSchema),
  }),
  defineRoute({
    operationId: 'createTicket',
    method: 'POST',
    idempotent: true,
    path: '/api/hospitals/{hospitalId}/tickets',
    handler: 'tickets/create-ticket',
    summary: 'Report a fault or a request; its SLA clocks start at the report time',
    access: { kind: 'hospital', roles: reporters },
    // files: the report's uploads are checked (HEAD) and an oversized one deleted
    uses: { ...ticketWrites, files: 'write' },
    params: s.hospitalParamsSchema,
    body: t.createTicketSchema,
    response: t.ticketWithSlaSchema,
    status: 201,
  }),
  defineRoute({
    operationId: 'listSimilarTickets',
    method: 'GET',
    path: '/api/hospitals/{hospitalId}/similar-tickets',
    handler: 'tickets/list-similar-tickets',
    summary:
      'Open tickets of one subsystem reported in the last 30 minutes: the same outage may be reported already',
    access: { kind: 'hospital', roles: reporters },
    params: s.hospitalParamsSchema,
    query: t.similarTicketsQuerySchema,
    response: z.strictObject({ items: z.array(t.ticketSchema) }),
  }),
  defineRoute({
    operationId: 'requestTicketUpload',
    method: 'POST',
    path: '/api/hospitals/{hospitalId}/ticket-uploads',
    handler: 'tickets/request-ticket-upload',
    summary:
      'A presigned URL to PUT one file of a fault report to (pdf, jpg, png, docx, xlsx, zip; at most 20 MB); the report then names its key',
    access: { kind: 'hospital', roles: reporters },
    uses: { files: 'read-write' },
    params: s.hospitalParamsSchema,
    body: fileUploadRequestSchema,
    response: t.ticketUploadSchema,
    status: 201,
  }),
  defineRoute({
    operationId: 'getTicketAttachment',
    method: 'GET',
    path: '/api/hospitals/{hospitalId}/tickets/{ticketId}/attachment',
    handler: 'tickets/get-ticket-attachment',
    summary:
      'A short-lived download link for one file of a ticket’s timeline (a report’s upload or a mail’s attachment)',
    access: { kind: 'hospital', roles: hospitalReaders },
    uses: { files: 'read' },
    params: t.ticketParamsSchema,
    query: t.ticketAttachmentQuerySchema,
    response: t.ticketAttachmentLinkSchema,
  }),
  defineRoute({
    operationId: 'getTicket',
    method: 'GET',
    path: '/api/hospitals/{hospitalId}/tickets/{ticketId}',
    handler: 'tickets/get-ticket',
    summary: 'One ticket with its SLA clocks as they stand now',
    access: { kind: 'hospital', roles: hospitalReaders },
    params: t.ticketParamsSchema,
    response: t.ticketWithSlaSchema,
  }),
  defineRoute({
    operationId: 'listTicketEvents',
    method: 'GET',
    path: '/api/hospitals/{hospitalId}/tickets/{ticketId}/events',
    handler: 'tickets/list-ticket-events',
    summary: 'A ticket’s timeline in order (internal comments for vendor staff only)',
    access: { kind: 'hospital', roles: hospitalReaders },
    params: t.ticketParamsSchema,
    response: z.strictObject({ items: z.array(t.ticketEventSchema) }),
  }),
  defineRoute({
    operationId: 'postTicketEvent',
    method: 'POST',
    idempotent: true,
    path: '/api/hospitals/{hospitalId}/tickets/{ticketId}/events',
    handler: 'tickets/post-ticket-event',
    summary:
      'Record a response, on-site arrival, resolution, comment, severity change, assignment, attribution, or another report of the same fault (linked-report)',
    access: { kind: 'hospital', roles: reporters },
    uses: { ...ticketWrites, files: 'write' },
    params: t.ticketParamsSchema,
    body: t.ticketEventInputSchema,
    response: t.ticketWithSlaSchema,
    status: 201,
  }),
  defineRoute({
    operationId: 'getVendorQueue',
    method: 'GET',
    path: '/api/queue',
    handler: 'tickets/get-vendor-queue',
    summary:
      'Open tickets of every hospital (an engineer’s assigned ones when limited), the nearest SLA deadline first',
    access: { kind: 'vendor', roles: vendorRoles },
    query: s.listQuerySchema,
    response: s.listOf(t.ticketSchema),
  }),
  defineRoute({
    operationId: 'searchTickets',
    method: 'GET',
    path: '/api/tickets',
    handler: 'tickets/search-tickets',
    summary:
      'Tickets of every hospital one sees (an engineer’s assigned ones when limited), newest report first, searched on the server a page at a time',
    access: { kind: 'vendor', roles: vendorRoles },
    query: t.ticketSearchQuerySchema,
    response: t.ticketSearchPageSchema,
  }),
  defineRoute({
    operationId: 'listAdvanceNotices',
    method: 'GET',
    path: '/api/hospitals/{hospitalId}/advance-notices',
    handler: 'notices/list-advance-notices',
    summary: 'Advance notices of planned changes (提前通知), newest first',
    access: { kind: 'hospital', roles: hospitalReaders },
    params: s.hospitalParamsSchema,
    query: s.listQuerySchema,
    response: s.listOf(t.noticeSchema),
  }),
  defineRoute({
    operationId: 'createAdvanceNotice',
    method: 'POST',
    path: '/api/hospitals/{hospitalId}/advance-notices',
    handler: 'notices/create-advance-notice',
    summary:
      'Announce a planned upgrade, configuration change or downtime; emailed to the IT contacts with a signed acknowledge link',
    access: { kind: 'hospital', roles: vendorRoles },
    uses: { mail: 'send', links: 'sign' },
    params: s.hospitalParamsSchema,
    body: t.createNoticeSchema,
    response: t.noticeSchema,
    status: 201,
  }),
  defineRoute({
    operationId: 'acknowledgeAdvanceNotice',
    method: 'POST',
    path: '/api/hospitals/{hospitalId}/advance-notices/{noticeId}/acknowledge',
    handler: 'notices/acknowledge-advance-notice',
    summary: 'The hospital’s IT center acknowledges an advance notice',
    access: { kind: 'hospital', roles: ['hospital-it'] },
    params: t.noticeParamsSchema,
    body: t.acknowledgeNoticeSchema,
    response: t.noticeSchema,
  }),
  defineRoute({
    operationId: 'listQrLinks',
    method: 'GET',
    path: '/api/hospitals/{hospitalId}/qr-links',
    handler: 'tickets/list-qr-links',
    summary:
      'The hospital’s 扫码报修 QR links, stopped ones too, each with its use count and last use',
    access: { kind: 'hospital', roles: qrLinkManagers },
    uses: { links: 'sign' },
    params: s.hospitalParamsSchema,
    response: s.listOf(t.qrLinkSchema),
  }),
  defineRoute({
    operationId: 'createQrLink',
    method: 'POST',
    idempotent: true,
    path: '/api/hospitals/{hospitalId}/qr-links',
    handler: 'tickets/create-qr-link',
    summary:
      'A QR link for one department (and campus): its poster’s signed link opens the report form without an account (2 years)',
    access: { kind: 'hospital', roles: qrLinkManagers },
    uses: { links: 'sign' },
    params: s.hospitalParamsSchema,
    body: t.createQrLinkSchema,
    response: t.qrLinkSchema,
    status: 201,
  }),
  defineRoute({
    operationId: 'revokeQrLink',
    method: 'POST',
    path: '/api/hospitals/{hospitalId}/qr-links/{linkId}/revoke',
    handler: 'tickets/revoke-qr-link',
    summary:
      'Stop a QR link (version-checked, audited): its form and reports answer 410 from now on',
    access: { kind: 'hospital', roles: qrLinkManagers },
    uses: { links: 'sign' },
    params: t.qrLinkParamsSchema,
    body: t.revokeQrLinkSchema,
    response: t.qrLinkSchema,
  }),
  defineRoute({
    operationId: 'getQrLinkPoster',
    method: 'GET',
    path: '/api/hospitals/{hospitalId}/qr-links/{linkId}/poster',
    handler: 'tickets/get-qr-link-poster',
    summary: 'The QR link’s poster as DOCX: hospital, 扫码报修, department and campus, the QR code',
    access: { kind: 'hospital', roles: qrLinkManagers },
    uses: { links: 'sign' },
    params: t.qrLinkParamsSchema,
    response: d.fileSchema,
    produces: d.docxMediaType,
  }),
  defineRoute({
    operationId: 'describeQrLink',
    method: 'GET',
    path: '/api/links/qr-report',
    handler: 'tickets/describe-qr-link',
    summary:
      'The hospital, department and campus of a QR poster’s link, for its report form (410 once stopped)',
    // The signed token names the link record, which is looked up: the record is the authorization.
    access: { kind: 'public' },
    uses: { links: 'sign' },
    query: t.linkTokenQuerySchema,
    response: t.qrLinkDescriptionSchema,
  }),
  defineRoute({
    operationId: 'requestQrUpload',
    method: 'POST',
    path: '/api/links/qr-report/uploads',
    handler: 'tickets/request-qr-upload',
    summary:
      'A presigned URL to PUT one photo of a report through a QR link (the bounds of report files; rate limited)',
    access: { kind: 'public' },
    uses: { links: 'sign', files: 'read-write' },
    body: t.qrUploadRequestSchema,
    response: t.ticketUploadSchema,
    status: 201,
  }),
  defineRoute({
    operationId: 'reportByQrLink',
    method: 'POST',
    idempotent: true,
    path: '/api/links/qr-report',
    handler: 'tickets/report-by-qr-link',
    summary:
      'Report a fault from the ward through a QR poster’s link: a ticket of its department and campus (rate limited; 410 once stopped)',
    access: { kind: 'public' },
    uses: { ...ticketWrites, files: 'write' },
    body: t.qrReportSchema,
    response: t.qrReportResultSchema,
    status: 201,
  }),
] as const satisfies readonly RouteDef[];

/** One route of this capability, with its literal types; a handler imports only this module's schemas. */
export function route<Id extends (typeof routes)[number]['operationId']>(id: Id) {
  return routeIn(routes, id);
}
