/**
 * Money on the new-contract form: people type 元 with up to two decimals, the API takes integer
 * fen. Parsed from the text, never through a float, so 0.29 元 is 29 fen and not 28.
 */
export function fenOfYuan(text: string): number | null {
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/[,，\s]/g, ''));
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** Fen as the text the form shows in its 元 fields: 18800000 → "188000.00". */
export function yuanOfFen(fen: number): string {
  return `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

export interface SubsystemSum {
  /** The amounts that parse, added up in fen. */
  sumFen: number;
  /** sumFen − total: below zero the subsystems fall short of the total, above it they exceed it. */
  differenceFen: number;
  /** Every amount and the total parse and the amounts add up to the total exactly. */
  addsUp: boolean;
}

/**
 * The live check of the subsystem amounts against the total. The API refuses amounts adding up to
 * more than the total (terms.subsystems); the form asks for the exact total, as the issue asks,
 * so no part of the contract sum is left outside every subsystem (deductions are taken from a
 * subsystem's amount).
 */
export function subsystemSum(totalText: string, amountTexts: readonly string[]): SubsystemSum {
  const total = fenOfYuan(totalText);
  const amounts = amountTexts.map(fenOfYuan);
  const sumFen = amounts.reduce<number>((s, a) => s + (a ?? 0), 0);
  const differenceFen = sumFen - (total ?? 0);
  const allParse = total !== null && amounts.every((a) => a !== null);
  return { sumFen, differenceFen, addsUp: allParse && differenceFen === 0 };
}
