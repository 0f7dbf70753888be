import { shanghaiDateOf, type Reminder } from '@weibao/domain';
import {
  allPages,
  claimDigest,
  contractById,
  contractsByRef,
  hospitalById,
  hospitalsById,
  obligationById,
  openObligationsDueBy,
  removedHospitalIds,
  releaseDigest,
  vendorChainId,
  type ContractRecord,
  type ObligationRecord,
} from '@weibao/store';
import { makeSendEvaluationLinks } from '../evaluations/evaluation-links.ts';
import { makeDraftEvaluation } from '../evaluations/evaluation-use-cases.ts';
import type {
  Actor,
  EvaluationLinkDeps,
  ObligationDeps,
  ObligationTimerPayload,
} from '../ports.ts';
import {
  evaluationRequestChannelMessage,
  reminderChannelMessage,
} from '../channels/channel-messages.ts';
import { scheduleChannelMessages } from '../channels/channel-notify.ts';
import { syncSchedules } from './obligation-planning.ts';
import {
  digestEmail,
  evaluationRequestEmail,
  reminderEmail,
  type DigestLine,
} from './obligation-emails.ts';
import { changeObligation } from './obligation-use-cases.ts';

/** The Scheduler, acting on nobody's behalf; its marks on obligations are audited as the system's. */
const scheduler: Actor = {
  sub: 'system:scheduler',
  email: null,
  role: 'vendor-admin',
  hospitalId: null,
};

export type TimerOutcome = 'sent' | 'already-sent' | 'done' | 'stale' | 'no-recipient' | 'gone';

export const obligationLink = (
  origin: string,
  o: Pick<ObligationRecord, 'hospitalId' | 'contractId' | 'id'>,
) => `${origin}/hospitals/${o.hospitalId}/contracts/${o.contractId}/obligations/${o.id}`;
export const evaluationLink = (
  origin: string,
  hospitalId: string,
  contractId: string,
  quarter: number,
) => `${origin}/hospitals/${hospitalId}/contracts/${contractId}/evaluations/q${quarter}`;

/** Who acts when the quarter's end drafts the evaluation: weibao itself, on the contract's behalf. */
const quarterEnd: Actor = {
  sub: 'weibao:quarter-end',
  email: null,
  role: 'service-manager',
  hospitalId: null,
};

/**
 * The quarter's evaluation is drafted from the record and each evaluator the contract names is
 * emailed a signed link entering exactly their part. Throws when no link went out, so the claim
 * is taken back and the Scheduler's retry tries again.
 */
async function sendQuarterEvaluationLinks(
  deps: EvaluationLinkDeps,
  ref: { hospitalId: string; contractId: string },
  quarter: number,
): Promise<void> {
  const evaluationId = `q${quarter}`;
  await makeDraftEvaluation(deps)(quarterEnd, ref.hospitalId, ref.contractId, evaluationId);
  const { sent } = await makeSendEvaluationLinks(deps)(
    quarterEnd,
    ref.hospitalId,
    ref.contractId,
    evaluationId,
  );
  if (sent.length === 0)
    throw new Error(`no evaluation link of ${evaluationId} could be sent; the request is retried`);
}

/**
 * Who is reminded of an obligation: its owner. Every planned obligation is the vendor's
 * (service-manager or support-engineer), and the contract names one service manager who owns
 * them all; an obligation the hospital owned would go to the hospital's IT center evaluator.
 */
export function ownerRecipients(contract: ContractRecord, o: ObligationRecord): string[] {
  const vendorOwned = o.owner === 'service-manager' || o.owner === 'support-engineer';
  if (vendorOwned)
    return contract.terms.serviceManager ? [contract.terms.serviceManager.email] : [];
  return contract.terms.evaluators?.itCenter ? [contract.terms.evaluators.itCenter.email] : [];
}

const pointOfKey = (key: string): Reminder['point'] =>
  key.includes(':before-') ? 'before' : key.endsWith(':due') ? 'due' : 'overdue';

/**
 * A reminder or evaluation-request schedule fired. The obligation is read afresh: done or removed
 * (or its hospital removed) means nothing to send; the mark of what was sent is written (version-checked) before the mail
 * goes out, and taken back if the mail fails, so a schedule that fires twice mails once. Then the
 * obligation's next reminder is scheduled.
 */
