import {
  evaluationRating,
  isVendorRole,
  quarterPeriods,
  reportFigures,
  sectionRating,
  ticketsBehindFigures,
  type ContractTerms,
  type Role,
  roleNamesZh,
} from '@weibao/domain';
import {
  contractById,
  evaluationById,
  evaluationsOfContract,
  ledgerOfContract,
  saveEvaluation,
  type ContractRecord,
  type EvaluationDispute,
  type EvaluationPart,
  type EvaluationRecord,
  type LedgerEntryRecord,
} from '@weibao/store';
import { AppError, notFound } from '../errors.ts';
import { entryStands } from '../ledger/ledger-use-cases.ts';
import type { Actor, Deps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { checkVersion, saveNextVersion } from '../versioned-change.ts';
import { contentSha256 } from './evaluation-content.ts';
import { whoOf } from '../who.ts';

export type EvaluationSection = 'serviceLevel' | 'serviceQuality';

/** 服务水平 is the using department's to rate, 服务质量 the IT center's. */
export const sectionRater: Record<EvaluationSection, Role> = {
  serviceLevel: 'hospital-dept',
  serviceQuality: 'hospital-it',
};

const what = 'the evaluation';

export async function requireContract(
  deps: Deps,
  hospitalId: string,
  contractId: string,
): Promise<ContractRecord> {
  const c = await contractById(deps.db, hospitalId, contractId);
  if (!c || c.deletedAt) throw notFound('the contract');
  return c;
}

/** The period an evaluation id names: q1… within the contract's quarters, or annual (the term). */
export function evaluationPeriod(
  terms: Pick<ContractTerms, 'term'>,
  evaluationId: string,
): EvaluationRecord['period'] {
  if (evaluationId === 'annual') return { kind: 'annual', index: 0, ...terms.term };
  const quarters = quarterPeriods(terms.term);
  const q = /^q([1-9]\d?)$/.exec(evaluationId) ? quarters[Number(evaluationId.slice(1)) - 1] : null;
  if (!q)
    throw new AppError('invalid', `该合同只有第1至第${quarters.length}季度评价和年度评价`, {
      path: 'evaluationId',
    });
  return { kind: 'quarter', ...q };
}

/** Every ledger entry of the contract, disputed or not. */
export async function contractEntries(
  deps: Deps,
  hospitalId: string,
  contractId: string,
): Promise<LedgerEntryRecord[]> {
  const all: LedgerEntryRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await mapStoreErrors('the ledger', () =>
      ledgerOfContract(deps.db, hospitalId, contractId, {
        limit: 200,
        ...(cursor ? { cursor } : {}),
      }),
    );
    all.push(...page.items);
    cursor = page.next ?? undefined;
  } while (cursor);
  return all;
}

/** The entries that stand: a dispute upheld takes an entry out of the figures. */
export async function standingEntries(
  deps: Deps,
  hospitalId: string,
  contractId: string,
): Promise<LedgerEntryRecord[]> {
  return (await contractEntries(deps, hospitalId, contractId)).filter(entryStands);
}

/** Figures and the tickets behind them, from the record: never typed by hand. */
function figuresOf(period: EvaluationRecord['period'], entries: LedgerEntryRecord[]) {
  const figures = reportFigures(
    { index: period.index, startsOn: period.startsOn, endsOn: period.endsOn },
    entries,
  );
  return { figures, tickets: ticketsBehindFigures(figures, entries) };
}

