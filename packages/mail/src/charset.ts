import iconv from 'iconv-lite';

/**
 * The decoder we use for a charset label as mail servers write it. Chinese mail servers label
 * GBK and GB18030 text as GB2312 (a 1980 subset with 6,763 characters; names of patients and
 * doctors often use rarer ones), so every GB label is read as GB18030, its superset. Node's own
 * TextDecoder('gb2312') maps to ICU's GBK and drops GB18030 four-byte characters, hence iconv-lite.
 */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ...[
    'gb2312',
    'gb_2312',
    'gb_2312-80',
    'gbk',
    'x-gbk',
    'cp936',
    'ms936',
    'windows-936',
    'euc-cn',
    'x-euc-cn',
    'csgb2312',
    'csiso58gb231280',
    'iso-ir-58',
    'chinese',
    'gb18030',
  ].map((label): [string, string] => [label, 'gb18030']),
  // Big5-HKSCS is a superset of Big5 (Hong Kong characters, as in Taiwanese and HK clinics' mail)
  ...['big5', 'big-5', 'cn-big5', 'x-x-big5', 'csbig5', 'cp950', 'big5-hkscs', 'big5hkscs'].map(
    (label): [string, string] => [label, 'big5hkscs'],
  ),
  ...['utf-7', 'utf7', 'unicode-1-1-utf-7', 'csunicode11utf7'].map((label): [string, string] => [
    label,
    'utf7',
  ]),
  // Mail labelled Latin-1 or ASCII is in practice Windows-1252 (the WHATWG reading, as browsers do)
  ...['us-ascii', 'ascii', 'iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'l1', 'cp819'].map(
    (label): [string, string] => [label, 'windows-1252'],
  ),
  ['ks_c_5601-1987', 'cp949'],
  ['euc-kr', 'cp949'],
  ['shift-jis', 'cp932'],
  ['shift_jis', 'cp932'],
  ['sjis', 'cp932'],
  ['x-sjis', 'cp932'],
  ['ms_kanji', 'cp932'],
  ['windows-31j', 'cp932'],
  ['iso-2022-jp', 'iso-2022-jp'],
  ['csiso2022jp', 'iso-2022-jp'],
]);

/** The decoder name for a charset label (lower case, quotes and RFC 2231 language removed). */
export function canonicalCharset(label: string): string {
  const name = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .replace(/\*.*$/, '')
    .toLowerCase();
  return ALIASES.get(name) ?? name;
}

const UTF8 = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);

function isSevenBit(bytes: Uint8Array): boolean {
  return bytes.every((byte) => byte < 0x80);
}

/** Chinese text and its punctuation: what a hospital's UTF-8 mail holds beyond ASCII. */
const CJK_TEXT =
  /^[\t\n\r\u0020-\u007e\u00b7\u00d7\u00f7\u2000-\u206f\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]*$/u;

/**
 * UTF-8 bytes under a Chinese legacy label (a client that says GB2312 but sends UTF-8): the bytes
 * are strictly valid UTF-8 and read as Chinese text. GB or Big5 text almost never passes both,
 * since its two-byte characters rarely line up as UTF-8 sequences and, when a few do, they read
 * as Latin or Cyrillic letters, not as Chinese.
 */
function mislabelledUtf8(bytes: Uint8Array): string | null {
  if (isSevenBit(bytes)) return null;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return CJK_TEXT.test(text) ? text : null;
  } catch {
    return null;
  }
}

/**
 * Decodes bytes in a charset given by its label. Unknown labels fall back to UTF-8, so this never
 * throws. GB and Big5 labels on bytes that are Chinese UTF-8 are read as UTF-8. ISO-2022-JP is a 7-bit charset: bytes above 0x7F mean the sender wrote Shift_JIS under
 * that label (old Japanese webmail does), so those are read as Shift_JIS.
 */
export function decodeBytes(bytes: Uint8Array, label: string): string {
  const charset = canonicalCharset(label);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (UTF8.has(charset)) return buffer.toString('utf8');
  if (charset === 'iso-2022-jp') {
    if (!isSevenBit(bytes)) return iconv.decode(buffer, 'cp932');
    return new TextDecoder('iso-2022-jp').decode(bytes);
  }
  if (charset === 'gb18030' || charset === 'big5hkscs') {
    const utf8 = mislabelledUtf8(bytes);
    if (utf8 !== null) return utf8;
  }
  if (iconv.encodingExists(charset)) return iconv.decode(buffer, charset);
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return buffer.toString('utf8');
  }
}

/** True when the bytes read cleanly in the charset: no replacement character appears. */
function decodesCleanly(bytes: Uint8Array, label: string): string | null {
  if (UTF8.has(canonicalCharset(label))) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  }
  const text = decodeBytes(bytes, label);
  return text.includes('\uFFFD') ? null : text;
}

