import { pathParamNames, routes, type OperationId, type RouteDef } from '@weibao/api';
import type {
  AdvanceNoticeRecord,
  EvaluationRecord,
  InspectionRecord,
  LedgerEntryRecord,
  PersonRecord,
  QuarantinedMailRecord,
  TicketRecord,
} from '@weibao/store';
import { describe, expect, it } from 'vitest';
import { exampleTerms, routeExamples, type ExampleContext } from './route-examples.ts';

const at = '2026-11-25T08:00:00.000Z';
const context: ExampleContext = {
  unique: 'u1',
  target: {
    hospital: {
      id: 'whzx',
      name: '武汉市中心医院',
      code: 'WHZX',
      campuses: [],
      intakeLocalPart: 'whzx',
      version: 3,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    },
    contract: {
      id: '01KAW00000000000000000WHZX',
      hospitalId: 'whzx',
      terms: exampleTerms(),
      version: 2,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    },
    // Only the fields the examples read.
    ticket: { id: '01KAW00000000000000000TKT1', version: 4 } as TicketRecord,
    ledgerEntry: {
      id: 'late-response:01KAW00000000000000000TKT1',
      version: 1,
    } as LedgerEntryRecord,
    notice: { id: '01KAW00000000000000000NTC1', version: 1 } as AdvanceNoticeRecord,
    noticeLinkToken: 'eyJ2IjoxfQ.c2lnbmF0dXJl',
    evaluation: { id: 'q1', version: 3 } as EvaluationRecord,
    evaluationLinkToken: 'eyJ2IjoxfQ.c2lnbmF0dXJm',
    quarantined: { id: 'a'.repeat(64), version: 1 } as QuarantinedMailRecord,
    proofUploadId: '01KAW00000000000000000PRF1',
    ticketAttachmentKey: 'hospitals/whzx/tickets/uploads/01KAW00000000000000000PHTO.jpg',
    awaitingProof: { obligationId: 'clean-up-1', version: 2 },
    person: { id: 'a'.repeat(32), version: 1 } as PersonRecord,
    vendorPerson: { id: 'b'.repeat(32), version: 1 } as PersonRecord,
    channel: { id: '01KAW00000000000000000CHN1', version: 1 },
    draftInspection: {
      id: '01KAW00000000000000000VST1',
      version: 1,
      items: [{ area: 'host', item: '磁盘空间使用率', result: null, remark: null }],
    } as InspectionRecord,
    awaitingInspection: {
      id: '01KAW00000000000000000VST2',
      version: 3,
      contentSha256: 'a'.repeat(64),
    } as InspectionRecord,
    inspectionLinkToken: 'eyJ2IjoxfQ.c2lnbmF0dXJn',
    qrLink: { id: '01KAW00000000000000000QRK1', version: 1, token: 'eyJ2IjoxfQ.c2lnbmF0dXJo' },
    feedbackRound: { quarter: 2, version: 1, token: 'eyJ2IjoxfQ.c2lnbmF0dXJp' },
  },
};

describe('the example request of every route (test/security/route-examples.ts)', () => {
  it('exists for every route of the table, so no new route escapes the isolation matrix', () => {
    const missing = routes.map((r) => r.operationId).filter((id) => !(id in routeExamples));
    expect(missing, 'add an example for each of these routes to route-examples.ts').toEqual([]);
  });

  it('exists only for routes that are in the table', () => {
    const known = new Set<string>(routes.map((r) => r.operationId));
    expect(Object.keys(routeExamples).filter((id) => !known.has(id))).toEqual([]);
  });

  it.each(routes.map((r): [string, RouteDef] => [r.operationId, r]))(
    '%s: is valid for the route’s schemas, and refused with one unknown key more',
    (_, route) => {
      const example = routeExamples[route.operationId as OperationId];
      const params = {
        ...(pathParamNames(route.path).includes('hospitalId') ? { hospitalId: 'whzx' } : {}),
        ...example?.params?.(context),
      };
      const inputs = [
        [route.params, params],
        [route.query, example?.query?.(context) ?? {}],
        [route.body, example?.body?.(context)],
      ] as const;
      for (const [schema, value] of inputs) {
        if (!schema) continue;
        expect(schema.safeParse(value).error?.issues ?? []).toEqual([]);
        expect(
          schema.safeParse({ ...(value as object), notAField: '1' }).success,
          `${route.operationId} accepts an unknown key`,
        ).toBe(false);
      }
      if (!route.body) expect(example?.body).toBeUndefined();
      if (!route.query) expect(example?.query).toBeUndefined();
    },
  );
});
