import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useApi } from '../auth/auth-context.tsx';
import type { ResponseOf } from './types.ts';

export type Obligation = ResponseOf<'getObligation'>;
export type WorkRecord = ResponseOf<'addWorkRecord'>;
export type ObligationsDue = ResponseOf<'listObligationsDue'>;

/** A contract's obligations and work records; the vendor's obligations due across hospitals. */
export const obligationKeys = {
  obligations: (hospitalId: string, contractId: string) =>
    ['hospitals', hospitalId, 'contracts', contractId, 'obligations'] as const,
  workRecords: (hospitalId: string, contractId: string) =>
    ['hospitals', hospitalId, 'contracts', contractId, 'work-records'] as const,
  due: ['obligations-due'] as const,
};

/** Every page: a five-year term plans well over a hundred obligations. */
export async function allPages<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; next: string | null }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const answer = await page(cursor);
    items.push(...answer.items);
    cursor = answer.next ?? undefined;
  } while (cursor);
  return items;
}

/** The query of a contract's obligations, every page: for one contract's page or for each contract of a home page. */
export function obligationsQuery(
  api: ReturnType<typeof useApi>,
  hospitalId: string,
  contractId: string,
) {
  return {
    queryKey: obligationKeys.obligations(hospitalId, contractId),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      allPages((cursor) =>
        api.call('listObligations', {
          params: { hospitalId, contractId },
          query: { limit: 100, ...(cursor ? { cursor } : {}) },
          signal,
        }),
      ),
  };
}

export function useObligations(hospitalId: string, contractId: string) {
  return useQuery(obligationsQuery(useApi(), hospitalId, contractId));
}

export function useWorkRecords(hospitalId: string, contractId: string) {
  const api = useApi();
  return useQuery({
    queryKey: obligationKeys.workRecords(hospitalId, contractId),
    queryFn: ({ signal }) =>
      allPages((cursor) =>
        api.call('listWorkRecords', {
          params: { hospitalId, contractId },
          query: { limit: 100, ...(cursor ? { cursor } : {}) },
          signal,
        }),
      ),
  });
}

/**
 * Overdue or due within 7 days, earliest first, across every hospital: one page of 50 at a time
 * (a vendor-wide list; `fetchNextPage` reads the next), each refresh re-reading only the pages
 * loaded.
 */
export function useObligationsDue() {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: obligationKeys.due,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.call('listObligationsDue', {
        query: { limit: 50, withinDays: 7, ...(pageParam ? { cursor: pageParam } : {}) },
        signal,
      }),
    getNextPageParam: (last) => last.next ?? undefined,
  });
}
