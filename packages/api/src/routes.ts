import type { RouteDef } from './route.ts';
import * as system from './routes/system.ts';
import * as vendor from './routes/vendor.ts';
import * as contracts from './routes/contracts.ts';
import * as tickets from './routes/tickets.ts';
import * as obligations from './routes/obligations.ts';
import * as evaluationsDeliverables from './routes/evaluations-deliverables.ts';
import * as payments from './routes/payments.ts';
import * as links from './routes/links.ts';
import * as mail from './routes/mail.ts';
import * as channels from './routes/channels.ts';
import * as inspections from './routes/inspections.ts';
import * as feedback from './routes/feedback.ts';

/**
 * The routes by capability: each capability's routes live in their own module under routes/, so a
 * handler imports only its capability's schemas, and CDK deploys each capability as a stack of its
 * own. A route's capability is the module it is written in, nowhere else.
 */
export const routesByCapability = {
  system: system.routes,
  vendor: vendor.routes,
  contracts: contracts.routes,
  tickets: tickets.routes,
  obligations: obligations.routes,
  'evaluations-deliverables': evaluationsDeliverables.routes,
  payments: payments.routes,
  links: links.routes,
  mail: mail.routes,
  channels: channels.routes,
  inspections: inspections.routes,
  feedback: feedback.routes,
} as const satisfies { readonly [capability: string]: readonly RouteDef[] };

export type Capability = keyof typeof routesByCapability;

/**
 * The route table: CDK's HTTP API, the local server's router, /api/openapi.json, the SPA client
 * and the isolation matrix come from this one list, the capabilities' routes in the order above.
 */
export const routes = [
  ...system.routes,
  ...vendor.routes,
  ...contracts.routes,
  ...tickets.routes,
  ...obligations.routes,
  ...evaluationsDeliverables.routes,
  ...payments.routes,
  ...links.routes,
  ...mail.routes,
  ...channels.routes,
  ...inspections.routes,
  ...feedback.routes,
] as const satisfies readonly RouteDef[];

export type Routes = typeof routes;
export type OperationId = Routes[number]['operationId'];
export type RouteOf<Id extends OperationId> = Extract<Routes[number], { operationId: Id }>;

export function routeById<Id extends OperationId>(id: Id): RouteOf<Id> {
  const found = routes.find((r) => r.operationId === id);
  if (!found) throw new Error(`no route ${id}`);
  return found as RouteOf<Id>;
}
