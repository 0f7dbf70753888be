import { obligationKinds } from '@weibao/domain/obligations/obligation-kinds';
import type { Obligation } from '../../api/obligation-queries.ts';

const owners = ['service-manager', 'support-engineer'] as const;
const states = ['open', 'awaiting', 'done', 'overdue'] as const;
/** Every kind the calendar holds, in the contract's order, payments last. */
export const kindsInOrder = [...obligationKinds, 'payment'] as const;
const kinds = kindsInOrder;
const views = ['list', 'month'] as const;
const month = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * What the obligations calendar shows, as its address keeps it (`?state=overdue&view=month…`): by
 * owner, state and kind, as a list or a month. A value of another shape than the page writes is
 * ignored.
 */
export interface ObligationFilter {
  owner?: Obligation['owner'];
  state?: Obligation['state'];
  kind?: Obligation['kind'];
  view: 'list' | 'month';
  /** The month shown in the month view, YYYY-MM. */
  month?: string;
}

const oneOf = <T extends string>(allowed: readonly T[], value: string | null): T | undefined =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

export function filterFromParams(params: URLSearchParams): ObligationFilter {
  const out: ObligationFilter = { view: oneOf(views, params.get('view')) ?? 'list' };
  const owner = oneOf(owners, params.get('owner'));
  if (owner) out.owner = owner;
  const state = oneOf(states, params.get('state'));
  if (state) out.state = state;
  const kind = oneOf(kinds, params.get('kind'));
  if (kind) out.kind = kind;
  const m = params.get('month');
  if (m && month.test(m)) out.month = m;
  return out;
}

export function paramsOfFilter(f: ObligationFilter): URLSearchParams {
  const p = new URLSearchParams();
  if (f.owner) p.set('owner', f.owner);
  if (f.state) p.set('state', f.state);
  if (f.kind) p.set('kind', f.kind);
  if (f.view !== 'list') p.set('view', f.view);
  if (f.month) p.set('month', f.month);
  return p;
}

/** The day an obligation falls due: its working-day due date, or the estimate while a year is missing. */
export const dueDay = (o: Pick<Obligation, 'dueOn' | 'nominalDueOn'>) => o.dueOn ?? o.nominalDueOn;

export function filterObligations<T extends Pick<Obligation, 'owner' | 'state' | 'kind'>>(
  list: readonly T[],
  f: ObligationFilter,
): T[] {
  return list.filter(
    (o) =>
      (!f.owner || o.owner === f.owner) &&
      (!f.state || o.state === f.state) &&
      (!f.kind || o.kind === f.kind),
  );
}

/** The obligations of each day of a month (YYYY-MM), by due day. */
export function byDueDay<T extends Pick<Obligation, 'dueOn' | 'nominalDueOn'>>(
  list: readonly T[],
  ofMonth: string,
): Map<string, T[]> {
  const days = new Map<string, T[]>();
  for (const o of list) {
    const d = dueDay(o);
    if (!d.startsWith(`${ofMonth}-`)) continue;
    days.set(d, [...(days.get(d) ?? []), o]);
  }
  return days;
}

/**
 * The month the month view opens on: the one asked for, else the month of the earliest obligation
 * not done (an overdue one, when there is), else the current month in 北京时间.
 */
export function startMonth(
  list: readonly Pick<Obligation, 'dueOn' | 'nominalDueOn' | 'state'>[],
  asked: string | undefined,
  today: string,
): string {
  if (asked) return asked;
  const pending = list
    .filter((o) => o.state !== 'done')
    .map(dueDay)
    .sort();
  return (pending[0] ?? today).slice(0, 7);
}
