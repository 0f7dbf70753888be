/**
 * What a person types as an amount of CNY, read as integer fen without a float: "1,234.5" →
 * 123450. Null when it is not an amount (more than two decimals, letters, negative).
 */
export function fenFromYuanText(text: string): number | null {
  const clean = text.trim().replace(/^¥/, '').replace(/,/g, '');
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(clean);
  if (!match) return null;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}