export function makeOnObligationTimer(deps: ObligationDeps) {
  return async (payload: ObligationTimerPayload): Promise<TimerOutcome> => {
    const ref = {
      hospitalId: payload.hospitalId,
      contractId: payload.contractId,
      obligationId: payload.obligationId,
    };
    const contract = await contractById(deps.db, ref.hospitalId, ref.contractId);
    const o = await obligationById(deps.db, ref.hospitalId, ref.contractId, ref.obligationId);
    if (!contract || contract.deletedAt || !o || o.deletedAt) return 'gone';
    const hospital = await hospitalById(deps.db, ref.hospitalId);
    // A removed hospital is sent nothing more, and nothing is sent about it.
    if (hospital?.deletedAt) return 'gone';
    const hospitalName = hospital?.name ?? ref.hospitalId;
    const reschedule = async (current: ObligationRecord) =>
      syncSchedules(deps, contract, [current]);

    if (payload.kind === 'evaluation-request') {
      if (o.evaluationRequestedAt !== null) return 'already-sent';
      const ev = contract.terms.evaluators;
      const to = [ev?.department?.email, ev?.itCenter?.email].filter((x): x is string => !!x);
      if (to.length === 0) {
        deps.logger?.error('no evaluators on the contract: evaluation request not sent', ref);
        return 'no-recipient';
      }
      let claimedNow = false;
      await changeObligation(deps, scheduler, ref, 'obligation.evaluation-requested', (b, at) => {
        // Runs again after a lost race: only the attempt that is written counts.
        claimedNow = false;
        if (b.evaluationRequestedAt !== null) return null;
        claimedNow = true;
        return { ...b, evaluationRequestedAt: at };
      });
      if (!claimedNow) return 'already-sent';
      try {
        const link = evaluationLink(
          deps.webOrigin,
          ref.hospitalId,
          ref.contractId,
          payload.quarter,
        );
        await scheduleChannelMessages(deps, {
          hospitalId: ref.hospitalId,
          contractId: ref.contractId,
          event: 'evaluation-request',
          what: `evaluation-request:${ref.contractId}:${payload.quarter}`,
          message: evaluationRequestChannelMessage({
            quarter: payload.quarter,
            period: o.period,
            hospitalName,
            contractName: contract.terms.name,
            link,
          }),
        });
        if (deps.linkKey && deps.evaluationLinkUrl) {
          await sendQuarterEvaluationLinks(
            { ...deps, linkKey: deps.linkKey, evaluationLinkUrl: deps.evaluationLinkUrl },
            ref,
            payload.quarter,
          );
          return 'sent';
        }
        await deps.mailer.send(
          {
            to: [...new Set(to)],
            ...evaluationRequestEmail({
              quarter: payload.quarter,
              period: o.period,
              hospitalName,
              contractName: contract.terms.name,
              link,
            }),
          },
          {
            hospitalId: ref.hospitalId,
            key: `evaluation-request#${ref.contractId}#${payload.quarter}`,
            priority: 'low',
          },
        );
      } catch (err) {
        await changeObligation(
          deps,
          scheduler,
          ref,
          'obligation.evaluation-request-failed',
          (b) => ({
            ...b,
            evaluationRequestedAt: null,
          }),
        );
        throw err;
      }
      return 'sent';
    }

    if (o.doneOn !== null) {
      await reschedule(o);
      return 'done';
    }
    if (o.remindersSent.includes(payload.reminderKey)) {
      await reschedule(o);
      return 'already-sent';
    }
    // A reminder of an older plan (the due date moved since): only today's reminders are sent.
    const day = payload.reminderKey.slice(0, 10);
    if (day !== shanghaiDateOf(deps.clock.now().getTime())) {
      await reschedule(o);
      return 'stale';
    }
    const to = ownerRecipients(contract, o);
    if (to.length === 0) {
      deps.logger?.error('no owner address on the contract: reminder not sent', ref);
      return 'no-recipient';
    }
    let claimedNow = false;
    const claimed = await changeObligation(
      deps,
      scheduler,
      ref,
      'obligation.reminder-sent',
      (b) => {
        claimedNow = false;
        if (b.remindersSent.includes(payload.reminderKey) || b.doneOn !== null) return null;
        claimedNow = true;
        return { ...b, remindersSent: [...b.remindersSent, payload.reminderKey] };
      },
    );
    if (!claimedNow) {
      await reschedule(claimed);
      return claimed.doneOn !== null ? 'done' : 'already-sent';
    }
    try {
      const link = obligationLink(deps.webOrigin, claimed);
      const mail = reminderEmail({
        obligation: claimed,
        point: pointOfKey(payload.reminderKey),
        reminderKey: payload.reminderKey,
        hospitalName,
        contractName: contract.terms.name,
        link,
      });
      // Scheduled before the mail: a retry after a failed mail schedules the same deliveries.
      await scheduleChannelMessages(deps, {
        hospitalId: ref.hospitalId,
        contractId: ref.contractId,
        event: 'obligation-reminder',
        what: `obligation-reminder:${ref.contractId}:${ref.obligationId}:${payload.reminderKey}`,
        message: reminderChannelMessage({
          subject: mail.subject,
          hospitalName,
          contractName: contract.terms.name,
          link,
        }),
      });
      // Queued under the reminder (low priority, paced): a retry after this queues nothing new.
      await deps.mailer.send(
        { to, ...mail },
        {
          hospitalId: ref.hospitalId,
          key: `obligation-reminder#${ref.contractId}#${ref.obligationId}#${payload.reminderKey}`,
          priority: 'low',
        },
      );
    } catch (err) {
      await changeObligation(deps, scheduler, ref, 'obligation.reminder-failed', (b) => ({
        ...b,
        remindersSent: b.remindersSent.filter((k) => k !== payload.reminderKey),
      }));
      throw err;
    }
    await reschedule(claimed);
    return 'sent';
  };
}

