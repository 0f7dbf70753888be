/**
 * What "Chinese first" allows of Latin script in zh mode, shared by the build-time scan of texts
 * and sources (chinese-first.test.ts) and the browser suite's scan of every page it screenshots.
 */

/** Latin words a Chinese hospital's staff read as they are: products, formats, standards. */
export const acceptedWords = new Set(
  [
    'weibao',
    'SLA',
    'IT',
    'CPU',
    'CPOE',
    'HIS',
    'Excel',
    'WPS',
    'PDF',
    'DOCX',
    'XLSX',
    'ZIP',
    'JPG',
    'PNG',
    'JSON',
    'ics',
    'MB',
    'KB',
    'Cognito',
    'AWS',
    'SHA',
    'DMARC',
    'Webhook',
    'SEC',
    'Service',
    'Pack',
    // The language switch names the other language in it.
    'English',
    // Examples of the shape a field takes (报障邮箱 whzx, prefix WHZX).
    'whzx',
    'WHZX',
  ].map((w) => w.toLowerCase()),
);

/** The Latin words of a text that nobody reading Chinese would expect, URLs and paths aside. */
export function strayWords(text: string): string[] {
  const withoutAddresses = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/(^|[\s（(])\/[\w./-]+/g, ' ')
    .replace(/\S+@\S+/g, ' ');
  return (withoutAddresses.match(/[A-Za-z]{2,}/g) ?? []).filter(
    (w) => !acceptedWords.has(w.toLowerCase()),
  );
}