/**
 * Decodes text whose charset is unknown or untrustworthy (raw 8-bit header bytes, an encoded word
 * whose bytes do not fit its label): the first of UTF-8, the given hints (the charsets the message
 * declares), GB18030 and Big5 that reads the bytes without an error wins. GB18030 comes before
 * Big5 because our senders are mainland hospitals; last resort is the first hint, lossy.
 */
export function decodeUnlabelled(bytes: Uint8Array, hints: readonly string[]): string {
  if (isSevenBit(bytes)) return Buffer.from(bytes).toString('latin1');
  const declared = declaredOverUtf8(bytes, hints);
  if (declared !== null) return declared;
  const candidates = ['utf-8', ...hints.flatMap(withEightBitSiblings), 'gb18030', 'big5hkscs'];
  for (const candidate of candidates) {
    const text = decodesCleanly(bytes, candidate);
    if (text !== null) return text;
  }
  return decodeBytes(bytes, hints[0] ?? 'gb18030');
}

/** Letters a real UTF-8 text of two-byte sequences is made of: Latin with its accents. */
const LATIN_ONLY = /^[\u0020-\u024f\u1e00-\u1eff\s]*$/;
/** Han, CJK punctuation and full-width forms: what a Chinese charset's text is made of. */
const CHINESE = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/**
 * GB2312 and Big5 bytes with lead bytes C2–DF and trail bytes A1–BF are also valid two-byte UTF-8
 * sequences: `医院系统` in raw GB2312 reads as UTF-8 `ҽԺϵͳ`. When the bytes read cleanly both as
 * UTF-8 and as a Chinese charset the message declares, UTF-8 wins when it gives Latin text (an
 * accented name) or Chinese (real UTF-8 Chinese is three-byte); otherwise (Cyrillic, Armenian,
 * Greek, Hebrew letters in a row) the declared charset's Chinese is what the sender wrote. Null
 * when there is nothing to decide.
 */
function declaredOverUtf8(bytes: Uint8Array, hints: readonly string[]): string | null {
  const utf8 = decodesCleanly(bytes, 'utf-8');
  if (utf8 === null || LATIN_ONLY.test(utf8) || CHINESE.test(utf8)) return null;
  for (const hint of hints.flatMap(withEightBitSiblings)) {
    if (UTF8.has(canonicalCharset(hint))) continue;
    const text = decodesCleanly(bytes, hint);
    if (text !== null && CHINESE.test(text)) return text;
  }
  return null;
}

/**
 * A 7-bit charset label says nothing about 8-bit bytes (US-ASCII), or says which 8-bit charset a
 * careless sender meant (ISO-2022-JP: Shift_JIS or EUC-JP).
 */
function withEightBitSiblings(label: string): string[] {
  if (/^(us-)?ascii$/i.test(label.trim())) return [];
  if (canonicalCharset(label) === 'iso-2022-jp') return ['cp932', 'euc-jp'];
  return [label];
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Length of the UTF-8 sequence that starts at `index`, or 0 when none valid starts there. */
function utf8SequenceLength(bytes: Uint8Array, index: number): number {
  const lead = bytes[index] ?? 0;
  const length =
    lead < 0x80
      ? 1
      : lead >= 0xc2 && lead < 0xe0
        ? 2
        : lead >= 0xe0 && lead < 0xf0
          ? 3
          : lead >= 0xf0 && lead < 0xf5
            ? 4
            : 0;
  if (length === 0 || index + length > bytes.length) return 0;
  for (let next = index + 1; next < index + length; next += 1) {
    if (((bytes[next] ?? 0) & 0xc0) !== 0x80) return 0;
  }
  try {
    STRICT_UTF8.decode(bytes.subarray(index, index + length));
    return length;
  } catch {
    return 0;
  }
}

/**
 * Text labelled UTF-8 as it was meant: as UTF-8 when it is; as GB18030 when it reads cleanly so
 * (a Chinese system that labels GBK as UTF-8); otherwise UTF-8 with each stray byte read as
 * Windows-1252, where mailparser would put U+FFFD.
 */
export function decodeLenientUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const gb = decodesCleanly(bytes, 'gb18030');
    if (gb !== null) return gb;
  }
  let text = '';
  for (let index = 0; index < bytes.length;) {
    const length = utf8SequenceLength(bytes, index);
    if (length > 0) {
      text += Buffer.from(bytes.subarray(index, index + length)).toString('utf8');
      index += length;
    } else {
      text += decodeBytes(bytes.subarray(index, index + 1), 'windows-1252');
      index += 1;
    }
  }
  return text;
}
