import { simpleParser, type AddressObject, type Attachment } from 'mailparser';
import { isAutomatic, type HeaderFields } from './automatic-mail.ts';
import { BodyDecoder } from './body-decoder.ts';
import { textFromHtml } from './html-text.ts';
import type { MailAddress } from './mail-address.ts';
import { mailDate } from './mail-date.ts';
import { messageStart, UnreadableMailError } from './message-check.ts';
import { newTextOf } from './new-text.ts';
import { normaliseMime } from './normalise-mime.ts';
import type { MailAttachment, ParsedMail } from './parsed-mail.ts';
import { proposedSeverity } from './proposed-severity.ts';
import { sanitiseHtml } from './sanitise-html.ts';
import { senderOf } from './sender.ts';
import { ticketRefFromSubject } from './ticket-ref.ts';

/**
 * Top-level header fields by lower-case name, values unfolded, in order of appearance. mailparser
 * keeps header lines one byte per character; after normaliseMime those bytes are UTF-8.
 */
function headerFields(
  lines: ReadonlyArray<{ key: string; line: string }>,
): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const { key, line } of lines) {
    const utf8 = /[\u0100-\uffff]/.test(line) ? line : Buffer.from(line, 'latin1').toString('utf8');
    const text = utf8.includes('\uFFFD') ? line : utf8;
    const value = text
      .slice(text.indexOf(':') + 1)
      .replace(/\r?\n(?=[ \t])/g, '')
      .trim();
    (fields[key.toLowerCase()] ??= []).push(value);
  }
  return fields;
}

function addresses(field: AddressObject | AddressObject[] | undefined): MailAddress[] {
  return [field ?? []]
    .flat()
    .flatMap((object) => object.value)
    .flatMap((entry) => (entry.group ? entry.group : [entry]))
    .filter((entry) => (entry.address ?? '') !== '')
    .map((entry) => ({
      address: (entry.address ?? '').trim(),
      name: (entry.name ?? '').replace(/[ \t\r\n]+/g, ' ').trim(),
    }));
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'message/rfc822': 'eml',
  'message/global': 'eml',
  'message/delivery-status': 'txt',
  'text/rfc822-headers': 'txt',
  'text/plain': 'txt',
  'image/jpeg': 'jpg',
};

/**
 * A file name, never a path: what follows the last slash or backslash, without control
 * characters, so that no one who saves the attachment under its name writes outside a folder.
 * A part without a name gets `attachment-N.ext`.
 */
function filenameOf(attachment: Attachment, index: number): string {
  const name = (attachment.filename ?? '')
    .replace(/\p{Cc}/gu, '')
    .split(/[/\\]/)
    .pop()
    ?.trim();
  if (name && name !== '.' && name !== '..') return name;
  const type = attachment.contentType.toLowerCase();
  const subtype = type.split('/')[1] ?? '';
  const extension = EXTENSIONS[type] ?? (/^[a-z0-9]{1,8}$/.test(subtype) ? subtype : 'bin');
  return `attachment-${index + 1}.${extension}`;
}

function attachmentOf(attachment: Attachment, index: number): MailAttachment {
  return {
    filename: filenameOf(attachment, index),
    contentType: attachment.contentType,
    size: attachment.size ?? attachment.content.length,
    contentId: attachment.cid ?? null,
    // Placed in the HTML by its Content-ID; an inline part without one is offered as a download
    inline:
      attachment.related === true ||
      (attachment.contentDisposition === 'inline' && !!attachment.cid),
    content: attachment.content,
  };
}

function plainText(text: string | undefined): string {
  return (text ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/^\n+|\s+$/g, '');
}

/**
 * Parses a raw message (RFC 5322 / MIME, as SES stores it) into what the intake needs. Throws
 * NotAMessageError when the bytes are not a message (see messageStart), UnreadableMailError
 * (its parent class) when a message exceeds mailparser's limits (header block over 1 MB, over
 * 1,000 parts); anything else a message may carry (any charset, broken headers, hostile HTML)
 * gives a result.
 */
export async function parseMail(input: Buffer): Promise<ParsedMail> {
  const start = messageStart(input);
  const raw = start === 0 ? input : input.subarray(start);
  const mail = await simpleParser(normaliseMime(raw), {
    Iconv: BodyDecoder,
    keepCidLinks: true,
    // A bounce's delivery-status part is for machines: an attachment, not part of the text
    keepDeliveryStatus: true,
    skipTextToHtml: true,
    // mailparser converts HTML to text only for some MIME layouts; we do it for every message
    // without a text part, from the sanitised HTML
    skipHtmlToText: true,
    skipTextLinks: true,
  }).catch((err: unknown) => {
    // mailparser's own limits: a header block over 1 MB, over 1,000 MIME parts
    throw new UnreadableMailError(
      `unreadable message: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  });
  const headers = headerFields(mail.headerLines);
  const from = senderOf(headers.from ?? [], headers['reply-to'] ?? []);
  const subject = mail.subject ?? null;
  const html = typeof mail.html === 'string' ? sanitiseHtml(mail.html) : null;
  const ownText = plainText(mail.text);
  const fullText = ownText === '' && html !== null ? textFromHtml(html) : ownText;
  const text = newTextOf(fullText);
  const automatic = isAutomatic(headers as HeaderFields, subject, from);
  return {
    messageId: mail.messageId ?? null,
    inReplyTo: mail.inReplyTo ?? null,
    references: [mail.references ?? []].flat(),
    from,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    subject,
    date: mailDate(headers.date?.[0]),
    text,
    fullText,
    html,
    attachments: mail.attachments.map(attachmentOf),
    autoReply: automatic.automatic,
    autoReplyReason: automatic.reason,
    ticketRef: ticketRefFromSubject(subject),
    // Machines do not report faults: no severity for auto-replies, bounces and list mail
    proposedSeverity: automatic.automatic ? null : proposedSeverity(subject, text),
  };
}
