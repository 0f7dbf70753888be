import { quarterPeriods } from '@weibao/domain';
import {
  quarterAnalysisById,
  saveQuarterAnalysis,
  type QuarterAnalysisRecord,
} from '@weibao/store';
import { contractQuarterOf } from '../deliverables/deliverable-use-cases.ts';
import { requireLiveContract } from '../obligations/obligation-use-cases.ts';
import type { Actor, Deps } from '../ports.ts';
import { checkVersion, saveNextVersion } from '../versioned-change.ts';
import { whoOf } from '../who.ts';

/** The vendor's written part of a quarter's analysis; version 0 and empty while nothing is written. */
export interface QuarterAnalysisText {
  quarter: number;
  conclusion: string;
  recommendations: string;
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

const view = (quarter: number, r: QuarterAnalysisRecord | undefined): QuarterAnalysisText => ({
  quarter,
  conclusion: r?.conclusion ?? '',
  recommendations: r?.recommendations ?? '',
  version: r?.version ?? 0,
  updatedBy: r?.updatedBy.name ?? null,
  updatedAt: r?.updatedAt ?? null,
});

export function makeGetQuarterAnalysisText(deps: Deps) {
  return async (
    hospitalId: string,
    contractId: string,
    quarter: number,
  ): Promise<QuarterAnalysisText> => {
    const contract = await requireLiveContract(deps, hospitalId, contractId);
    contractQuarterOf(quarterPeriods(contract.terms.term), quarter);
    return view(quarter, await quarterAnalysisById(deps.db, hospitalId, contractId, quarter));
  };
}

export function makePutQuarterAnalysisText(deps: Deps) {
  /**
   * Vendor staff write the quarter's 分析结论 and 系统优化扩展方案, version-checked. Sending what
   * is already stored changes nothing and answers it: a retried request is safe.
   */
  return async (
    actor: Actor,
    hospitalId: string,
    contractId: string,
    quarter: number,
    input: { version: number; conclusion: string; recommendations: string },
  ): Promise<QuarterAnalysisText> => {
    const contract = await requireLiveContract(deps, hospitalId, contractId);
    contractQuarterOf(quarterPeriods(contract.terms.term), quarter);
    const before = await quarterAnalysisById(deps.db, hospitalId, contractId, quarter);
    const conclusion = input.conclusion.trim();
    const recommendations = input.recommendations.trim();
    if (before && before.conclusion === conclusion && before.recommendations === recommendations)
      return view(quarter, before);
    checkVersion(before?.version ?? 0, input.version, 'the quarter analysis');
    const at = deps.clock.now().toISOString();
    const after = await saveNextVersion(deps, actor, {
      what: 'the quarter analysis',
      action: 'quarter-analysis.put',
      entity: { type: 'quarter-analysis', id: `${contractId}#${quarter}` },
      before: before ?? null,
      after: {
        hospitalId,
        contractId,
        quarter,
        conclusion,
        recommendations,
        updatedBy: whoOf(actor),
        version: 1,
        createdAt: before?.createdAt ?? at,
        updatedAt: at,
      },
      save: (next, condition, audit) => saveQuarterAnalysis(deps.db, next, condition, audit),
    });
    return view(quarter, after);
  };
}