/**
 * How many open obligations one Query of the digest asks for. A page also ends at 1 MB, which
 * obligations (some 1.2 KB each, with their contract clause) reach at some 800 items, so this is "as many as fit".
 */
export const digestQueryPageSize = 1000;

/**
 * The daily digest (08:00 Shanghai, before the reminders' 08:30–09:30 window): to each service
 * manager, the open obligations of all their contracts that are overdue or due within 7 days,
 * across hospitals. One vendor-wide run, because a manager's digest spans hospitals: the open
 * obligations come from gsi1 in pages of up to 1 MB, then their contracts and the hospitals' names
 * in BatchGetItems of 100 (a few at a time), not one GetItem each: at 1,000 hospitals that is some
 * 20 requests instead of 2,000 in a row (docs/performance.md). Each manager's digest is marked
 * sent for the day before it goes out, so a repeat sends nothing.
 */
export function makeSendObligationDigests(deps: ObligationDeps) {
  return async (): Promise<{ sent: string[]; skipped: string[] }> => {
    const nowMs = deps.clock.now().getTime();
    const day = shanghaiDateOf(nowMs);
    const through = shanghaiDateOf(nowMs + 6 * 86_400_000);
    // A removed hospital's obligations are left out (the list of removed ones read once).
    const removed = await removedHospitalIds(deps.db);
    const open = await allPages((cursor) =>
      openObligationsDueBy(deps.db, through, {
        limit: digestQueryPageSize,
        removed,
        ...(cursor ? { cursor } : {}),
      }),
    );
    const contractOf = await contractsByRef(deps.db, open);
    const managed = open.flatMap((o) => {
      const contract = contractOf(o.hospitalId, o.contractId);
      const manager =
        contract && !contract.deletedAt ? contract.terms.serviceManager?.email : undefined;
      return contract && manager ? [{ o, contract, manager }] : [];
    });
    const hospitalOf = await hospitalsById(deps.db, [
      ...new Set(managed.map(({ o }) => o.hospitalId)),
    ]);
    const byManager = new Map<string, DigestLine[]>();
    for (const { o, contract, manager } of managed) {
      const lines = byManager.get(manager) ?? [];
      lines.push({
        hospitalName: hospitalOf(o.hospitalId)?.name ?? o.hospitalId,
        contractName: contract.terms.name,
        obligation: o,
        overdue: (o.dueOn ?? o.nominalDueOn) < day,
        link: obligationLink(deps.webOrigin, o),
      });
      byManager.set(manager, lines);
    }
    const sent: string[] = [];
    const skipped: string[] = [];
    for (const [manager, lines] of byManager) {
      if (!(await claimDigest(deps.db, day, manager, nowMs))) {
        skipped.push(manager);
        continue;
      }
      try {
        // Vendor-wide mail, in the vendor's partition: queued under the day and the manager.
        await deps.mailer.send(
          { to: [manager], ...digestEmail({ day, through, lines }) },
          { hospitalId: vendorChainId, key: `digest#${day}#${manager}`, priority: 'low' },
        );
        sent.push(manager);
      } catch (err) {
        await releaseDigest(deps.db, day, manager);
        throw err;
      }
    }
    return { sent, skipped };
  };
}
