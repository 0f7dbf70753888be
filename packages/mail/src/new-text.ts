/**
 * Where the quoted history or the signature of a reply begins, by mail client style. Each is
 * tested against one line (trimmed, non-breaking spaces made plain); ATTRIBUTION also against a
 * line joined with the next, because clients wrap a long "On … wrote:" line.
 */
const SEPARATOR = [
  // Outlook, Exchange, Thunderbird forwards; Foxmail, QQ Mail and 网易 pad 原始邮件 with dashes
  /^-{2,}\s*(?:Original Message|Forwarded message|原始邮件|转发邮件|转发的邮件|邮件原件|Ursprüngliche Nachricht|Original Nachricht|Message d'origine)\s*-{2,}$/i,
];

/** Outlook on the web and new Outlook draw a rule of underscores above the header block. */
const RULE = /^_{10,}$/;

interface Attribution {
  /** The whole attribution, on one line or on two joined lines. */
  whole: RegExp;
  /** A line that may be the first of an attribution wrapped onto two lines. */
  start: RegExp;
}

const ATTRIBUTION: readonly Attribution[] = [
  { whole: /^On\b.{1,300}\bwrote:$/i, start: /^On\b/i },
  // Apple Mail and Outlook in Chinese: 在 2026年11月25日 10:00，张三 <a@b> 写道：
  { whole: /^在.{1,300}写道[：:]$/, start: /^在/ },
  // Gmail in Chinese: 张三 <a@b> 于2026年11月25日周三 10:00写道：
  { whole: /^.{1,300}于\s*\d{4}.{1,200}写道[：:]$/, start: /<[^<>]*$|于\s*\d{4}/ },
  { whole: /^Am\b.{1,300}\bschrieb\b.{0,300}:$/, start: /^Am\b/ },
  { whole: /^Le\b.{1,300}\ba écrit\s?:$/i, start: /^Le\b/ },
];

/** An attribution names a date or time, so a sentence like "他在邮件中写道：" is not one. */
function isAttribution(line: string, next: string): boolean {
  return ATTRIBUTION.some(
    ({ whole, start }) =>
      (whole.test(line) && /\d/.test(line)) ||
      (start.test(line) && whole.test(`${line} ${next}`) && /\d/.test(`${line} ${next}`)),
  );
}

/** First line of a quoted header block: 发件人: / From:, followed by 发送时间: / Sent: and the like. */
const HEADER_FROM = /^(?:\*\s*)?(?:发件人|寄件者|From|Von)\s*\*?\s*[:：]/i;
const HEADER_OTHER =
  /^(?:\*\s*)?(?:发送时间|发送日期|时间|日期|收件人|抄送|主题|寄件日期|收件者|主旨|Sent|Date|To|Cc|Subject|Gesendet|Datum|An|Betreff)\s*\*?\s*[:：]/i;

const SIGNATURE_DELIMITER = /^--\s?$/;

/** Signatures that phones and mail apps append, in English and Chinese. */
const MOBILE_SIGNATURE =
  /^(?:发自我的|来自我的|从我的\s*\S+\s*发送|发自\s*(?:网易邮箱|QQ邮箱|邮箱大师|Outlook|WPS)|Sent from my\b|Sent from (?:Mail|Outlook|Yahoo Mail) for\b|Get Outlook for\b|Von meinem \S+ gesendet)/i;

function isQuoted(line: string): boolean {
  return /^\s*>/.test(line);
}

function plain(line: string): string {
  return line.replace(/\u00a0/g, ' ').trim();
}

/** The index of the first line where history or signature starts, or lines.length. */
function historyStart(lines: readonly string[]): number {
  for (let index = 0; index < lines.length; index += 1) {
    const line = plain(lines[index] ?? '');
    if (line === '' || isQuoted(line)) continue;
    if (SEPARATOR.some((pattern) => pattern.test(line))) return index;
    if (RULE.test(line) && HEADER_FROM.test(plain(lines[index + 1] ?? ''))) return index;
    if (isAttribution(line, plain(lines[index + 1] ?? ''))) return index;
    if (SIGNATURE_DELIMITER.test(lines[index] ?? '')) return index;
    if (line.length <= 80 && MOBILE_SIGNATURE.test(line)) return index;
    if (HEADER_FROM.test(line)) {
      const following = lines.slice(index + 1, index + 6).map(plain);
      // Two more header lines, or one when the From line names an address (Lotus Notes omits
      // the colon after some of its labels)
      const needed = line.includes('@') ? 1 : 2;
      if (following.filter((next) => HEADER_OTHER.test(next)).length >= needed) return index;
    }
  }
  return lines.length;
}

function trimBlankEdges(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && plain(lines[start] ?? '') === '') start += 1;
  while (end > start && plain(lines[end - 1] ?? '') === '') end -= 1;
  return lines.slice(start, end);
}

/** Drops a block of '>' lines (and blanks) at the end: the history of a top-posted reply. */
function withoutTrailingQuote(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && (plain(lines[end - 1] ?? '') === '' || isQuoted(lines[end - 1] ?? ''))) {
    end -= 1;
  }
  return lines.slice(0, end);
}

/**
 * The part of a message its sender wrote now, without the quoted history and the signature.
 * Top-posted replies (the norm for Chinese and Outlook users) keep what is above the first
 * marker. A bottom-posted reply that starts with the attribution keeps the unquoted lines after
 * the quote. Quotes interleaved with answers stay, as the answers need them. When nothing is left
 * (a bare forward, a message that is all signature), the whole text is the new text, so a
 * forwarded fault report still reads as the report.
 */
export function newTextOf(fullText: string): string {
  const lines = fullText.replace(/\r\n?/g, '\n').split('\n');
  const cut = historyStart(lines);
  const before = trimBlankEdges(withoutTrailingQuote(lines.slice(0, cut)));
  if (before.length > 0) return before.join('\n');

  if (isAttribution(plain(lines[cut] ?? ''), plain(lines[cut + 1] ?? ''))) {
    const wrapped = !isAttribution(plain(lines[cut] ?? ''), '');
    let index = cut + (wrapped ? 2 : 1);
    while (
      index < lines.length &&
      (isQuoted(lines[index] ?? '') || plain(lines[index] ?? '') === '')
    ) {
      index += 1;
    }
    const rest = lines.slice(index);
    const after = trimBlankEdges(withoutTrailingQuote(rest.slice(0, historyStart(rest))));
    if (after.length > 0) return after.join('\n');
  }
  return trimBlankEdges(lines).join('\n');
}
