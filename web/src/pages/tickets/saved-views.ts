import type { Severity } from '@weibao/domain/contract';
import type { ClockState } from '../../sla/countdown.ts';

export interface QueueFilters {
  hospitalId?: string | undefined;
  severity?: Severity | undefined;
  state?: ClockState | undefined;
}

export interface SavedView {
  name: string;
  filters: QueueFilters;
}

const storageKey = 'weibao.queue.views';

/** Saved views of the queue live in this browser only: they are a person's habit, not shared data. */
export function readViews(storage: Pick<Storage, 'getItem'> = localStorage): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(storageKey) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (v): v is SavedView =>
        typeof v === 'object' &&
        v !== null &&
        typeof (v as SavedView).name === 'string' &&
        typeof (v as SavedView).filters === 'object' &&
        (v as SavedView).filters !== null,
    );
  } catch {
    return [];
  }
}

/** Adds or replaces a view of that name; the list stays in the order views were first saved. */
export function withView(views: readonly SavedView[], view: SavedView): SavedView[] {
  const at = views.findIndex((v) => v.name === view.name);
  if (at < 0) return [...views, view];
  return views.map((v, i) => (i === at ? view : v));
}

export function writeViews(
  views: readonly SavedView[],
  storage: Pick<Storage, 'setItem'> = localStorage,
) {
  try {
    storage.setItem(storageKey, JSON.stringify(views));
  } catch {
    // Storage refused (private mode): the views last for this page only.
  }
}
