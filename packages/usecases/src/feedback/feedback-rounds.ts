import {
  feedbackSummary,
  quarterPeriods,
  shanghaiDateOf,
  type SubsystemSatisfaction,
} from '@weibao/domain';
import {
  feedbackAnswersOf,
  feedbackRoundOf,
  feedbackRoundsOfContract,
  hospitalById,
  saveFeedbackRound,
  type ContractRecord,
  type FeedbackAnswerRecord,
  type FeedbackRoundRecord,
} from '@weibao/store';
import { auditRecord } from '../audit-record.ts';
import { contractQuarterOf } from '../deliverables/deliverable-use-cases.ts';
import { AppError, notFound } from '../errors.ts';
import { earlierResult, keyedItems, keyedRequest } from '../idempotency.ts';
import { mintLinkToken } from '../links/signed-link.ts';
import { requireLiveContract } from '../obligations/obligation-use-cases.ts';
import type { Actor, Deps, LinkKey, Mailer } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { applyVersionedChange } from '../versioned-change.ts';
import { whoOf } from '../who.ts';

const what = 'the feedback round';

/**
 * A round's links work for 90 days from when it opens: long enough to answer in the quarter and
 * to be reminded after it; closing the round stops them sooner.
 */
export const feedbackLinkLifetimeMs = 90 * 24 * 60 * 60 * 1000;
/** One round asks at most this many departments (a 3,700-bed hospital has about 80 wards). */
export const maxFeedbackDepartments = 200;

export interface FeedbackDeps extends Deps {
  linkKey: LinkKey;
  /** `${WEB_ORIGIN}/links/feedback/<token>`: the phone page a department answers on. */
  feedbackLinkUrl(token: string): string;
}

export interface FeedbackComment {
  department: string;
  subsystem: string;
  score: number;
  comment: string;
  name: string;
}

/** A round as the IT center and vendor staff see it: who answered, the figures, the remarks. */
export interface FeedbackRoundView {
  contractId: string;
  quarter: number;
  startsOn: string;
  endsOn: string;
  state: 'open' | 'closed';
  validUntil: string;
  closedAt: string | null;
  version: number;
  createdAt: string;
  departments: {
    id: string;
    name: string;
    email: string | null;
    url: string;
    answeredAt: string | null;
    respondent: string | null;
    remindedAt: string | null;
  }[];
  subsystems: SubsystemSatisfaction[];
  overall: SubsystemSatisfaction;
  comments: FeedbackComment[];
}

export const subsystemNames = (c: ContractRecord) => c.terms.subsystems.map((s) => s.name);

/** The figures and remarks of a round's answers, as the page and the report show them. */
export function feedbackFigures(
  contract: ContractRecord,
  round: FeedbackRoundRecord,
  answers: FeedbackAnswerRecord[],
) {
  const order = new Map(round.departments.map((d, i) => [d.id, i]));
  const sorted = [...answers].sort(
    (a, b) => (order.get(a.departmentId) ?? 0) - (order.get(b.departmentId) ?? 0),
  );
  const comments: FeedbackComment[] = sorted.flatMap((a) =>
    a.ratings
      .filter((r) => r.comment !== null)
      .map((r) => ({
        department: a.department,
        subsystem: r.subsystem,
        score: r.score,
        comment: r.comment as string,
        name: a.name,
      })),
  );
  return { ...feedbackSummary(subsystemNames(contract), sorted), comments, answers: sorted };
}

function viewOf(
  deps: Pick<FeedbackDeps, 'feedbackLinkUrl'>,
  contract: ContractRecord,
  round: FeedbackRoundRecord,
  answers: FeedbackAnswerRecord[],
): FeedbackRoundView {
  const period = contractQuarterOf(quarterPeriods(contract.terms.term), round.quarter);
  const byDepartment = new Map(answers.map((a) => [a.departmentId, a]));
  const { subsystems, overall, comments } = feedbackFigures(contract, round, answers);
  return {
    contractId: round.contractId,
    quarter: round.quarter,
    startsOn: period.startsOn,
    endsOn: period.endsOn,
    state: round.closedAt ? 'closed' : 'open',
    validUntil: round.validUntil,
    closedAt: round.closedAt,
    version: round.version,
    createdAt: round.createdAt,
    departments: round.departments.map((d) => {
      const a = byDepartment.get(d.id);
      return {
        id: d.id,
        name: d.name,
        email: d.email,
        url: deps.feedbackLinkUrl(d.token),
        answeredAt: a?.answeredAt ?? null,
        respondent: a ? `${a.name}（${a.role}）` : null,
        remindedAt: d.remindedAt,
      };
    }),
    subsystems,
    overall,
    comments,
  };
}

