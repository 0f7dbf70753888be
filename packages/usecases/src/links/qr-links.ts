import {
  hospitalById,
  qrLinkById,
  qrLinkUses,
  qrLinksOfHospital,
  recordQrLinkUse,
  countQrLinkPost,
  saveQrLink,
  type HospitalRecord,
  type QrLinkRecord,
} from '@weibao/store';
import { auditRecord } from '../audit-record.ts';
import { docxContentType } from '../documents/contract-documents.ts';
import { renderQrPoster } from '../documents/qr-poster.ts';
import { AppError, notFound } from '../errors.ts';
import { earlierResult, keyedItems, keyedRequest } from '../idempotency.ts';
import type { Actor, Deps, FileStore, LinkKey, TicketDeps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { makeCreateTicket } from '../tickets/create-ticket.ts';
import { campusOnRecord } from '../tickets/report-where.ts';
import { makeRequestTicketUpload } from '../tickets/ticket-attachments.ts';
import { applyVersionedChange } from '../versioned-change.ts';
import { whoOf } from '../who.ts';
import { invalidLink, mintLinkToken, verifyLinkToken } from './signed-link.ts';

const what = 'the QR link';

/** A poster hangs for years: its link works for two, then the IT center prints a new one. */
export const qrLinkLifetimeMs = 2 * 365 * 24 * 60 * 60 * 1000;
/** At most this many reports through one link in one window (a ward's real faults are fewer). */
export const qrReportsPerWindow = 10;
/** And this many photo uploads (three photos per report). */
export const qrUploadsPerWindow = 30;
export const qrRateWindowMs = 10 * 60 * 1000;

/** A hospital's 扫码报修 links as the IT center's list shows them. */
export interface QrLinkView {
  id: string;
  hospitalId: string;
  department: string;
  campus: string | null;
  url: string;
  expiresAt: string;
  revokedAt: string | null;
  useCount: number;
  lastUsedAt: string | null;
  version: number;
  createdAt: string;
}

export interface QrLinkDeps extends Deps {
  linkKey: LinkKey;
  /** `${WEB_ORIGIN}/r/<token>`: the mobile report form a poster's QR code opens. */
  qrLinkUrl(token: string): string;
}

function view(
  deps: Pick<QrLinkDeps, 'qrLinkUrl'>,
  q: QrLinkRecord,
  use?: { useCount: number; lastUsedAt: string | null },
): QrLinkView {
  return {
    id: q.id,
    hospitalId: q.hospitalId,
    department: q.department,
    campus: q.campus,
    url: deps.qrLinkUrl(q.token),
    expiresAt: q.validUntil,
    revokedAt: q.revokedAt,
    useCount: use?.useCount ?? 0,
    lastUsedAt: use?.lastUsedAt ?? null,
    version: q.version,
    createdAt: q.createdAt,
  };
}

/** Vendor staff for any hospital (the route's rule), a hospital's IT center for its own. */
function checkMayManage(actor: Actor, hospitalId: string): void {
  if (actor.role === 'hospital-it' && actor.hospitalId !== hospitalId)
    throw new AppError('forbidden', '只有本院信息中心和厂商人员可以管理报修二维码');
}

async function liveHospital(deps: Deps, hospitalId: string): Promise<HospitalRecord> {
  const h = await hospitalById(deps.db, hospitalId);
  if (!h || h.deletedAt) throw notFound('the hospital');
  return h;
}

export function makeListQrLinks(deps: QrLinkDeps) {
  /** Every QR link of the hospital, revoked ones too, each with how often it was used. */
  return async (hospitalId: string): Promise<QrLinkView[]> => {
    await liveHospital(deps, hospitalId);
    const [links, uses] = await Promise.all([
      qrLinksOfHospital(deps.db, hospitalId),
      qrLinkUses(deps.db, hospitalId),
    ]);
    return links
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((q) => view(deps, q, uses.get(q.id)));
  };
}

export function makeCreateQrLink(deps: QrLinkDeps) {
  /**
   * A QR link for one department (and campus): its record, and a signed link naming it that
   * works for two years. With an Idempotency-Key a retry answers the first link.
   */
  return async (
    actor: Actor,
    hospitalId: string,
    input: { department: string; campus?: string | undefined },
    idempotencyKey?: string,
  ): Promise<{ link: QrLinkView; created: boolean }> => {
    checkMayManage(actor, hospitalId);
    const hospital = await liveHospital(deps, hospitalId);
    const keyed = keyedRequest('qr-link.create', idempotencyKey, { hospitalId, input });
    const first = await earlierResult(deps.db, hospitalId, keyed);
    const earlier = first ? await qrLinkById(deps.db, hospitalId, first) : undefined;
    if (earlier) return { link: view(deps, earlier), created: false };
    const campus = campusOnRecord(hospital, input.campus);
    if (!campus && hospital.campuses.length > 0)
      throw new AppError('invalid', '请选择院区', { path: 'campus' });
    const now = deps.clock.now();
    const at = now.toISOString();
    const id = deps.ids.next();
    const expiresAt = new Date(now.getTime() + qrLinkLifetimeMs).toISOString();
    const { token } = await mintLinkToken(deps.linkKey, {
      hospitalId,
      action: 'report-by-qr',
      objectId: id,
      email: '',
      expiresAt,
    });
    const link: QrLinkRecord = {
      id,
      hospitalId,
      department: input.department.trim(),
      campus,
      token,
      validUntil: expiresAt,
      createdBy: whoOf(actor),
      revokedAt: null,
      revokedBy: null,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const audit = auditRecord(
      deps,
      actor,
      at,
      hospitalId,
      'qr-link.create',
      { type: 'qr-link', id },
      null,
      { ...link, token: '(signed link)' },
    );
    await mapStoreErrors(what, () =>
      saveQrLink(
        deps.db,
        link,
        { kind: 'create' },
        audit,
        keyedItems(hospitalId, keyed, id, now.getTime()),
      ),
    );
    return { link: view(deps, link), created: true };
  };
}

export function makeRevokeQrLink(deps: QrLinkDeps) {
  /** Stops a QR link (version-checked, audited): its poster's form and posts answer 410 from now on. */
  return async (
    actor: Actor,
    hospitalId: string,
    linkId: string,
    version: number,
  ): Promise<QrLinkView> => {
    checkMayManage(actor, hospitalId);
    const before = await qrLinkById(deps.db, hospitalId, linkId);
    if (!before) throw notFound(what);
    // A retry of the revoke that stopped it (same version read, the answer lost): its result.
    if (before.revokedAt && before.version === version + 1)
      return view(deps, before, (await qrLinkUses(deps.db, hospitalId)).get(linkId));
    if (before.revokedAt)
      throw new AppError('conflict', '该报修二维码已停用', {
        path: 'version',
        currentVersion: before.version,
      });
    const after = await applyVersionedChange(deps, actor, {
      what,
      hospitalId,
      entity: { type: 'qr-link', id: linkId },
      action: 'qr-link.revoke',
      before,
      expectedVersion: version,
      change: (b, at) => ({ ...b, revokedAt: at, revokedBy: whoOf(actor) }),
      save: (a, expectedVersion, audit) =>
        saveQrLink(
          deps.db,
          a,
          { kind: 'update', expectedVersion },
          {
            ...audit,
            before: { ...before, token: '(signed link)' },
            after: { ...a, token: '(signed link)' },
          },
        ),
    });
    const uses = await qrLinkUses(deps.db, hospitalId);
    return view(deps, after, uses.get(linkId));
  };
}

export function makeQrLinkPoster(deps: QrLinkDeps) {
  /**
   * The poster of a QR link as DOCX, to print for the ward's wall. A revoked link has no poster:
   * printing it would hang a code that only answers 已停用.
   */
  return async (hospitalId: string, linkId: string) => {
    const hospital = await liveHospital(deps, hospitalId);
    const link = await qrLinkById(deps.db, hospitalId, linkId);
    if (!link) throw notFound(what);
    if (link.revokedAt)
      throw new AppError('conflict', '该报修二维码已停用，不能再打印', {
        path: 'version',
        currentVersion: link.version,
      });
    const bytes = await renderQrPoster({
      hospitalName: hospital.name,
      department: link.department,
      campus: link.campus,
      url: deps.qrLinkUrl(link.token),
    });
    return {
      fileName: `${hospital.name}-${[link.campus, link.department].filter(Boolean).join('-')}-扫码报修.docx`,
      asciiFileName: 'qr-poster.docx',
      contentType: docxContentType,
      bytes,
    };
  };
}

/** What a person who scanned the poster is told once the IT center stopped it. */
const revokedLink = () =>
  new AppError('gone', '该报修二维码已停用，请联系医院信息中心或拨打报修电话');

/**
 * The QR link a token names, as its record has it now: the token is only a pointer, the record
 * (not revoked, of a hospital still served) is what lets it act.
 */
async function liveQrLink(
  deps: Pick<QrLinkDeps, 'db' | 'clock' | 'linkKey'>,
  token: string,
): Promise<{ link: QrLinkRecord; hospital: HospitalRecord }> {
  const payload = await verifyLinkToken(deps.linkKey, deps.clock, token, 'report-by-qr');
  const link = await qrLinkById(deps.db, payload.hospitalId, payload.objectId);
  if (!link || link.token !== token) throw invalidLink();
  if (link.revokedAt) throw revokedLink();
  const hospital = await hospitalById(deps.db, link.hospitalId);
  if (!hospital || hospital.deletedAt) throw revokedLink();
  return { link, hospital };
}

/** Counts one post through the link; past the window's limit the post is refused (429). */
async function withinRate(
  deps: Pick<Deps, 'db' | 'clock'>,
  link: QrLinkRecord,
  kind: 'report' | 'upload',
): Promise<void> {
  const limit = kind === 'report' ? qrReportsPerWindow : qrUploadsPerWindow;
  const count = await countQrLinkPost(
    deps.db,
    link.hospitalId,
    link.id,
    kind,
    deps.clock.now().getTime(),
    qrRateWindowMs,
  );
  if (count > limit)
    throw new AppError(
      'too-many',
      '该二维码提交过于频繁，请 10 分钟后再试，紧急故障请直接电话报修',
    );
}

export interface QrLinkDescription {
  hospitalName: string;
  department: string;
  campus: string | null;
}

export function makeDescribeQrLink(deps: Pick<QrLinkDeps, 'db' | 'clock' | 'linkKey'>) {
  /** What the report form shows read-only: the hospital, department and campus of the poster. */
  return async (token: string): Promise<QrLinkDescription> => {
    const { link, hospital } = await liveQrLink(deps, token);
    return { hospitalName: hospital.name, department: link.department, campus: link.campus };
  };
}

export function makeRequestQrUpload(
  deps: Pick<QrLinkDeps, 'db' | 'clock' | 'ids' | 'linkKey'> & { files: FileStore },
) {
  /**
   * A presigned PUT for one photo of a report through a QR link: the same bounds and keys as a
   * signed-in report's uploads (under the link's hospital), counted against the link's rate.
   */
  return async (
    token: string,
    input: { filename: string; contentType: string; sizeBytes: number },
  ) => {
    const { link } = await liveQrLink(deps, token);
    await withinRate(deps, link, 'upload');
    return makeRequestTicketUpload(deps)(link.hospitalId, input);
  };
}

export interface QrReport {
  name: string;
  phone: string;
  description: string;
  attachments?: { key: string; filename: string }[] | undefined;
}

export function makeReportByQrLink(deps: TicketDeps & { linkKey: LinkKey }) {
  /**
   * A report from the ward through the poster's link: a fault ticket of the link's hospital,
   * department (as the place) and campus, channel 扫码报修, severity 一般 until the vendor triages
   * it. With an Idempotency-Key a retry answers the first ticket and is counted once.
   */
  return async (token: string, input: QrReport, idempotencyKey?: string) => {
    const { link } = await liveQrLink(deps, token);
    await withinRate(deps, link, 'report');
    const actor: Actor = {
      sub: `qr-link:${link.id}`,
      email: null,
      role: 'hospital-dept',
      hospitalId: link.hospitalId,
      name: input.name,
    };
    const firstLine = input.description.trim().split('\n')[0] ?? '';
    const opened = await makeCreateTicket(deps)(
      actor,
      link.hospitalId,
      {
        kind: 'fault',
        severity: 'minor',
        title: `${link.department}报修：${firstLine.slice(0, 60)}`,
        description: input.description,
        reporter: { name: input.name, phone: input.phone },
        contactPhone: input.phone,
        ...(link.campus ? { campus: link.campus } : {}),
        place: link.department,
        attachments: input.attachments,
      },
      idempotencyKey,
      'qr',
    );
    if (opened.created)
      await recordQrLinkUse(deps.db, link.hospitalId, link.id, opened.ticket.reportedAt);
    return opened;
  };
}