/** Rating and status follow from the parts; the figures are refreshed while nobody has signed. */
function settle(
  e: EvaluationRecord,
  terms: ContractTerms,
  entries: LedgerEntryRecord[] | null,
): EvaluationRecord {
  const fresh = entries && e.signatures.length === 0 ? figuresOf(e.period, entries) : null;
  const rating =
    e.serviceLevel && e.serviceQuality
      ? evaluationRating(
          { serviceLevel: e.serviceLevel, serviceQuality: e.serviceQuality },
          terms.evaluation,
        )
      : null;
  const signedBy = new Set(e.signatures.map((s) => s.role));
  const status =
    rating === null
      ? 'draft'
      : signedBy.has('supervisor') && signedBy.has('auditor')
        ? 'signed'
        : 'rated';
  return { ...e, ...(fresh ?? {}), rating, status };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Saves `after` as the next version of `before` (or creates it), with its audit record. */
function save(
  deps: Deps,
  actor: Actor,
  action: string,
  before: EvaluationRecord | null,
  after: EvaluationRecord,
  alsoCreate?: Record<string, unknown>[],
): Promise<EvaluationRecord> {
  return saveNextVersion(deps, actor, {
    what,
    action,
    entity: { type: 'evaluation', id: `${after.contractId}:${after.id}` },
    before,
    after,
    save: (next, condition, audit) => saveEvaluation(deps.db, next, condition, audit, alsoCreate),
  });
}

export async function requireEvaluation(
  deps: Deps,
  hospitalId: string,
  contractId: string,
  evaluationId: string,
): Promise<EvaluationRecord> {
  const e = await evaluationById(deps.db, hospitalId, contractId, evaluationId);
  if (!e) throw notFound(what);
  return e;
}

export function makeDraftEvaluation(deps: Deps) {
  /**
   * The draft of a quarter's (or the term's) 维保服务评价报告, filled from the record: the late
   * responses and the vendor's faults without notice, with the tickets and amounts behind them.
   * Asking again refreshes the figures until the first signature; it never touches the parts.
   */
  return async (
    actor: Actor,
    hospitalId: string,
    contractId: string,
    evaluationId: string,
  ): Promise<{ evaluation: EvaluationRecord; created: boolean }> => {
    const contract = await requireContract(deps, hospitalId, contractId);
    const period = evaluationPeriod(contract.terms, evaluationId);
    const entries = await standingEntries(deps, hospitalId, contractId);
    const before = await evaluationById(deps.db, hospitalId, contractId, evaluationId);
    if (before) {
      const after = settle(before, contract.terms, entries);
      if (same(after, before)) return { evaluation: before, created: false };
      return {
        evaluation: await save(deps, actor, 'evaluation.refresh', before, after),
        created: false,
      };
    }
    const at = deps.clock.now().toISOString();
    const draft = settle(
      {
        id: evaluationId,
        hospitalId,
        contractId,
        period,
        ...figuresOf(period, entries),
        serviceLevel: null,
        serviceQuality: null,
        rating: null,
        signatures: [],
        disputes: [],
        status: 'draft',
        version: 1,
        createdAt: at,
        updatedAt: at,
      },
      contract.terms,
      null,
    );
    try {
      return {
        evaluation: await save(deps, actor, 'evaluation.draft', null, draft),
        created: true,
      };
    } catch (err) {
      // Two drafts at once: the other one was made first; answer with it.
      if (err instanceof AppError && err.kind === 'conflict')
        return {
          evaluation: await requireEvaluation(deps, hospitalId, contractId, evaluationId),
          created: false,
        };
      throw err;
    }
  };
}

export function makeListEvaluations(deps: Deps) {
  return async (hospitalId: string, contractId: string): Promise<EvaluationRecord[]> => {
    await requireContract(deps, hospitalId, contractId);
    return mapStoreErrors(what, () => evaluationsOfContract(deps.db, hospitalId, contractId));
  };
}

export function makeGetEvaluation(deps: Deps) {
  return async (hospitalId: string, contractId: string, evaluationId: string) => {
    await requireContract(deps, hospitalId, contractId);
    return requireEvaluation(deps, hospitalId, contractId, evaluationId);
  };
}

export interface PartInput {
  spotChecks: { sampled: number; passed: number };
  adverseEvents: number;
  note?: string | null | undefined;
}

/** Checks the counts with the domain's own rule, so a bad count is a 400 naming the field. */
function checkedPart(input: PartInput, terms: ContractTerms): void {
  try {
    sectionRating(input, terms.evaluation);
  } catch (err) {
    if (err instanceof RangeError)
      throw new AppError('invalid', err.message, { path: 'spotChecks.passed' });
    throw err;
  }
}

/**
 * The one place a section's part is written, in the app or through a signed link: refused once
 * anyone signed (the signed content must not move), and the figures are refreshed with it.
 */
export async function enterPart(
  deps: Deps,
  actor: Actor,
  c: {
    hospitalId: string;
    contractId: string;
    evaluationId: string;
    section: EvaluationSection;
    input: PartInput;
    via: EvaluationPart['via'];
    expectedVersion: number | null;
    alsoCreate?: Record<string, unknown>[];
  },
): Promise<EvaluationRecord> {
  const contract = await requireContract(deps, c.hospitalId, c.contractId);
  const before = await requireEvaluation(deps, c.hospitalId, c.contractId, c.evaluationId);
  if (c.expectedVersion !== null) checkVersion(before.version, c.expectedVersion, what);
  if (before.signatures.length > 0)
    throw new AppError('conflict', '评价已签署，内容不能再修改', {
      path: 'version',
      currentVersion: before.version,
    });
  checkedPart(c.input, contract.terms);
  const at = deps.clock.now().toISOString();
  const part: EvaluationPart = {
    spotChecks: c.input.spotChecks,
    adverseEvents: c.input.adverseEvents,
    note: c.input.note ?? null,
    enteredAt: at,
    enteredBy: whoOf(actor),
    via: c.via,
  };
  const entries = await standingEntries(deps, c.hospitalId, c.contractId);
  const after = settle({ ...before, [c.section]: part }, contract.terms, entries);
  return save(deps, actor, `evaluation.enter.${c.section}`, before, after, c.alsoCreate);
}

export function makeEnterEvaluationPart(deps: Deps) {
  /** The department (服务水平) or the IT center (服务质量) enters its spot checks and adverse events. */
  return async (
    actor: Actor,
    hospitalId: string,
    contractId: string,
    evaluationId: string,
    section: EvaluationSection,
    input: PartInput & { version: number },
  ): Promise<EvaluationRecord> => {
    if (actor.role !== sectionRater[section])
      throw new AppError('forbidden', `这部分评价由${roleNamesZh[sectionRater[section]]}填写`);
    return enterPart(deps, actor, {
      hospitalId,
      contractId,
      evaluationId,
      section,
      input,
      via: 'app',
      expectedVersion: input.version,
    });
  };
}

export function makeSignEvaluation(deps: Deps) {
  /**
   * 监理 or 审计 signs: the signature records who, when, and the SHA-256 of the canonical JSON of
   * the content signed. Signing a version other than the current one is refused (409), and so is
   * a hash that is not the current content's, so nobody signs what they did not see.
   */
  return async (
    actor: Actor,
    hospitalId: string,
    contractId: string,
    evaluationId: string,
    input: { version: number; contentSha256?: string | undefined },
  ): Promise<EvaluationRecord> => {
    if (actor.role !== 'supervisor' && actor.role !== 'auditor')
      throw new AppError('forbidden', '评价报告由监理和审计签署');
    const contract = await requireContract(deps, hospitalId, contractId);
    const before = await requireEvaluation(deps, hospitalId, contractId, evaluationId);
    checkVersion(before.version, input.version, what);
    if (!before.serviceLevel || !before.serviceQuality)
      throw new AppError('conflict', '使用科室和信息中心都填写各自部分后才能签署', {
        path: 'version',
        currentVersion: before.version,
      });
    if (before.disputes.some((d) => d.outcome === null))
      throw new AppError('conflict', '此评价尚有未裁定的异议', {
        path: 'version',
        currentVersion: before.version,
      });
    if (before.signatures.some((s) => s.role === actor.role))
      throw new AppError('conflict', `${roleNamesZh[actor.role]}已签署过此评价`, {
        path: 'version',
        currentVersion: before.version,
      });
    const hash = contentSha256(before);
    if (input.contentSha256 !== undefined && input.contentSha256 !== hash)
      throw new AppError('conflict', '评价内容已变化，请刷新核对后再签署', {
        path: 'contentSha256',
        currentVersion: before.version,
      });
    const at = deps.clock.now().toISOString();
    const after = settle(
      {
        ...before,
        signatures: [
          ...before.signatures,
          {
            role: actor.role,
            sub: actor.sub,
            email: actor.email,
            ...(actor.name ? { name: actor.name } : {}),
            signedAt: at,
            version: before.version,
            contentSha256: hash,
          },
        ],
      },
      contract.terms,
      null,
    );
    return save(deps, actor, 'evaluation.sign', before, after);
  };
}

export type EvaluationDisputeInput = { version: number } & (
  | {
      action: 'raise';
      subject: EvaluationDispute['subject'];
      reason: string;
      evidence: string;
    }
  | { action: 'decide'; disputeId: string; upheld: boolean; note: string }
);

export function makeDisputeEvaluation(deps: Deps) {
  /**
   * A count of the report is disputed with evidence, and the other party records the outcome
   * (as for ledger entries). An upheld dispute of a section clears that section, so its evaluator
   * enters it again; counts from the ledger are corrected by disputing the ledger entry itself.
   */
  return async (
    actor: Actor,
    hospitalId: string,
    contractId: string,
    evaluationId: string,
    input: EvaluationDisputeInput,
  ): Promise<EvaluationRecord> => {
    const contract = await requireContract(deps, hospitalId, contractId);
    const before = await requireEvaluation(deps, hospitalId, contractId, evaluationId);
    checkVersion(before.version, input.version, what);
    if (before.signatures.length > 0)
      throw new AppError('conflict', '评价已签署，不能再提出异议', {
        path: 'version',
        currentVersion: before.version,
      });
    const at = deps.clock.now().toISOString();
    const who = whoOf(actor);
    let next: EvaluationRecord;
    if (input.action === 'raise') {
      if (before.disputes.some((d) => d.outcome === null && d.subject === input.subject))
        throw new AppError('conflict', '此项计数尚有未裁定的异议', {
          path: 'subject',
        });
      next = {
        ...before,
        disputes: [
          ...before.disputes,
          {
            id: `d${before.disputes.length + 1}`,
            subject: input.subject,
            raisedAt: at,
            raisedBy: who,
            reason: input.reason,
            evidence: input.evidence,
            outcome: null,
          },
        ],
      };
    } else {
      const d = before.disputes.find((x) => x.id === input.disputeId);
      if (!d) throw new AppError('invalid', '没有这项异议', { path: 'disputeId' });
      if (d.outcome) throw new AppError('conflict', '该异议已裁定', { path: 'disputeId' });
      if (isVendorRole(d.raisedBy.role as Role) === isVendorRole(actor.role))
        throw new AppError('forbidden', '异议须由对方裁定，提出方不能自行裁定');
      const cleared: Partial<EvaluationRecord> =
        input.upheld && d.subject === 'service-level'
          ? { serviceLevel: null }
          : input.upheld && d.subject === 'service-quality'
            ? { serviceQuality: null }
            : {};
      next = {
        ...before,
        ...cleared,
        disputes: before.disputes.map((x) =>
          x.id === d.id
            ? {
                ...x,
                outcome: { decidedAt: at, decidedBy: who, upheld: input.upheld, note: input.note },
              }
            : x,
        ),
      };
    }
    const entries = await standingEntries(deps, hospitalId, contractId);
    return save(
      deps,
      actor,
      `evaluation.dispute.${input.action}`,
      before,
      settle(next, contract.terms, entries),
    );
  };
}