/** Masks the links in what the audit log keeps: they are bearer credentials. */
const audited = (r: FeedbackRoundRecord) => ({
  ...r,
  departments: r.departments.map((d) => ({ ...d, token: '(signed link)' })),
});

async function requireRound(deps: Deps, hospitalId: string, contractId: string, quarter: number) {
  const round = await feedbackRoundOf(deps.db, hospitalId, contractId, quarter);
  if (!round) throw new AppError('not-found', `第${quarter}季度尚未发起满意度调查`);
  return round;
}

export function makeCreateFeedbackRound(deps: FeedbackDeps) {
  /**
   * Opens the quarter's survey: one signed link per department, each answering once for its
   * department. One round per contract quarter; with an Idempotency-Key a retry answers it.
   */
  return async (
    actor: Actor,
    hospitalId: string,
    contractId: string,
    input: { quarter: number; departments: { name: string; email?: string | undefined }[] },
    idempotencyKey?: string,
  ): Promise<{ round: FeedbackRoundView; created: boolean }> => {
    const contract = await requireLiveContract(deps, hospitalId, contractId);
    contractQuarterOf(quarterPeriods(contract.terms.term), input.quarter);
    const names = input.departments.map((d) => d.name.trim());
    const twice = names.findIndex((n, i) => names.indexOf(n) !== i);
    if (twice >= 0)
      throw new AppError('invalid', `科室“${names[twice]}”重复`, {
        path: `departments.${twice}.name`,
      });
    const keyed = keyedRequest('feedback-round.create', idempotencyKey, {
      hospitalId,
      contractId,
      input,
    });
    const existing = await feedbackRoundOf(deps.db, hospitalId, contractId, input.quarter);
    if (existing && (await earlierResult(deps.db, hospitalId, keyed)))
      return {
        round: viewOf(
          deps,
          contract,
          existing,
          await feedbackAnswersOf(deps.db, hospitalId, contractId, input.quarter),
        ),
        created: false,
      };
    if (existing)
      throw new AppError('conflict', `第${input.quarter}季度的满意度调查已经发起`, {
        path: 'quarter',
      });
    const now = deps.clock.now();
    const at = now.toISOString();
    const validUntil = new Date(now.getTime() + feedbackLinkLifetimeMs).toISOString();
    const departments = [];
    for (const [i, d] of input.departments.entries()) {
      const id = deps.ids.next();
      const { token } = await mintLinkToken(deps.linkKey, {
        hospitalId,
        action: 'answer-feedback',
        objectId: `${contractId}:${input.quarter}:${id}`,
        email: d.email?.trim().toLowerCase() ?? '',
        expiresAt: validUntil,
      });
      departments.push({
        id,
        name: names[i] as string,
        email: d.email?.trim().toLowerCase() || null,
        token,
        remindedAt: null,
      });
    }
    const round: FeedbackRoundRecord = {
      hospitalId,
      contractId,
      quarter: input.quarter,
      departments,
      validUntil,
      closedAt: null,
      closedBy: null,
      createdBy: whoOf(actor),
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const audit = auditRecord(
      deps,
      actor,
      at,
      hospitalId,
      'feedback-round.create',
      { type: 'feedback-round', id: `${contractId}#${input.quarter}` },
      null,
      audited(round),
    );
    await mapStoreErrors(what, () =>
      saveFeedbackRound(
        deps.db,
        round,
        { kind: 'create' },
        audit,
        keyedItems(hospitalId, keyed, `${contractId}#${input.quarter}`, now.getTime()),
      ),
    );
    return { round: viewOf(deps, contract, round, []), created: true };
  };
}

export function makeListFeedbackRounds(deps: FeedbackDeps) {
  /** Every survey round of the contract, in quarter order, with its answers' figures. */
  return async (hospitalId: string, contractId: string): Promise<FeedbackRoundView[]> => {
    const contract = await requireLiveContract(deps, hospitalId, contractId);
    const rounds = await feedbackRoundsOfContract(deps.db, hospitalId, contractId);
    return Promise.all(
      rounds.map(async (r) =>
        viewOf(
          deps,
          contract,
          r,
          await feedbackAnswersOf(deps.db, hospitalId, contractId, r.quarter),
        ),
      ),
    );
  };
}

export function makeCloseFeedbackRound(deps: FeedbackDeps) {
  /** Ends the round (version-checked, audited): its links answer 410 from now on. */
  return async (
    actor: Actor,
    hospitalId: string,
    contractId: string,
    quarter: number,
    version: number,
  ): Promise<FeedbackRoundView> => {
    const contract = await requireLiveContract(deps, hospitalId, contractId);
    const before = await requireRound(deps, hospitalId, contractId, quarter);
    if (before.closedAt)
      throw new AppError('conflict', '该满意度调查已经结束', {
        path: 'version',
        currentVersion: before.version,
      });
    const after = await applyVersionedChange(deps, actor, {
      what,
      hospitalId,
      entity: { type: 'feedback-round', id: `${contractId}#${quarter}` },
      action: 'feedback-round.close',
      before,
      expectedVersion: version,
      change: (b, at) => ({ ...b, closedAt: at, closedBy: whoOf(actor) }),
      save: (a, expectedVersion, audit) =>
        saveFeedbackRound(
          deps.db,
          a,
          { kind: 'update', expectedVersion },
          { ...audit, before: audited(before), after: audited(a) },
        ),
    });
    return viewOf(
      deps,
      contract,
      after,
      await feedbackAnswersOf(deps.db, hospitalId, contractId, quarter),
    );
  };
}

export function makeRemindFeedbackDepartments(deps: FeedbackDeps & { mailer: Mailer }) {
  /**
   * Mails its link again to each department that has not answered and has an address, at most
   * once a day (北京时间) per department, so a repeated click or retry mails nobody twice that
   * day. Answers who was mailed and who has no address to mail.
   */
  return async (
    actor: Actor,
    hospitalId: string,
    contractId: string,
    quarter: number,
  ): Promise<{ reminded: string[]; withoutAddress: string[]; round: FeedbackRoundView }> => {
    const contract = await requireLiveContract(deps, hospitalId, contractId);
    const hospital = await hospitalById(deps.db, hospitalId);
    if (!hospital || hospital.deletedAt) throw notFound('the hospital');
    const before = await requireRound(deps, hospitalId, contractId, quarter);
    if (before.closedAt) throw new AppError('conflict', '该满意度调查已经结束，不能再提醒');
    const answers = await feedbackAnswersOf(deps.db, hospitalId, contractId, quarter);
    const answered = new Set(answers.map((a) => a.departmentId));
    const now = deps.clock.now();
    const today = shanghaiDateOf(now.getTime());
    const waiting = before.departments.filter((d) => !answered.has(d.id));
    const due = waiting.filter(
      (d) => d.email && !(d.remindedAt && shanghaiDateOf(Date.parse(d.remindedAt)) === today),
    );
    const at = now.toISOString();
    // Recorded first: a mail that fails after this is retried tomorrow, never sent twice today.
    const after =
      due.length === 0
        ? before
        : await applyVersionedChange(deps, actor, {
            what,
            hospitalId,
            entity: { type: 'feedback-round', id: `${contractId}#${quarter}` },
            action: 'feedback-round.remind',
            before,
            expectedVersion: before.version,
            change: (b) => ({
              ...b,
              departments: b.departments.map((d) =>
                due.some((x) => x.id === d.id) ? { ...d, remindedAt: at } : d,
              ),
            }),
            save: (a, expectedVersion, audit) =>
              saveFeedbackRound(
                deps.db,
                a,
                { kind: 'update', expectedVersion },
                { ...audit, before: audited(before), after: audited(a) },
              ),
          });
    // Queued (low priority, paced) under the department and the day: a retry queues nothing new.
    for (const d of due)
      await deps.mailer.send(
        {
          to: [d.email as string],
          subject: `【用户意见收集】${hospital.name} 第${quarter}季度系统满意度调查`,
          text: [
            `${d.name}：`,
            '',
            `${contract.terms.name} 第${quarter}季度用户意见收集尚未收到贵科室的答卷。`,
            '请用手机或电脑打开下面的链接，为各子系统打分（1至5分）并填写意见，约需2分钟：',
            deps.feedbackLinkUrl(d.token),
            '',
            `链接有效期至 ${shanghaiDateOf(Date.parse(before.validUntil))}，每个科室提交一次。`,
          ].join('\n'),
        },
        {
          hospitalId,
          key: `feedback-reminder#${contractId}#${quarter}#${d.id}#${today}`,
          priority: 'low',
        },
      );
    return {
      reminded: due.map((d) => d.name),
      withoutAddress: waiting.filter((d) => !d.email).map((d) => d.name),
      round: viewOf(deps, contract, after, answers),
    };
  };
}
