import {
  contractById,
  hospitalById,
  linkWasUsed,
  usedLinkItem,
  type EvaluationRecord,
} from '@weibao/store';
import { AppError } from '../errors.ts';
import { requireHospital } from '../hospitals/hospital-use-cases.ts';
import {
  invalidLink,
  linkObjectIds,
  mintLinkToken,
  partyActions,
  usedLink,
  verifyLinkToken,
  type LinkPayload,
} from '../links/signed-link.ts';
import { actOnceByLink } from '../links/link-use.ts';
import type { LinkDeps } from '../links/notice-link-use-cases.ts';
import type { Actor, EvaluationLinkDeps } from '../ports.ts';
import { evaluationEmail } from './evaluation-email.ts';
import {
  enterPart,
  requireContract,
  requireEvaluation,
  sectionRater,
  type EvaluationSection,
  type PartInput,
} from './evaluation-use-cases.ts';

/** A link lets its evaluator enter their part for 14 days; after that, in the app. */
export const evaluationLinkLifetimeMs = 14 * 24 * 60 * 60 * 1000;

const {
  actionOf,
  actions: evaluationActions,
  partyOf: sectionOf,
} = partyActions<EvaluationSection>({
  serviceLevel: 'enter-evaluation-service-level',
  serviceQuality: 'enter-evaluation-service-quality',
});

/** The object of an evaluation link: one evaluation of one contract. */
export const evaluationLinkObject = (contractId: string, evaluationId: string) =>
  `${contractId}:${evaluationId}`;

export interface SentEvaluationLink {
  section: EvaluationSection;
  email: string;
  expiresAt: string;
}

export function makeSendEvaluationLinks(deps: EvaluationLinkDeps) {
  /**
   * Emails the contract's department and IT center evaluators each a signed link that enters
   * exactly their part of this evaluation, once. Evaluators the contract does not name get none
   * (they enter it in the app); a send that fails is logged and left out of the answer.
   */
  return async (
    _actor: Actor,
    hospitalId: string,
    contractId: string,
    evaluationId: string,
  ): Promise<{ sent: SentEvaluationLink[] }> => {
    const hospital = await requireHospital(deps, hospitalId);
    const contract = await requireContract(deps, hospitalId, contractId);
    const evaluation = await requireEvaluation(deps, hospitalId, contractId, evaluationId);
    if (evaluation.signatures.length > 0) throw new AppError('conflict', '评价已签署，无需再填写');
    const evaluators = contract.terms.evaluators;
    const targets = (
      [
        ['serviceLevel', evaluators?.department ?? null],
        ['serviceQuality', evaluators?.itCenter ?? null],
      ] as const
    ).filter(
      (
        t,
      ): t is readonly [EvaluationSection, { name: string; email: string; title: string | null }] =>
        t[1] !== null,
    );
    const expiresAt = new Date(deps.clock.now().getTime() + evaluationLinkLifetimeMs).toISOString();
    const sent: SentEvaluationLink[] = [];
    for (const [section, person] of targets) {
      try {
        const { token } = await mintLinkToken(deps.linkKey, {
          hospitalId,
          action: actionOf[section],
          objectId: evaluationLinkObject(contractId, evaluationId),
          email: person.email,
          expiresAt,
        });
        const message = evaluationEmail({
          evaluation,
          hospitalName: hospital.name,
          contractName: contract.terms.name,
          section,
          evaluatorName: person.title ?? person.name,
          link: deps.evaluationLinkUrl(token),
          linkExpiresAt: expiresAt,
        });
        await deps.mailer.send({ to: [person.email], ...message });
        sent.push({ section, email: person.email, expiresAt });
      } catch (err) {
        deps.logger?.error('an evaluation link could not be emailed', {
          hospitalId,
          contractId,
          evaluationId,
          section,
          error: err instanceof Error ? err.message : String(err),
        });
      }
    }
    return { sent };
  };
}

/** The evaluation a valid link names; the hospital comes from the signed payload. */
async function linkedEvaluation(
  deps: LinkDeps,
  link: LinkPayload,
): Promise<{ contractId: string; evaluation: EvaluationRecord }> {
  const [contractId, evaluationId] = linkObjectIds(link);
  try {
    return {
      contractId,
      evaluation: await requireEvaluation(deps, link.hospitalId, contractId, evaluationId),
    };
  } catch (err) {
    if (err instanceof AppError && err.kind === 'not-found') throw invalidLink();
    throw err;
  }
}

export function makeEnterEvaluationPartByLink(deps: LinkDeps) {
  /**
   * The evaluator enters their part with the link of their email. The token is the whole
   * authorization: one section of one evaluation, once; its use is recorded in the same
   * transaction as the part, so two submissions at once cannot both land.
   */
  return async (token: string, input: PartInput): Promise<EvaluationRecord> => {
    const link = await verifyLinkToken(deps.linkKey, deps.clock, token, evaluationActions);
    const { contractId, evaluation } = await linkedEvaluation(deps, link);
    if (await linkWasUsed(deps.db, link.hospitalId, link.nonce)) throw usedLink();
    const section = sectionOf(link.action);
    const actor: Actor = {
      sub: `link:${link.nonce}`,
      email: link.email,
      role: sectionRater[section],
      hospitalId: link.hospitalId,
    };
    const at = deps.clock.now().toISOString();
    return actOnceByLink(deps.db, link, () =>
      enterPart(deps, actor, {
        hospitalId: link.hospitalId,
        contractId,
        evaluationId: evaluation.id,
        section,
        input,
        via: 'link',
        expectedVersion: null,
        alsoCreate: [usedLinkItem(link.hospitalId, link.nonce, link, at)],
      }),
    );
  };
}

export interface EvaluationLinkDescription {
  section: EvaluationSection;
  hospitalName: string;
  evaluation: EvaluationRecord;
  email: string;
  expiresAt: string;
  /** The contract's pass-rate thresholds, so the page can rate the entry as it is typed. */
  thresholds: { excellentBp: number; goodBp: number; qualifiedBp: number };
}

export function makeDescribeEvaluationLink(deps: LinkDeps) {
  /** What an evaluation link is for, with the draft's figures, for its page; does nothing. */
  return async (token: string): Promise<EvaluationLinkDescription> => {
    // A spent or expired link reads nothing: 410 before any record is read
    const link = await verifyLinkToken(deps.linkKey, deps.clock, token, evaluationActions);
    if (await linkWasUsed(deps.db, link.hospitalId, link.nonce)) throw usedLink();
    const [{ contractId, evaluation }, hospital] = await Promise.all([
      linkedEvaluation(deps, link),
      hospitalById(deps.db, link.hospitalId),
    ]);
    if (!hospital || hospital.deletedAt) throw invalidLink();
    const contract = await contractById(deps.db, link.hospitalId, contractId);
    if (!contract || contract.deletedAt) throw invalidLink();
    const { excellentBp, goodBp, qualifiedBp } = contract.terms.evaluation;
    return {
      section: sectionOf(link.action),
      hospitalName: hospital.name,
      evaluation,
      email: link.email,
      expiresAt: link.expiresAt,
      thresholds: { excellentBp, goodBp, qualifiedBp },
    };
  };
}
