import type { MailAddress } from './mail-address.ts';
import type { Severity } from './proposed-severity.ts';

/** An attachment or inline image, with its bytes for the intake to store. */
export interface MailAttachment {
  /** Decoded (RFC 2231 / RFC 2047, any charset); a generated name when the message gives none. */
  filename: string;
  contentType: string;
  /** Bytes after transfer decoding. */
  size: number;
  /** Without angle brackets, as `cid:` links in the HTML name it; null when the part has none. */
  contentId: string | null;
  /** Shown in the body (an inline image) rather than offered for download. */
  inline: boolean;
  content: Buffer;
}

/** A fault report or reply as the intake needs it. Field names are also the CLI's JSON. */
export interface ParsedMail {
  /** With angle brackets, as in the header: the idempotency key of the intake. */
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** The reporter: From, or Reply-To when From is missing or has no usable address. */
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  subject: string | null;
  /** The `Date` header in UTC (ISO 8601), as written; null when missing or unreadable. */
  date: string | null;
  /** What the sender wrote now, without quoted history and signature. */
  text: string;
  /** The whole text of the message (from the HTML when there is no text part). */
  fullText: string;
  /** Sanitised HTML, see sanitiseHtml; null when the message has no HTML part. */
  html: string | null;
  attachments: MailAttachment[];
  /** An auto-reply, out-of-office notice, bounce or list mail; see isAutomatic. */
  autoReply: boolean;
  /** Why autoReply is true, null when it is not. */
  autoReplyReason: string | null;
  ticketRef: string | null;
  proposedSeverity: Severity | null;
}
