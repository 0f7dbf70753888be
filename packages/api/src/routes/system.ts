import * as z from 'zod';
import { defineRoute, routeIn, type RouteDef } from '../route.ts';
import * as s from '../schemas.ts';
import { everyone } from './access-groups.ts';

/** Health, the OpenAPI document and who the caller is: what every deployment and every signed-in user reaches first. */
export const routes = [
  defineRoute({
    operationId: 'getHealth',
    method: 'GET',
    path: '/api/health',
    handler: 'system/get-health',
    summary: 'Whether each component (dynamodb, s3, ses, scheduler) is up',
    access: { kind: 'public' },
    uses: { files: 'list', mail: 'account', timers: 'health' },
    response: s.healthSchema,
  }),
  defineRoute({
    operationId: 'getOpenApi',
    method: 'GET',
    path: '/api/openapi.json',
    handler: 'system/get-openapi',
    summary: 'This API as an OpenAPI 3.1 document',
    access: { kind: 'public' },
    response: z.record(z.string(), z.unknown()),
  }),
  defineRoute({
    operationId: 'getMe',
    method: 'GET',
    path: '/api/me',
    handler: 'system/get-me',
    summary: 'Who the token belongs to: role and hospital',
    access: { kind: 'authenticated', roles: everyone },
    response: s.meSchema,
  }),
] as const satisfies readonly RouteDef[];

/** One route of this capability, with its literal types; a handler imports only this module's schemas. */
export function route<Id extends (typeof routes)[number]['operationId']>(id: Id) {
  return routeIn(routes, id);
}
