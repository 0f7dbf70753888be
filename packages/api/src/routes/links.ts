import { defineRoute, routeIn, type RouteDef } from '../route.ts';
import * as t from '../schemas-tickets.ts';
import * as e from '../schemas-evaluations.ts';

/** Signed links: a hospital person acts without an account (acknowledge a notice, enter an evaluation part). */
export const routes = [
  defineRoute({
    operationId: 'acknowledgeNoticeByLink',
    method: 'POST',
    path: '/api/links/acknowledge-notice',
    handler: 'links/acknowledge-notice-by-link',
    summary:
      'Acknowledge an advance notice with the signed link of its email (once; 410 when expired or used)',
    // The signed token is the authorization: one action on one notice, checked in the use case.
    access: { kind: 'public' },
    uses: { links: 'sign' },
    body: t.linkTokenBodySchema,
    response: t.noticeSchema,
  }),
  defineRoute({
    operationId: 'describeLink',
    method: 'GET',
    path: '/api/links/describe',
    handler: 'links/describe-link',
    summary: 'What a signed link will do (for a confirm page), without doing it',
    access: { kind: 'public' },
    uses: { links: 'sign' },
    query: t.linkTokenQuerySchema,
    response: t.linkDescriptionSchema,
  }),
  defineRoute({
    operationId: 'enterEvaluationPartByLink',
    method: 'POST',
    path: '/api/links/evaluation-part',
    handler: 'links/enter-evaluation-part-by-link',
    summary:
      'Enter the department’s or the IT center’s part of an evaluation with the signed link of its email (once; 410 when expired or used)',
    // The signed token is the authorization: one section of one evaluation, checked in the use case.
    access: { kind: 'public' },
    uses: { links: 'sign' },
    body: e.evaluationPartByLinkSchema,
    response: e.evaluationWithHashSchema,
  }),
  defineRoute({
    operationId: 'describeEvaluationLink',
    method: 'GET',
    path: '/api/links/evaluation-part',
    handler: 'links/describe-evaluation-link',
    summary: 'What an evaluation link is for, with the draft’s figures, without doing anything',
    access: { kind: 'public' },
    uses: { links: 'sign' },
    query: t.linkTokenQuerySchema,
    response: e.evaluationLinkDescriptionSchema,
  }),
] as const satisfies readonly RouteDef[];

/** One route of this capability, with its literal types; a handler imports only this module's schemas. */
export function route<Id extends (typeof routes)[number]['operationId']>(id: Id) {
  return routeIn(routes, id);
}
