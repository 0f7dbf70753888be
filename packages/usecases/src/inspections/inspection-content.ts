import { createHash } from 'node:crypto';
import { canonicalJson } from '@weibao/domain';
import type { InspectionRecord } from '@weibao/store';

/**
 * What a signature of a 巡检单 covers: the visit as the engineer recorded it (who, when, where,
 * every item's result and remark, the findings and photos), not the signatures, the state, or a
 * ticket a finding opened later (that changes nothing of what was found).
 */
export function inspectionSignedContent(r: InspectionRecord): unknown {
  return {
    hospitalId: r.hospitalId,
    contractId: r.contractId,
    inspectionId: r.id,
    obligationId: r.obligationId,
    quarter: r.quarter,
    engineer: { email: r.engineer.email, name: r.engineer.name ?? null },
    arrivedAt: r.arrivedAt,
    leftAt: r.leftAt,
    place: r.place,
    items: r.items,
    findings: r.findings.map(({ ticketId: _ticket, ...f }) => f),
    photos: r.photos,
  };
}

/** SHA-256 (hex) of the canonical JSON of the signed content. */
export function inspectionSha256(r: InspectionRecord): string {
  return createHash('sha256')
    .update(canonicalJson(inspectionSignedContent(r)), 'utf8')
    .digest('hex');
}
