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
 *
 * Some clients forward a message with one line of their own before its header
 * (`---- Original email message ----`): when every line after that one is a header field or its
 * continuation and at least two of them are From, To, Subject, Date or Message-ID, the message
 * starts on the second line.
 *
 * Returns the offset at which the message starts (0, or after that one leading line); throws
 * NotAMessageError with the reason.
 */
export function messageStart(raw: Uint8Array): number {
  if (raw.length === 0) throw new NotAMessageError('the file is empty');
  const head = Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.byteLength, 1 << 20));
  const text = head.toString('latin1');
  const blank = /\r?\n\r?\n/.exec(text);
  const headerBlock = blank ? text.slice(0, blank.index) : text;
  const lines = headerBlock.split(/\r?\n/);
  if (MBOX_SEPARATOR.test(lines[0] ?? '')) lines.shift();
  if (!FIELD.test(lines[0] ?? '')) {
    const afterLeadingLine = /\r?\n/.exec(text);
    if (afterLeadingLine && isHeaderBlockAfterOneLine(lines)) {
      return afterLeadingLine.index + afterLeadingLine[0].length;
    }
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
  return 0;
}

/** The lines after the first are a whole header block naming at least two identifying fields. */
function isHeaderBlockAfterOneLine(lines: readonly string[]): boolean {
  const [first = '', ...rest] = lines;
  if (first.trim() === '' || rest.length < 2 || !FIELD.test(rest[0] ?? '')) return false;
  if (!rest.every((line) => FIELD.test(line) || /^[ \t]/.test(line))) return false;
  const identifying = new Set(
    rest
      .map((line) => FIELD.exec(line)?.[1]?.toLowerCase() ?? '')
      .filter((name) => IDENTIFYING_FIELDS.test(name)),
  );
  return identifying.size >= 2;
}

/** Throws NotAMessageError when the bytes are not a message (see messageStart). */
export function assertMessage(raw: Uint8Array): void {
  messageStart(raw);
}
