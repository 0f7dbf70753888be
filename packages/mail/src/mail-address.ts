import { parseAddressHeader } from 'mailparser';

/** One mailbox of an address header. `name` is '' when the header gives none. */
export interface MailAddress {
  address: string;
  name: string;
}

/**
 * The mailboxes of one address header value (`From`, `Reply-To`, `To`…), in order. Differs from
 * mailparser's reading where that one invents or merges: `"a" <>, "b" <b@x>` stays two mailboxes
 * (mailparser merges them into one named "a, b"), `<power quadrant system@x>` keeps what is
 * between the angle brackets (mailparser makes it `system@x` and moves the rest into the name),
 * and the RFC 822 form `MAILER-DAEMON (Mail Delivery System)` is an address with a comment.
 */
export function mailboxesOf(value: string): MailAddress[] {
  return splitMailboxes(value).flatMap((piece): MailAddress[] => {
    const commented = /^\s*([^\s()<>@",;:]+(?:@[^\s()<>",;:]+)?)\s*\(([^()]*)\)\s*$/.exec(piece);
    if (commented) return [{ address: commented[1] ?? '', name: cleanName(commented[2] ?? '') }];
    const parsed = parseAddressHeader(piece, { flatten: true }).value;
    const angle = /^([^<]*)<([^<>]*)>\s*(?:\([^()]*\)\s*)?$/.exec(piece);
    if (angle && parsed.length <= 1) {
      const [, before = '', inside = ''] = angle;
      const name = parseAddressHeader(before, { flatten: true }).value[0]?.name ?? '';
      return [{ address: inside.trim().replace(/\s+/g, ' '), name: cleanName(name) }];
    }
    return parsed.map((entry) => ({
      address: (entry.address ?? '').trim(),
      name: cleanName(entry.name ?? ''),
    }));
  });
}

/** An address we can answer: something, an @, then a domain without spaces. */
export function isUsableAddress(address: string): boolean {
  return /^[^@<>\s][^@<>]*@[^@<>\s]+$/.test(address);
}

/**
 * Display names lose runs of ASCII whitespace and the quotes Outlook wraps them in. A full-width
 * space (U+3000) between Chinese given and family names is kept: it is part of the name.
 */
function cleanName(name: string): string {
  return name
    .replace(/[ \t\r\n]+/g, ' ')
    .trim()
    .replace(/^(["'])(.*)\1$/, '$2')
    .trim();
}

/** Splits at commas outside quoted strings, angle brackets and comments. */
function splitMailboxes(value: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  let angle = 0;
  let comment = 0;
  for (let index = 0; index < value.length; index += 1) {
    const char = value.charAt(index);
    if (quoted) {
      if (char === '\\') {
        current += char + value.charAt(index + 1);
        index += 1;
        continue;
      }
      if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === '<') angle += 1;
    else if (char === '>') angle = Math.max(0, angle - 1);
    else if (char === '(') comment += 1;
    else if (char === ')') comment = Math.max(0, comment - 1);
    else if ((char === ',' || char === ';') && angle === 0 && comment === 0) {
      pieces.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  pieces.push(current);
  return pieces.filter((piece) => piece.trim() !== '');
}
