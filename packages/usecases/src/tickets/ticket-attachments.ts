import { isVendorRole, maxProofBytes, proofContentTypes } from '@weibao/domain';
import { eventsOfTicket, ticketById } from '@weibao/store';
import { AppError, notFound } from '../errors.ts';
import { extensionOfName, isIssuedKey, issueKey } from '../files/issued-keys.ts';
import { requireHospital } from '../hospitals/hospital-use-cases.ts';
import { presignedUpload } from '../files/presigned-upload.ts';
import type { Actor, FileDeps, FileStore } from '../ports.ts';

/**
 * A file on a ticket's timeline as the event records it: a mail's attachment or a report's upload
 * alike, so the ticket page shows both the same way.
 */
export interface TicketAttachment {
  filename: string;
  contentType: string;
  size: number;
  key: string;
  inline: boolean;
  contentId: string | null;
}

/** Where a hospital's report uploads go: under the hospital, so a key names its tenant. */
export const ticketUploadFolder = (hospitalId: string) =>
  `hospitals/${hospitalId}/tickets/uploads/`;

export function makeRequestTicketUpload(deps: FileDeps) {
  /**
   * A presigned PUT for one file of a fault report, after the route's schema allowed its declared
   * name, type and size (the bounds of proof uploads). Nothing is written: the report names the key
   * and is checked then (attachmentsOnRecord).
   */
  return async (
    hospitalId: string,
    input: { filename: string; contentType: string; sizeBytes: number },
  ) => {
    await requireHospital(deps, hospitalId);
    const key = issueKey(ticketUploadFolder(hospitalId), deps.ids.next(), input.filename);
    return { key, ...(await presignedUpload(deps, key, input)) };
  };
}

/**
 * The files a report names, as the bucket has them: each key exactly one issued for this
 * hospital's reports (no other hospital's, no forged or repeated one), uploaded, and within the
 * bounds of an upload (type and size as S3 stored them). A file outside them is deleted. Refusals
 * name the entry: `attachments.N`.
 */
export async function attachmentsOnRecord(
  files: FileStore | undefined,
  hospitalId: string,
  given: readonly { key: string; filename: string }[] | undefined,
): Promise<TicketAttachment[]> {
  if (!given?.length) return [];
  if (!files) throw new Error('the files bucket is not available to this function');
  const out: TicketAttachment[] = [];
  for (const [i, a] of given.entries()) {
    const where = { path: `attachments.${i}` };
    if (
      !isIssuedKey(a.key, ticketUploadFolder(hospitalId)) ||
      given.findIndex((b) => b.key === a.key) !== i ||
      extensionOfName(a.filename) !== extensionOfName(a.key)
    )
      throw new AppError('invalid', '该附件不是为本医院的报障上传的', where);
    const found = await files.head(a.key);
    if (!found) throw new AppError('invalid', '附件尚未上传完成，请重新上传', where);
    const type = (found.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (
      found.sizeBytes > maxProofBytes ||
      !(proofContentTypes as readonly string[]).includes(type)
    ) {
      await files.delete(a.key);
      throw new AppError(
        'invalid',
        `附件须为 PDF、JPG、PNG、Word、Excel 或 ZIP 文件，且不超过 ${maxProofBytes / 1024 / 1024} MB；请重新上传`,
        where,
      );
    }
    out.push({
      filename: a.filename,
      contentType: type,
      size: found.sizeBytes,
      key: a.key,
      inline: false,
      contentId: null,
    });
  }
  return out;
}

/** How long a download link of a ticket's file works. */
const downloadUrlSeconds = 5 * 60;

export function makeGetTicketAttachment(deps: FileDeps) {
  /**
   * A download link for a file the ticket's timeline names (an event the actor may see): the key is
   * looked up in the server's record, never taken on the client's word.
   */
  return async (actor: Actor, hospitalId: string, ticketId: string, key: string) => {
    const ticket = await ticketById(deps.db, hospitalId, ticketId);
    if (!ticket || ticket.deletedAt) throw notFound('the ticket');
    const events = await eventsOfTicket(deps.db, hospitalId, ticketId);
    const file = events
      .filter((e) => e.visibility === 'public' || isVendorRole(actor.role))
      .flatMap((e) => (Array.isArray(e.data.attachments) ? e.data.attachments : []))
      .find((a): a is TicketAttachment => (a as Partial<TicketAttachment>).key === key);
    if (!file) throw new AppError('not-found', '该工单没有这个附件', { path: 'key' });
    return {
      url: await deps.files.presignGet(file.key, file.filename, downloadUrlSeconds),
      expiresAt: new Date(deps.clock.now().getTime() + downloadUrlSeconds * 1000).toISOString(),
    };
  };
}
