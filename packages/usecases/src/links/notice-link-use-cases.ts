import { shanghaiTime } from '../documents/document-format.ts';
import {
  StoreError,
  hospitalById,
  linkWasUsed,
  noticeById,
  saveNotice,
  usedLinkItem,
  type AdvanceNoticeRecord,
} from '@weibao/store';
import { auditRecord } from '../audit-record.ts';
import { AppError } from '../errors.ts';
import type { Actor, Deps, LinkKey } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { invalidLink, usedLink, verifyLinkToken, type LinkPayload } from './signed-link.ts';
import { personOf } from '../who.ts';

export interface LinkDeps extends Deps {
  linkKey: LinkKey;
}

/** The notice a valid link names; a link to nothing is as invalid as a forged one. */
async function linkedNotice(deps: Deps, link: LinkPayload): Promise<AdvanceNoticeRecord> {
  // The hospital comes from the signed payload, and every key starts with it: a link of hospital
  // A cannot reach B's notice even if it names B's notice id.
  const notice = await noticeById(deps.db, link.hospitalId, link.objectId);
  if (!notice || notice.deletedAt) throw invalidLink();
  return notice;
}

export function makeAcknowledgeNoticeByLink(deps: LinkDeps) {
  /**
   * The IT center acknowledges a notice with the link in its email. The token is the whole
   * authorization: one action on one notice, once. Its use is recorded in the acknowledgement's
   * own transaction, so of two clicks at the same moment exactly one acts.
   */
  return async (token: string): Promise<AdvanceNoticeRecord> => {
    const link = await verifyLinkToken(deps.linkKey, deps.clock, token, 'acknowledge-notice');
    const before = await linkedNotice(deps, link);
    if (await linkWasUsed(deps.db, link.hospitalId, link.nonce)) throw usedLink();
    if (before.acknowledgedAt)
      throw new AppError('gone', `该通知已于 ${shanghaiTime(before.acknowledgedAt)}确认`);
    const actor: Actor = {
      sub: `link:${link.nonce}`,
      email: link.email,
      role: 'hospital-it',
      hospitalId: link.hospitalId,
    };
    const at = deps.clock.now().toISOString();
    const after: AdvanceNoticeRecord = {
      ...before,
      acknowledgedAt: at,
      acknowledgedBy: personOf(actor),
      version: before.version + 1,
      updatedAt: at,
    };
    try {
      await saveNotice(
        deps.db,
        after,
        { kind: 'update', expectedVersion: before.version },
        auditRecord(
          deps,
          actor,
          at,
          link.hospitalId,
          'notice.acknowledge',
          { type: 'advance-notice', id: before.id },
          before,
          after,
        ),
        [usedLinkItem(link.hospitalId, link.nonce, link, at)],
      );
    } catch (err) {
      // Another click of this link, or an acknowledgement in the app, came first.
      if (err instanceof StoreError && ['version-conflict', 'already-exists'].includes(err.code))
        throw usedLink();
      return mapStoreErrors('the notice', () => Promise.reject(err));
    }
    return after;
  };
}

export interface LinkDescription {
  action: 'acknowledge-notice';
  hospitalName: string;
  notice: {
    title: string;
    windowStart: string;
    windowEnd: string;
    acknowledgedAt: string | null;
  };
  email: string;
  expiresAt: string;
}

export function makeDescribeLink(deps: LinkDeps) {
  /** What a link will do, for the confirm page; does nothing. An invalid token learns nothing. */
  return async (token: string): Promise<LinkDescription> => {
    // A spent or expired link reads nothing: 410 before any record is read
    const link = await verifyLinkToken(deps.linkKey, deps.clock, token, 'acknowledge-notice');
    if (await linkWasUsed(deps.db, link.hospitalId, link.nonce)) throw usedLink();
    const [notice, hospital] = await Promise.all([
      linkedNotice(deps, link),
      hospitalById(deps.db, link.hospitalId),
    ]);
    if (!hospital || hospital.deletedAt) throw invalidLink();
    if (notice.acknowledgedAt) throw usedLink();
    return {
      action: 'acknowledge-notice',
      hospitalName: hospital.name,
      notice: {
        title: notice.title,
        windowStart: notice.windowStart,
        windowEnd: notice.windowEnd,
        acknowledgedAt: notice.acknowledgedAt,
      },
      email: link.email,
      expiresAt: link.expiresAt,
    };
  };
}
