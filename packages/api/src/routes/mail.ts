import { defineRoute, routeIn, type RouteDef } from '../route.ts';
import * as s from '../schemas.ts';
import * as m from '../schemas-mail.ts';
import { ticketWrites } from './access-groups.ts';

/** The quarantine of received mail that could not be matched to a hospital. */
export const routes = [
  defineRoute({
    operationId: 'listQuarantinedMail',
    method: 'GET',
    path: '/api/mail/quarantine',
    handler: 'mail/list-quarantined-mail',
    summary:
      'Received mail no hospital could be found for, or that could not be read, waiting for a decision (oldest first)',
    access: { kind: 'vendor', roles: ['vendor-admin'] },
    query: s.listQuerySchema,
    response: s.listOf(m.quarantinedMailSchema),
  }),
  defineRoute({
    operationId: 'getQuarantinedMail',
    method: 'GET',
    path: '/api/mail/quarantine/{quarantineId}',
    handler: 'mail/get-quarantined-mail',
    summary: 'One quarantined message with its sanitised body and the names of its attachments',
    access: { kind: 'vendor', roles: ['vendor-admin'] },
    uses: { inbound: 'read' },
    params: m.quarantineParamsSchema,
    response: m.quarantinedMailWithBodySchema,
  }),
  defineRoute({
    operationId: 'assignQuarantinedMail',
    method: 'POST',
    path: '/api/mail/quarantine/{quarantineId}/assign',
    handler: 'mail/assign-quarantined-mail',
    summary:
      'Take a quarantined message in for a hospital, as if sent to its intake address: a ticket, or a comment on the ticket it answers',
    access: { kind: 'vendor', roles: ['vendor-admin'] },
    uses: { inbound: 'read', files: 'read-write', ...ticketWrites },
    params: m.quarantineParamsSchema,
    body: m.assignQuarantinedSchema,
    response: m.quarantinedMailSchema,
  }),
  defineRoute({
    operationId: 'discardQuarantinedMail',
    method: 'POST',
    path: '/api/mail/quarantine/{quarantineId}/discard',
    handler: 'mail/discard-quarantined-mail',
    summary:
      'Discard a quarantined message, with the reason (the raw message stays in the mail bucket)',
    access: { kind: 'vendor', roles: ['vendor-admin'] },
    params: m.quarantineParamsSchema,
    body: m.discardQuarantinedSchema,
    response: m.quarantinedMailSchema,
  }),
] as const satisfies readonly RouteDef[];

/** One route of this capability, with its literal types; a handler imports only this module's schemas. */
export function route<Id extends (typeof routes)[number]['operationId']>(id: Id) {
  return routeIn(routes, id);
}
