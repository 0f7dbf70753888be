import * as z from 'zod';
import { vendorRoles } from '@weibao/domain';
import { defineRoute, routeIn, type RouteDef } from '../route.ts';
import * as s from '../schemas.ts';
import * as t from '../schemas-tickets.ts';
import { fileUploadRequestSchema } from '../schemas-uploads.ts';
import { hospitalReaders, ticketWrites } from './access-groups.ts';

const reporters = [
  'vendor-admin',
  'service-manager',
  'support-engineer',
  'hospital-it',
  'hospital-dept',
] as const;

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
] as const satisfies readonly RouteDef[];

/** One route of this capability, with its literal types; a handler imports only this module's schemas. */
export function route<Id extends (typeof routes)[number]['operationId']>(id: Id) {
  return routeIn(routes, id);
}
