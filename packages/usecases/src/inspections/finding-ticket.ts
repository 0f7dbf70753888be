import type { InspectionRecord, TicketRecord } from '@weibao/store';
import { AppError } from '../errors.ts';
import { requireLiveContract } from '../obligations/obligation-use-cases.ts';
import type { Actor, TicketDeps } from '../ports.ts';
import { makeCreateTicket } from '../tickets/create-ticket.ts';
import { requireInspection, storeInspection, visitDay } from './inspection-use-cases.ts';

/**
 * A finding opens a ticket in one step: a fault of the finding's severity, reported on site by the
 * engineer, its description naming the visit and the finding. The ticket is made under an
 * idempotency key of the finding itself, so a retry or a second tap finds the same ticket; the
 * finding then names it (ticketId is outside the signed content, so a signed record may gain it).
 */
export function makeOpenTicketFromFinding(deps: TicketDeps) {
  return async (
    actor: Actor,
    hospitalId: string,
    contractId: string,
    inspectionId: string,
    findingId: string,
  ): Promise<{ ticket: TicketRecord; inspection: InspectionRecord; created: boolean }> => {
    await requireLiveContract(deps, hospitalId, contractId);
    const r = await requireInspection(deps, hospitalId, contractId, inspectionId);
    const finding = r.findings.find((f) => f.id === findingId);
    if (!finding) throw new AppError('not-found', '没有这项发现问题');
    const title = finding.text.split('\n')[0]?.slice(0, 60) || '巡检发现问题';
    const { ticket, created } = await makeCreateTicket(deps)(
      actor,
      hospitalId,
      {
        contractId,
        kind: 'fault',
        severity: finding.severity,
        channel: 'on-site',
        title,
        description: `第${r.quarter}季度巡检（${visitDay(r)}）发现问题 ${finding.id}：${finding.text}`,
      },
      `inspection-finding:${inspectionId}:${findingId}`,
    );
    for (let attempt = 0; ; attempt++) {
      const before = await requireInspection(deps, hospitalId, contractId, inspectionId);
      if (before.findings.some((f) => f.id === findingId && f.ticketId === ticket.id))
        return { ticket, inspection: before, created };
      try {
        const inspection = await storeInspection(deps, actor, 'inspection.finding-ticket', before, {
          ...before,
          findings: before.findings.map((f) =>
            f.id === findingId ? { ...f, ticketId: ticket.id } : f,
          ),
        });
        return { ticket, inspection, created };
      } catch (err) {
        // Someone changed the record meanwhile: read it again and link the finding then.
        if (!(err instanceof AppError && err.kind === 'conflict') || attempt >= 5) throw err;
      }
    }
  };
}
