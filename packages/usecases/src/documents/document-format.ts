import { formatFen, toEpochMs, type Rating, ratingNamesZh, ratings } from '@weibao/domain';

/** A blank to fill by hand on the printed sheet. */
export const blank = '____________';

/** Fen as people read it on a Chinese form: ¥1,880.00 (元). */
export function yuan(fen: number): string {
  return `¥${formatFen(fen)}`;
}

/** Basis points as a percentage: 100 → 1%, 250 → 2.5%. */
export function percent(bp: number): string {
  return `${(bp / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
}

/** 2026-04-01 → 2026年4月1日 */
export function dateZh(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const shanghaiOffsetMs = 8 * 3_600_000;

/** A UTC instant shown in Asia/Shanghai (fixed +08:00 since 1991): 2026-07-03 10:15（北京时间）. */
export function shanghaiTime(instant: string): string {
  const local = new Date(toEpochMs(instant) + shanghaiOffsetMs).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}（北京时间）`;
}

/** □优秀 ☑良好 □合格 □不合格: the seed's rating boxes, the chosen one ticked; none ticked while unrated. */
export function ratingBoxes(chosen: Rating | null): string {
  return ratings.map((r) => `${r === chosen ? '☑' : '□'}${ratingNamesZh[r]}`).join(' ');
}

/** □正常 ☑异常 and the like: any labelled choice with the chosen one ticked. */
export function choiceBoxes<T extends string>(
  options: readonly T[],
  names: Record<T, string>,
  chosen: T | null,
): string {
  return options.map((o) => `${o === chosen ? '☑' : '□'}${names[o]}`).join(' ');
}
