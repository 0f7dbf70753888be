import { defineRoute, routeIn, type RouteDef } from '../route.ts';
import * as s from '../schemas.ts';
import * as c from '../schemas-channels.ts';

/** Who sets a hospital's notification channels: vendor admins, and its own IT center. */
const channelConfigurers = ['vendor-admin', 'hospital-it'] as const;

/**
 * A hospital's notification channels: the WeCom (企业微信) and DingTalk (钉钉) group robots its
 * events go to beside e-mail. The robots' keys are written here and never read back.
 */
export const routes = [
  defineRoute({
    operationId: 'listChannels',
    method: 'GET',
    path: '/api/hospitals/{hospitalId}/channels',
    handler: 'channels/list-channels',
    summary:
      'The hospital’s notification channels (keys masked), each with its events and what its last delivery did',
    access: { kind: 'hospital', roles: ['vendor-admin', 'service-manager', 'hospital-it'] },
    params: s.hospitalParamsSchema,
    response: s.listOf(c.channelSchema),
  }),
  defineRoute({
    operationId: 'createChannel',
    method: 'POST',
    path: '/api/hospitals/{hospitalId}/channels',
    handler: 'channels/create-channel',
    summary:
      'Add a WeCom or DingTalk group robot (its official address only; audited with the key masked)',
    access: { kind: 'hospital', roles: channelConfigurers },
    params: s.hospitalParamsSchema,
    body: c.createChannelSchema,
    response: c.channelSchema,
    status: 201,
  }),
  defineRoute({
    operationId: 'updateChannel',
    method: 'PATCH',
    path: '/api/hospitals/{hospitalId}/channels/{channelId}',
    handler: 'channels/update-channel',
    summary:
      'Change a channel’s name, contract, events, address or secret, or switch it off (version-checked, audited)',
    access: { kind: 'hospital', roles: channelConfigurers },
    params: c.channelParamsSchema,
    body: c.updateChannelSchema,
    response: c.channelSchema,
  }),
  defineRoute({
    operationId: 'deleteChannel',
    method: 'DELETE',
    path: '/api/hospitals/{hospitalId}/channels/{channelId}',
    handler: 'channels/delete-channel',
    summary: 'Remove a channel (soft, version-checked, audited): nothing more is posted to it',
    access: { kind: 'hospital', roles: channelConfigurers },
    params: c.channelParamsSchema,
    query: s.deleteQuerySchema,
    response: c.channelSchema,
  }),
] as const satisfies readonly RouteDef[];

/** One route of this capability, with its literal types; a handler imports only this module's schemas. */
export function route<Id extends (typeof routes)[number]['operationId']>(id: Id) {
  return routeIn(routes, id);
}
