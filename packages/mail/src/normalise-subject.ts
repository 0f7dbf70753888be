/**
 * One reply or forward prefix: English, Chinese (mainland and Taiwan clients), German (AW, WG)
 * and Nordic (SV, VS) Outlook, with an optional counter (`Re[2]:`, `RE(3):`), a half- or
 * full-width colon, and any spaces around (including the full-width space U+3000).
 */
const PREFIX =
  /^[\s\u3000]*(?:re|fw|fwd|aw|wg|sv|vs|antw|回复|回覆|答复|答覆|转发|轉寄|转寄)[\s\u3000]*(?:\[\d+\]|\(\d+\))?[\s\u3000]*[:：][\s\u3000]*/i;

/** A subject without its stack of reply and forward prefixes, for matching a thread by subject. */
export function normaliseSubject(subject: string): string {
  let rest = subject;
  for (let match = PREFIX.exec(rest); match && match[0] !== ''; match = PREFIX.exec(rest)) {
    rest = rest.slice(match[0].length);
  }
  return rest.trim();
}
