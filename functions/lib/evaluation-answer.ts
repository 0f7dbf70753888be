import { contentSha256 } from '@weibao/usecases';
import type { EvaluationRecord } from '@weibao/store';

/** An evaluation as the API answers it: with the hash of its content, which signers confirm. */
export const withHash = (evaluation: EvaluationRecord) => ({
  evaluation,
  contentSha256: contentSha256(evaluation),
});
