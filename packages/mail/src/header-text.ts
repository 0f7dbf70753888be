import { canonicalCharset, decodeBytes, decodeUnlabelled } from './charset.ts';

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

interface EncodedWord {
  start: number;
  end: number;
  charset: string;
  bytes: Buffer;
}

function wordBytes(encoding: string, text: string): Buffer {
  if (encoding.toUpperCase() === 'B') return Buffer.from(text, 'base64');
  const bytes = text
    .replace(/_/g, ' ')
    .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1');
}

function decodeLabelled(bytes: Buffer, label: string, hints: readonly string[]): string {
  const text = decodeBytes(bytes, label);
  if (!text.includes('\uFFFD')) return text;
  return decodeUnlabelled(bytes, [label, ...hints]);
}

/**
 * Reads one header value as its sender meant it and writes it back as UTF-8 that mailparser reads
 * the same way: raw 8-bit text (RFC 6532 or careless clients) is decoded by `decodeUnlabelled`,
 * and each run of RFC 2047 encoded words becomes one UTF-8 encoded word, so that address parsing
 * still sees an atom. Adjacent words in one charset are joined before decoding, because Chinese
 * clients split a GBK character across two base64 words. `value` holds one byte per character.
 * Returns null when the value holds nothing to rewrite.
 */
export function normaliseHeaderValue(value: string, hints: readonly string[]): string | null {
  const hasEightBit = /[\x80-\xff]/.test(value);
  if (!hasEightBit && !value.includes('=?')) return null;
  const unfolded = value.replace(/\r?\n(?=[ \t])/g, '');
  const words: EncodedWord[] = [];
  for (const match of unfolded.matchAll(ENCODED_WORD)) {
    const [whole, charset = '', encoding = '', text = ''] = match;
    words.push({
      start: match.index,
      end: match.index + whole.length,
      charset,
      bytes: wordBytes(encoding, text),
    });
  }
  if (words.length === 0 && !hasEightBit) return null;

  const plain = (from: number, to: number): string =>
    decodeUnlabelled(Buffer.from(unfolded.slice(from, to), 'latin1'), hints);
  let out = '';
  let cursor = 0;
  let index = 0;
  while (index < words.length) {
    const first = words[index] as EncodedWord;
    out += plain(cursor, first.start);
    // A run: words separated only by whitespace, which RFC 2047 (6.2) says to drop
    let text = '';
    let sameCharset: Buffer[] = [first.bytes];
    let last = first;
    index += 1;
    for (; index < words.length; index += 1) {
      const next = words[index] as EncodedWord;
      if (!/^[ \t]*$/.test(unfolded.slice(last.end, next.start))) break;
      if (canonicalCharset(next.charset) === canonicalCharset(last.charset)) {
        sameCharset.push(next.bytes);
      } else {
        text += decodeLabelled(Buffer.concat(sameCharset), last.charset, hints);
        sameCharset = [next.bytes];
      }
      last = next;
    }
    text += decodeLabelled(Buffer.concat(sameCharset), last.charset, hints);
    out += `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
    cursor = last.end;
  }
  out += plain(cursor, unfolded.length);
  return out;
}
