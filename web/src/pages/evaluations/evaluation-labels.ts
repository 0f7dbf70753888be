import type { Evaluation } from '../../api/record-queries.ts';
import type { Messages } from '../../i18n/messages.ts';

export const statusColors: Record<Evaluation['status'], string> = {
  draft: 'default',
  rated: 'processing',
  signed: 'success',
};

/** 第2季度 or 年度, as people name a report. */
export function periodName(t: Messages, period: Pick<Evaluation['period'], 'kind' | 'index'>) {
  return period.kind === 'annual' ? t.evaluations.annual : t.evaluations.quarterN(period.index);
}

export function evaluationTitle(t: Messages, e: Pick<Evaluation, 'period'>) {
  return `${t.evaluations.reportTitle} · ${periodName(t, e.period)}`;
}
