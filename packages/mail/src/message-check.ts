/** Why a mail cannot be read, in one line for an operator: the intake quarantines it with this. */
export class UnreadableMailError extends Error {
  override readonly name: string = 'UnreadableMailError';
}

/** The bytes are not an email message at all (see assertMessage). */
export class NotAMessageError extends UnreadableMailError {
  override readonly name = 'NotAMessageError';
}

const IDENTIFYING_FIELDS = /^(from|to|subject|date|message-id)$/i;
const FIELD = /^([\x21-\x39\x3b-\x7e]+)[ \t]*:/;
const MBOX_SEPARATOR = /^From \S/;

/**
 * What counts as a message (RFC 5322): the bytes begin with a header block (after an optional
 * mbox `From ` separator line), which is every line up to the first empty line or the end; its
 * first line is a header field (`Name: value`, the name printable ASCII without a colon); and it
 * holds at least one of From, To, Subject, Date, Message-ID. An empty file, an image, random
 * binary or a text without a header block fails; broken bytes inside a real header do not.
 * Throws NotAMessageError with the reason.
 */
export function assertMessage(raw: Uint8Array): void {
  if (raw.length === 0) throw new NotAMessageError('the file is empty');
  const head = Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.byteLength, 1 << 20));
  const text = head.toString('latin1');
  const blank = /\r?\n\r?\n/.exec(text);
  const headerBlock = blank ? text.slice(0, blank.index) : text;
  const lines = headerBlock.split(/\r?\n/);
  if (MBOX_SEPARATOR.test(lines[0] ?? '')) lines.shift();
  if (!FIELD.test(lines[0] ?? '')) {
    throw new NotAMessageError(
      'not a message: it does not begin with a header field (Name: value)',
    );
  }
  const names = lines.map((line) => FIELD.exec(line)?.[1] ?? '');
  if (!names.some((name) => IDENTIFYING_FIELDS.test(name))) {
    throw new NotAMessageError(
      'not a message: its header block has none of From, To, Subject, Date, Message-ID',
    );
  }
}
