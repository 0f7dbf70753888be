import { vendorRoles } from '@weibao/domain';
import { defineRoute, routeIn, type RouteDef } from '../route.ts';
import * as s from '../schemas.ts';
import * as f from '../schemas-feedback.ts';
import { linkTokenQuerySchema } from '../schemas-tickets.ts';

const roundsPath = '/api/hospitals/{hospitalId}/contracts/{contractId}/feedback-rounds';
/** Who opens, reads, reminds and closes a quarter's survey: vendor staff and the IT center. */
const feedbackManagers = [...vendorRoles, 'hospital-it'] as const;

/** 用户意见收集: the quarter's survey of the departments, through one signed link each. */
export const routes = [
  defineRoute({
    operationId: 'listFeedbackRounds',
    method: 'GET',
    path: roundsPath,
    handler: 'feedback/list-feedback-rounds',
    summary:
      'The contract’s survey rounds by quarter: departments answered or not, satisfaction per subsystem, remarks',
    access: { kind: 'hospital', roles: feedbackManagers },
    uses: { links: 'sign' },
    params: s.contractParamsSchema,
    response: s.listOf(f.feedbackRoundSchema),
  }),
  defineRoute({
    operationId: 'createFeedbackRound',
    method: 'POST',
    idempotent: true,
    path: roundsPath,
    handler: 'feedback/create-feedback-round',
    summary:
      'Open the quarter’s survey: one signed link per department (90 days, one answer each; Idempotency-Key honoured)',
    access: { kind: 'hospital', roles: feedbackManagers },
    uses: { links: 'sign' },
    params: s.contractParamsSchema,
    body: f.createFeedbackRoundSchema,
    response: f.feedbackRoundSchema,
    status: 201,
  }),
  defineRoute({
    operationId: 'closeFeedbackRound',
    method: 'POST',
    path: `${roundsPath}/{quarter}/close`,
    handler: 'feedback/close-feedback-round',
    summary:
      'End the quarter’s survey (version-checked, audited): its links answer 410 from now on',
    access: { kind: 'hospital', roles: feedbackManagers },
    uses: { links: 'sign' },
    params: f.feedbackRoundParamsSchema,
    body: f.closeFeedbackRoundSchema,
    response: f.feedbackRoundSchema,
  }),
  defineRoute({
    operationId: 'remindFeedbackDepartments',
    method: 'POST',
    path: `${roundsPath}/{quarter}/reminders`,
    handler: 'feedback/remind-feedback-departments',
    summary:
      'Mail their link again to departments that have not answered and have an address (once a day each)',
    access: { kind: 'hospital', roles: feedbackManagers },
    uses: { links: 'sign', mail: 'send' },
    params: f.feedbackRoundParamsSchema,
    response: f.feedbackRemindersSchema,
  }),
  defineRoute({
    operationId: 'describeFeedbackLink',
    method: 'GET',
    path: '/api/links/feedback',
    handler: 'feedback/describe-feedback-link',
    summary:
      'The department, quarter and subsystems of a survey link, for its page (410 once answered or closed)',
    // The signed token names a department of a stored round, which is looked up.
    access: { kind: 'public' },
    uses: { links: 'sign' },
    query: linkTokenQuerySchema,
    response: f.feedbackLinkDescriptionSchema,
  }),
  defineRoute({
    operationId: 'answerFeedbackByLink',
    method: 'POST',
    path: '/api/links/feedback',
    handler: 'feedback/answer-feedback-by-link',
    summary:
      'A department answers the quarter’s survey through its link, once (the same answer again is a retry; another is 410)',
    access: { kind: 'public' },
    uses: { links: 'sign', reminders: 'replace' },
    body: f.answerFeedbackSchema,
    response: f.feedbackAnswerResultSchema,
    status: 201,
  }),
] as const satisfies readonly RouteDef[];

/** One route of this capability, with its literal types; a handler imports only this module's schemas. */
export function route<Id extends (typeof routes)[number]['operationId']>(id: Id) {
  return routeIn(routes, id);
}
