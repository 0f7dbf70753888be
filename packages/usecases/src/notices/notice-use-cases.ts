import { shanghaiDateOf } from '@weibao/domain';
import {
  noticeById,
  noticesOfHospital,
  saveNotice,
  type AdvanceNoticeRecord,
  type ContractRecord,
  type Page,
} from '@weibao/store';
import { auditRecord } from '../audit-record.ts';
import { AppError, notFound } from '../errors.ts';
import { requireHospital } from '../hospitals/hospital-use-cases.ts';
import { mintLinkToken } from '../links/signed-link.ts';
import type { Actor, Deps, NoticeDeps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { applyVersionedChange } from '../versioned-change.ts';
import { contractsInForce } from '../contracts/contract-use-cases.ts';
import { noticeEmail } from './notice-email.ts';
import { personOf } from '../who.ts';

/**
 * How long an acknowledge link works: a fixed 14 days from the announcement, not until the window,
 * so a bearer link never lives for months; after that the IT center acknowledges in the app.
 */
export const noticeLinkLifetimeMs = 14 * 24 * 60 * 60 * 1000;

export interface NewNotice {
  title: string;
  description: string;
  windowStart: string;
  windowEnd: string;
  subsystemIds: string[];
}

export function makeCreateNotice(deps: NoticeDeps) {
  /**
   * 提前通知: the vendor announces a planned change; the hospital's IT center acknowledges it.
   * The notice is emailed, each recipient with an acknowledge link of their own, to the escalation
   * contacts of the hospital's contracts in force (the hospital has no contact list of its own yet),
   * less the vendor's own people.
   */
  return async (
    actor: Actor,
    hospitalId: string,
    input: NewNotice,
  ): Promise<AdvanceNoticeRecord> => {
    const hospital = await requireHospital(deps, hospitalId);
    if (input.windowEnd < input.windowStart)
      throw new AppError('invalid', '变更窗口的结束时间早于开始时间', { path: 'windowEnd' });
    const now = deps.clock.now();
    const at = now.toISOString();
    const contracts = await contractsInForce(deps, hospitalId, shanghaiDateOf(at));
    // Escalation contacts may include vendor staff (the service manager); a link that acknowledges
    // for the hospital must not go to the vendor, so they and the announcer are left out.
    const vendorSide = new Set(
      [actor.email, ...contracts.map((c) => c.terms.serviceManager?.email)].filter(Boolean),
    );
    const recipients = [
      ...new Set(contracts.flatMap((c) => c.terms.escalationContacts.map((p) => p.email))),
    ].filter((email) => !vendorSide.has(email));
    const id = deps.ids.next();
    const links = await mintNoticeLinks(
      deps,
      hospitalId,
      id,
      recipients,
      new Date(now.getTime() + noticeLinkLifetimeMs).toISOString(),
    );
    const notice: AdvanceNoticeRecord = {
      id,
      hospitalId,
      ...input,
      windowStart: new Date(input.windowStart).toISOString(),
      windowEnd: new Date(input.windowEnd).toISOString(),
      announcedAt: at,
      announcedBy: personOf(actor),
      acknowledgedAt: null,
      acknowledgedBy: null,
      emailedTo: links.map((l) => l.email),
      version: 1,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    };
    await mapStoreErrors('the notice', () =>
      saveNotice(
        deps.db,
        notice,
        { kind: 'create' },
        auditRecord(
          deps,
          actor,
          at,
          hospitalId,
          'notice.create',
          { type: 'advance-notice', id: notice.id },
          null,
          notice,
        ),
      ),
    );
    await emailNotice(deps, notice, hospital.name, contracts, links);
    return notice;
  };
}

interface NoticeLink {
  email: string;
  token: string;
  expiresAt: string;
}

/**
 * One acknowledge link per recipient, made before the notice is saved, so that `emailedTo` names
 * only those a link could be made for: without a link key (not yet on AWS) it is [], not a lie.
 */
async function mintNoticeLinks(
  deps: NoticeDeps,
  hospitalId: string,
  noticeId: string,
  recipients: string[],
  expiresAt: string,
): Promise<NoticeLink[]> {
  try {
    return await Promise.all(
      recipients.map(async (email) => {
        const { token } = await mintLinkToken(deps.linkKey, {
          hospitalId,
          action: 'acknowledge-notice',
          objectId: noticeId,
          email,
          expiresAt,
        });
        return { email, token, expiresAt };
      }),
    );
  } catch (err) {
    deps.logger?.error('no acknowledge link could be made; the notice is not emailed', {
      hospitalId,
      noticeId,
      error: err instanceof Error ? err.message : String(err),
    });
    return [];
  }
}

/** Sends the notice to each recipient with their own link; a failed send is logged, not fatal. */
async function emailNotice(
  deps: NoticeDeps,
  notice: AdvanceNoticeRecord,
  hospitalName: string,
  contracts: ContractRecord[],
  links: NoticeLink[],
): Promise<void> {
  const subsystems = new Map(
    contracts.flatMap((c) => c.terms.subsystems.map((s) => [s.id, s.name] as const)),
  );
  for (const link of links) {
    try {
      const message = noticeEmail({
        notice,
        hospitalName,
        subsystemNames: notice.subsystemIds.map((id) => subsystems.get(id) ?? id),
        coveredSystem: contracts[contracts.length - 1]?.terms.coveredSystem ?? null,
        link: deps.signedLinkUrl(link.token),
        linkExpiresAt: link.expiresAt,
      });
      await deps.mailer.send({ to: [link.email], ...message });
    } catch (err) {
      deps.logger?.error('the advance notice could not be emailed', {
        hospitalId: notice.hospitalId,
        noticeId: notice.id,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
}

export function makeListNotices(deps: Deps) {
  return async (
    hospitalId: string,
    page: { limit?: number; cursor?: string },
  ): Promise<Page<AdvanceNoticeRecord>> => {
    await requireHospital(deps, hospitalId);
    return mapStoreErrors('the notices', () => noticesOfHospital(deps.db, hospitalId, page));
  };
}

export function makeAcknowledgeNotice(deps: Deps) {
  /** The hospital's IT center confirms it was told; acknowledging twice keeps the first time. */
  return async (
    actor: Actor,
    hospitalId: string,
    noticeId: string,
    version: number,
  ): Promise<AdvanceNoticeRecord> => {
    const before = await noticeById(deps.db, hospitalId, noticeId);
    if (!before || before.deletedAt) throw notFound('the notice');
    if (before.acknowledgedAt) return before;
    return applyVersionedChange(deps, actor, {
      what: 'the notice',
      hospitalId,
      action: 'notice.acknowledge',
      entity: { type: 'advance-notice', id: noticeId },
      before,
      expectedVersion: version,
      change: (b, at) => ({
        ...b,
        acknowledgedAt: at,
        acknowledgedBy: personOf(actor),
      }),
      save: (after, expectedVersion, audit) =>
        saveNotice(deps.db, after, { kind: 'update', expectedVersion }, audit),
    });
  };
}
