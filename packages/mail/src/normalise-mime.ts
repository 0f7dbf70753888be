import { canonicalCharset, decodeBytes, decodeLenientUtf8, decodeUnlabelled } from './charset.ts';
import { normaliseHeaderValue } from './header-text.ts';

/**
 * Rewrites a raw message, before mailparser reads it, where mailparser would misread what the
 * sender meant: header text in raw 8-bit bytes or in encoded words of GB2312-labelled GB18030,
 * Shift_JIS under an ISO-2022-JP label, UTF-7 (mailparser refuses UTF-7); RFC 2231 parameters in a
 * GB charset (mailparser reads them as GBK); and text parts in UTF-7. Every header block of the
 * MIME tree is visited, so attachment filenames get the same treatment as the subject. Bytes that
 * need no change stay byte for byte as they were: attachments are never touched.
 */
export function normaliseMime(raw: Buffer): Buffer {
  const source = raw.toString('latin1');
  const declared = [
    ...new Set([...source.matchAll(/charset\s*=\s*"?([\w.:+-]+)/gi)].map((m) => m[1] as string)),
  ];
  const edits: Edit[] = [];
  visitEntity(source, 0, source.length, declared, 0, edits);
  if (edits.length === 0) return raw;
  const chunks: Buffer[] = [];
  let cursor = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    chunks.push(raw.subarray(cursor, edit.start), edit.replacement);
    cursor = edit.end;
  }
  chunks.push(raw.subarray(cursor));
  return Buffer.concat(chunks);
}

interface Edit {
  start: number;
  end: number;
  replacement: Buffer;
}

interface Field {
  start: number;
  end: number;
  /** The field name, e.g. `Subject`. */
  name: string;
  /** The field as written up to and including its colon, e.g. `Subject :`. */
  prefix: string;
  value: string;
}

/** Structured fields whose text is never shown and that may hold `=?` by chance. */
const UNTOUCHED =
  /^(received|dkim-signature|arc-.*|authentication-results|message-id|references|in-reply-to|return-path|content-transfer-encoding)$/i;

// Deep nesting is a sign of a hostile message; below this depth parts are left to mailparser
const MAX_DEPTH = 30;

function visitEntity(
  source: string,
  start: number,
  end: number,
  hints: readonly string[],
  depth: number,
  edits: Edit[],
): void {
  const { fields, bodyStart } = readHeader(source, start, end);
  // The part's own charset is the best guess for raw 8-bit bytes in its header (a filename)
  const ownType = fields.find((field) => field.name.toLowerCase() === 'content-type')?.value ?? '';
  const ownCharset = parameter(ownType, 'charset');
  const headerHints = ownCharset ? [ownCharset, ...hints] : hints;
  const values = new Map<string, string>();
  const rewritten = new Map<Field, string>();
  for (const field of fields) {
    const key = field.name.toLowerCase();
    let value = field.value;
    if (!UNTOUCHED.test(field.name)) {
      const normalised = normaliseHeaderValue(value, headerHints);
      if (normalised !== null) value = normalised;
      if (key === 'content-type' || key === 'content-disposition') {
        value = value.replace(/(\*\s*=\s*"?)([\w.:+-]+)'/g, (whole, lead: string, label: string) =>
          canonicalCharset(label) === 'gb18030' ? `${lead}gb18030'` : whole,
        );
      }
      if (value !== field.value) rewritten.set(field, value);
    }
    if (!values.has(key)) values.set(key, value);
  }

  const contentType = values.get('content-type') ?? '';
  const mimeType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const charset = parameter(contentType, 'charset');
  const transferEncoding = (values.get('content-transfer-encoding') ?? '7bit').trim().toLowerCase();
  const entityHints = charset ? [charset, ...hints.filter((hint) => hint !== charset)] : hints;

  if (mimeType === '' || mimeType.startsWith('text/')) {
    const decoded = textToTranscode(
      decodeTransfer(source.slice(bodyStart, end), transferEncoding),
      charset,
      entityHints,
    );
    if (decoded !== null) {
      transcodeText(decoded, source, fields, rewritten, bodyStart, end, edits);
      return;
    }
  }
  for (const [field, value] of rewritten) {
    edits.push({
      start: field.start,
      end: field.end,
      replacement: Buffer.from(`${field.prefix}${value.replace(/[\r\n]/g, '')}`, 'utf8'),
    });
  }
  if (depth >= MAX_DEPTH) return;

  const boundary = parameter(contentType, 'boundary');
  if (mimeType.startsWith('multipart/') && boundary) {
    for (const [partStart, partEnd] of multipartParts(source, bodyStart, end, boundary)) {
      visitEntity(source, partStart, partEnd, entityHints, depth + 1, edits);
    }
  } else if (
    (mimeType === 'message/rfc822' || mimeType === 'message/global') &&
    ['7bit', '8bit', 'binary'].includes(transferEncoding)
  ) {
    visitEntity(source, bodyStart, end, hints, depth + 1, edits);
  }
}

function readHeader(
  source: string,
  start: number,
  end: number,
): { fields: Field[]; bodyStart: number } {
  const fields: Field[] = [];
  let bodyStart = end;
  let position = start;
  let current: Field | null = null;
  while (position < end) {
    const newline = source.indexOf('\n', position);
    const lineEnd = newline === -1 || newline >= end ? end : newline;
    const contentEnd = lineEnd > position && source[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    const next = lineEnd < end ? lineEnd + 1 : end;
    if (contentEnd === position) {
      bodyStart = next;
      break;
    }
    const first = source[position];
    if ((first === ' ' || first === '\t') && current) {
      current.end = contentEnd;
    } else {
      const match = /^([\x21-\x39\x3b-\x7e]+)[ \t]*:/.exec(source.slice(position, contentEnd));
      current = match
        ? { start: position, end: contentEnd, name: match[1] ?? '', prefix: match[0], value: '' }
        : null;
      if (current) fields.push(current);
    }
    position = next;
  }
  // Values are cut once at the end: a field folded over many lines is not copied per line
  for (const field of fields)
    field.value = source.slice(field.start + field.prefix.length, field.end);
  return { fields, bodyStart };
}

/** One parameter of a structured header value such as Content-Type, unquoted. */
export function parameter(value: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  if (!match) return null;
  return (match[1] ?? match[2] ?? '').trim() || null;
}

/** The [start, end) ranges of the body parts between the boundary delimiter lines. */
function multipartParts(
  source: string,
  start: number,
  end: number,
  boundary: string,
): Array<[number, number]> {
  const delimiter = `--${boundary}`;
  const parts: Array<[number, number]> = [];
  let partStart: number | null = null;
  let search = start;
  while (search < end) {
    const found = source.indexOf(delimiter, search);
    if (found === -1 || found >= end) break;
    search = found + delimiter.length;
    if (found !== start && source[found - 1] !== '\n') continue;
    const lineEnd = source.indexOf('\n', found);
    const rest = source.slice(found + delimiter.length, lineEnd === -1 ? end : lineEnd);
    const closing = rest.startsWith('--');
    if (!/^(--)?[ \t\r]*$/.test(rest)) continue;
    if (partStart !== null) {
      // The line break before a delimiter belongs to the delimiter (RFC 2046 5.1.1)
      let partEnd = found - 1;
      if (source[partEnd - 1] === '\r') partEnd -= 1;
      parts.push([partStart, Math.max(partStart, partEnd)]);
    }
    if (closing) break;
    partStart = lineEnd === -1 ? end : lineEnd + 1;
    search = partStart;
  }
  return parts;
}

function decodeTransfer(body: string, transferEncoding: string): Buffer {
  if (transferEncoding === 'base64')
    return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (transferEncoding === 'quoted-printable') {
    const text = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(text, 'latin1');
  }
  return Buffer.from(body, 'latin1');
}

/**
 * The text of a text part that mailparser would misread, or null when it reads it right:
 * UTF-7 (mailparser refuses it, because `+ADw-script+AD4-` decodes to `<script>` past filters
 * that look for `<`; we sanitise the decoded HTML like any other, so the refusal would only cost
 * us the text); 8-bit bytes with no charset or a US-ASCII one (mailparser reads them as UTF-8,
 * a Chinese server means GBK); bytes labelled UTF-8 that are not (GBK again, or a stray Latin-1
 * byte in otherwise UTF-8 text, which mailparser turns into U+FFFD).
 */
function textToTranscode(
  bytes: Buffer,
  label: string | null,
  hints: readonly string[],
): string | null {
  const charset = label ? canonicalCharset(label) : null;
  if (charset === 'utf7') return decodeBytes(bytes, 'utf-7');
  if (bytes.every((byte) => byte < 0x80)) return null;
  if (charset === null || /^(us-)?ascii$/i.test(label ?? '')) return decodeUnlabelled(bytes, hints);
  if (charset === 'utf-8' || charset === 'utf8') {
    const text = decodeLenientUtf8(bytes);
    return text === bytes.toString('utf8') ? null : text;
  }
  return null;
}

/** Rewrites a text part as UTF-8 in base64, its Content-Type saying so. */
function transcodeText(
  text: string,
  source: string,
  fields: readonly Field[],
  rewritten: ReadonlyMap<Field, string>,
  bodyStart: number,
  end: number,
  edits: Edit[],
): void {
  const newline = source.slice(bodyStart - 2, bodyStart) === '\r\n' ? '\r\n' : '\n';
  const missing = new Set(['content-type', 'content-transfer-encoding']);
  for (const field of fields) {
    const key = field.name.toLowerCase();
    missing.delete(key);
    let value = (rewritten.get(field) ?? field.value).replace(/[\r\n]/g, '');
    if (key === 'content-type') {
      value = /charset\s*=/i.test(value)
        ? value.replace(/(charset\s*=\s*)"?[^";\s]*"?/i, '$1utf-8')
        : `${value}; charset=utf-8`;
    } else if (key === 'content-transfer-encoding') {
      value = ' base64';
    } else if (!rewritten.has(field)) {
      continue;
    }
    edits.push({
      start: field.start,
      end: field.end,
      replacement: Buffer.from(`${field.prefix}${value}`, 'utf8'),
    });
  }
  const encoded =
    Buffer.from(text, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? [];
  edits.push({ start: bodyStart, end, replacement: Buffer.from(encoded.join(newline), 'latin1') });
  const added = [
    missing.has('content-type') ? `Content-Type: text/plain; charset=utf-8${newline}` : '',
    missing.has('content-transfer-encoding') ? `Content-Transfer-Encoding: base64${newline}` : '',
  ].join('');
  // Added as the last fields, just before the blank line that ends the header
  const blankLine = bodyStart - newline.length;
  if (added !== '' && source.slice(blankLine, bodyStart) === newline) {
    edits.push({ start: blankLine, end: blankLine, replacement: Buffer.from(added, 'latin1') });
  }
}
