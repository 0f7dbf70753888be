import { createHash } from 'node:crypto';
import { canonicalJson } from '@weibao/domain';
import type { EvaluationRecord } from '@weibao/store';

/**
 * What a signature covers: the report as the evaluators filled it (period, figures and the tickets
 * behind them, both parts, the rating, the disputes and their outcomes), not the signatures or the
 * bookkeeping fields that a signature itself changes.
 */
export function signedContent(e: EvaluationRecord): unknown {
  return {
    hospitalId: e.hospitalId,
    contractId: e.contractId,
    evaluationId: e.id,
    period: e.period,
    figures: e.figures,
    tickets: e.tickets,
    serviceLevel: e.serviceLevel,
    serviceQuality: e.serviceQuality,
    rating: e.rating,
    disputes: e.disputes,
  };
}

/** SHA-256 (hex) of the canonical JSON of the signed content. */
export function contentSha256(e: EvaluationRecord): string {
  return createHash('sha256')
    .update(canonicalJson(signedContent(e)), 'utf8')
    .digest('hex');
}
