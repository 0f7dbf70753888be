/**
 * Basis points in a whole: 10000 bp = 100%. Its own file, free of zod, so the SPA can bundle the
 * rating rules that use it (money.ts carries the zod schemas).
 */
export const wholeBp = 10_000;
