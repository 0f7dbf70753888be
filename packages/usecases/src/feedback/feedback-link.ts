import {
  feedbackAnswerProblems,
  normalisedRatings,
  quarterPeriods,
  shanghaiDateOf,
  type FeedbackAnswerInput,
} from '@weibao/domain';
import {
  createFeedbackAnswer,
  feedbackAnswerOf,
  feedbackRoundOf,
  hospitalById,
  usedLinkItem,
  type ContractRecord,
  type FeedbackAnswerRecord,
  type FeedbackDepartment,
  type FeedbackRoundRecord,
} from '@weibao/store';
import { auditRecord } from '../audit-record.ts';
import { contractQuarterOf } from '../deliverables/deliverable-use-cases.ts';
import { AppError } from '../errors.ts';
import { actOnceByLink } from '../links/link-use.ts';
import { invalidLink, verifyLinkToken, type LinkPayload } from '../links/signed-link.ts';
import { syncSchedules } from '../obligations/obligation-planning.ts';
import { changeObligation, requireLiveContract } from '../obligations/obligation-use-cases.ts';
import { markDone } from '../obligations/proof-files.ts';
import type { Actor, Deps, LinkKey, PlanningDeps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { subsystemNames } from './feedback-rounds.ts';

/** A department that answered is told so, whether it opens the link again or submits again. */
const answeredAlready = () =>
  new AppError('gone', '本科室本季度的满意度调查已经提交，不能重复提交。感谢您的反馈！', {
    reason: 'used',
  });
const roundClosed = () =>
  new AppError('gone', '本季度满意度调查已经结束，感谢您的关注', { reason: 'expired' });

const ulid = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** `<contractId>:<quarter>:<departmentId>`, exactly as the round minted it; else invalid. */
function linkObject(link: LinkPayload): {
  contractId: string;
  quarter: number;
  departmentId: string;
} {
  const [contractId, quarter, departmentId, ...rest] = link.objectId.split(':');
  if (
    !contractId ||
    !quarter ||
    !/^[1-9][0-9]?$/.test(quarter) ||
    !departmentId ||
    !ulid.test(departmentId) ||
    rest.length > 0
  )
    throw invalidLink();
  return { contractId, quarter: Number(quarter), departmentId };
}

interface LinkedRound {
  link: LinkPayload;
  round: FeedbackRoundRecord;
  department: FeedbackDepartment;
  contract: ContractRecord;
}

/**
 * The round and department a token names, as the record has them now: the token is signed, but
 * only a department of a stored round that holds exactly this token, of a contract still live and
 * a round still open, lets it act.
 */
async function linkedRound(deps: Deps & { linkKey: LinkKey }, token: string): Promise<LinkedRound> {
  const link = await verifyLinkToken(deps.linkKey, deps.clock, token, 'answer-feedback');
  const { contractId, quarter, departmentId } = linkObject(link);
  const round = await feedbackRoundOf(deps.db, link.hospitalId, contractId, quarter);
  const department = round?.departments.find((d) => d.id === departmentId);
  if (!round || !department || department.token !== token) throw invalidLink();
  const contract = await requireLiveContract(deps, link.hospitalId, contractId).catch(() => {
    throw invalidLink();
  });
  return { link, round, department, contract };
}

export interface FeedbackLinkDescription {
  hospitalName: string;
  contractName: string;
  quarter: number;
  startsOn: string;
  endsOn: string;
  department: string;
  subsystems: string[];
  expiresAt: string;
}

export function makeDescribeFeedbackLink(deps: Deps & { linkKey: LinkKey }) {
  /** What the survey page shows: the hospital, the quarter, the department and the subsystems. */
  return async (token: string): Promise<FeedbackLinkDescription> => {
    const { link, round, department, contract } = await linkedRound(deps, token);
    if (round.closedAt) throw roundClosed();
    if (
      await feedbackAnswerOf(
        deps.db,
        link.hospitalId,
        round.contractId,
        round.quarter,
        department.id,
      )
    )
      throw answeredAlready();
    const hospital = await hospitalById(deps.db, link.hospitalId);
    if (!hospital || hospital.deletedAt) throw invalidLink();
    const period = contractQuarterOf(quarterPeriods(contract.terms.term), round.quarter);
    return {
      hospitalName: hospital.name,
      contractName: contract.terms.name,
      quarter: round.quarter,
      startsOn: period.startsOn,
      endsOn: period.endsOn,
      department: department.name,
      subsystems: subsystemNames(contract),
      expiresAt: link.expiresAt,
    };
  };
}

/**
 * The first answer of a quarter proves its 用户意见收集 obligation (`feedback-<quarter>`): done on
 * the answer's day, with no objection window, the hospital's own departments having answered. Safe
 * to run again; a contract without that obligation has nothing to prove.
 */
async function proveFeedbackObligation(
  deps: PlanningDeps,
  actor: Actor,
  contract: ContractRecord,
  answer: FeedbackAnswerRecord,
): Promise<void> {
  const ref = {
    hospitalId: answer.hospitalId,
    contractId: answer.contractId,
    obligationId: `feedback-${answer.quarter}`,
  };
  try {
    const after = await changeObligation(
      deps,
      actor,
      ref,
      'obligation.feedback-answered',
      (b, at) =>
        b.doneOn === null
          ? markDone(b, actor, at, shanghaiDateOf(Date.parse(answer.answeredAt)), null)
          : null,
    );
    await syncSchedules(deps, contract, [after]);
  } catch (err) {
    if (err instanceof AppError && err.kind === 'not-found') return;
    throw err;
  }
}

const sameAnswer = (
  a: FeedbackAnswerRecord,
  b: Pick<FeedbackAnswerRecord, 'name' | 'role' | 'ratings'>,
) => JSON.stringify([a.name, a.role, a.ratings]) === JSON.stringify([b.name, b.role, b.ratings]);

export function makeAnswerFeedbackByLink(deps: PlanningDeps & { linkKey: LinkKey }) {
  /**
   * A department answers the quarter's survey through its link, once: the answer and the link's
   * use are one transaction, keyed by the department. The same answer sent again (a retry after a
   * lost reply) answers what is stored; any other second answer is refused. No edits afterwards.
   */
  return async (
    token: string,
    input: FeedbackAnswerInput,
  ): Promise<{ answer: FeedbackAnswerRecord; created: boolean }> => {
    const { link, round, department, contract } = await linkedRound(deps, token);
    const subsystems = subsystemNames(contract);
    const problem = feedbackAnswerProblems(subsystems, input)[0];
    if (problem) throw new AppError('invalid', problem.message, { path: problem.path });
    const ratings = normalisedRatings(subsystems, input);
    const mine = { name: input.name.trim(), role: input.role.trim(), ratings };
    const actor: Actor = {
      sub: `link:${link.nonce}`,
      email: department.email,
      role: 'hospital-dept',
      hospitalId: link.hospitalId,
      name: mine.name,
    };
    const earlier = await feedbackAnswerOf(
      deps.db,
      link.hospitalId,
      round.contractId,
      round.quarter,
      department.id,
    );
    if (earlier) {
      if (!sameAnswer(earlier, mine)) throw answeredAlready();
      await proveFeedbackObligation(deps, actor, contract, earlier);
      return { answer: earlier, created: false };
    }
    if (round.closedAt) throw roundClosed();
    const at = deps.clock.now().toISOString();
    const answer: FeedbackAnswerRecord = {
      hospitalId: link.hospitalId,
      contractId: round.contractId,
      quarter: round.quarter,
      departmentId: department.id,
      department: department.name,
      ...mine,
      answeredAt: at,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const audit = auditRecord(
      deps,
      actor,
      at,
      link.hospitalId,
      'feedback.answer',
      { type: 'feedback-answer', id: `${round.contractId}#${round.quarter}#${department.id}` },
      null,
      answer,
    );
    try {
      await actOnceByLink(deps.db, link, () =>
        mapStoreErrors('the feedback answer', () =>
          createFeedbackAnswer(deps.db, answer, audit, [
            usedLinkItem(link.hospitalId, link.nonce, link, at),
          ]),
        ),
      );
    } catch (err) {
      // Two submits at once: the one that lost finds the other's answer.
      if (err instanceof AppError && (err.kind === 'gone' || err.kind === 'conflict'))
        throw answeredAlready();
      throw err;
    }
    await proveFeedbackObligation(deps, actor, contract, answer);
    return { answer, created: true };
  };
}
