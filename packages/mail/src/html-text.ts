/** Elements that start and end a line of text. */
const BLOCK =
  /^(?:p|div|h[1-6]|ul|ol|li|dl|dt|dd|table|thead|tbody|tfoot|tr|caption|blockquote|pre|hr|address|article|aside|footer|header|section|main|nav|figure|figcaption|center|hgroup)$/;

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X'
          ? parseInt(name.slice(2), 16)
          : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Readable text of HTML that sanitiseHtml produced (well-formed, lower-case tags, text escaped),
 * for messages without a text part. Blocks and `<br>` break lines, table cells are separated by
 * a space, list items start with "- ", and `<blockquote>` lines start with "> " per level, so that
 * quoted history in HTML replies is recognised in the text as in plain-text replies.
 */
export function textFromHtml(safeHtml: string): string {
  const lines: string[] = [];
  let line = '';
  let quoteDepth = 0;
  let preDepth = 0;
  const breakLine = (): void => {
    const content = preDepth > 0 ? line : line.replace(/[ \t]+/g, ' ').trim();
    lines.push(`${'> '.repeat(quoteDepth)}${content}`.trimEnd());
    line = '';
  };
  for (const token of safeHtml.matchAll(/<(\/?)([a-z][a-z0-9]*)\b[^>]*>|([^<]+)/gi)) {
    const [, closing, tagName, text] = token;
    if (text !== undefined) {
      const decoded = decodeEntities(text).replace(/\u00a0/g, ' ');
      if (preDepth > 0) {
        const [first = '', ...rest] = decoded.split(/\r?\n/);
        line += first;
        for (const next of rest) {
          breakLine();
          line = next;
        }
      } else {
        line += decoded.replace(/\s+/g, ' ');
      }
      continue;
    }
    const tag = (tagName ?? '').toLowerCase();
    if (tag === 'br') {
      breakLine();
    } else if (tag === 'td' || tag === 'th') {
      line += ' ';
    } else if (BLOCK.test(tag)) {
      if (line.trim() !== '') breakLine();
      if (tag === 'blockquote') quoteDepth = Math.max(0, quoteDepth + (closing ? -1 : 1));
      if (tag === 'pre') preDepth = Math.max(0, preDepth + (closing ? -1 : 1));
      if (tag === 'li' && !closing) line = '- ';
      if (tag === 'p' && closing) lines.push('> '.repeat(quoteDepth).trimEnd());
    }
  }
  if (line.trim() !== '') breakLine();
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
