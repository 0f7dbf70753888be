import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useApi } from '../auth/auth-context.tsx';
import type { BodyOf, QueryOf, ResponseOf } from './types.ts';

export type Ticket = ResponseOf<'getTicket'>['ticket'];
export type TicketWithSla = ResponseOf<'getTicket'>;
export type SlaClock = NonNullable<TicketWithSla['sla']>['clocks'][number];
export type TicketEvent = ResponseOf<'listTicketEvents'>['items'][number];
export type TicketEventInput = BodyOf<'postTicketEvent'>;
export type LedgerEntry = ResponseOf<'listLedger'>['items'][number];
export type Notice = ResponseOf<'listAdvanceNotices'>['items'][number];
export type VendorOverview = ResponseOf<'getVendorOverview'>;

export const ticketKeys = {
  queue: ['queue'] as const,
  tickets: (hospitalId: string) => ['hospitals', hospitalId, 'tickets'] as const,
  /** The pages of a hospital's list, apart from `tickets` so one ticket's keys stay out of it. */
  ticketPages: (hospitalId: string) => ['hospitals', hospitalId, 'ticket-pages'] as const,
  ticket: (hospitalId: string, ticketId: string) =>
    ['hospitals', hospitalId, 'tickets', ticketId] as const,
  events: (hospitalId: string, ticketId: string) =>
    ['hospitals', hospitalId, 'tickets', ticketId, 'events'] as const,
  ledger: (hospitalId: string, contractId: string) =>
    ['hospitals', hospitalId, 'contracts', contractId, 'ledger'] as const,
  notices: (hospitalId: string) => ['hospitals', hospitalId, 'notices'] as const,
  similar: (hospitalId: string, subsystemId: string) =>
    ['hospitals', hospitalId, 'similar-tickets', subsystemId] as const,
  overview: ['overview'] as const,
  /** 工单查询's pages, by the search. */
  search: ['ticket-search'] as const,
};

/** Reads every page of a list: the lists here are a hospital's or a contract's, not the world's. */
async function allPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; next: string | null }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.next ?? undefined;
  } while (cursor);
  return items;
}

/** How many tickets a page of the queue or of a hospital's list shows. */
export const ticketPageSize = 50;

/**
 * Paging through a server list by its cursors: the cursor of the page shown and those of the pages
 * before it, for 上一页. `reset` goes back to the first page.
 */
export function useCursorPages() {
  const [trail, setTrail] = useState<string[]>([]);
  // The same functions every render, so that an effect may reset the pages when a search changes.
  const moves = useMemo(
    () => ({
      next: (cursor: string) => setTrail((t) => [...t, cursor]),
      previous: () => setTrail((t) => t.slice(0, -1)),
      reset: () => setTrail((t) => (t.length === 0 ? t : [])),
    }),
    [],
  );
  return {
    cursor: trail.at(-1),
    number: trail.length + 1,
    hasPrevious: trail.length > 0,
    ...moves,
  };
}

/**
 * One page of the vendor's open tickets, nearest deadline first; refreshed each minute as timers
 * fire, conditionally: an unchanged page costs a 304 and no body.
 */
export function useVendorQueue(cursor?: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...ticketKeys.queue, { page: cursor ?? '' }],
    queryFn: ({ signal }) =>
      api.call('getVendorQueue', {
        query: { limit: ticketPageSize, ...(cursor ? { cursor } : {}) },
        signal,
        conditional: true,
      }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/** One page of a hospital's tickets, newest report first, closed ones included. */
export function useHospitalTicketsPage(hospitalId: string, cursor?: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...ticketKeys.ticketPages(hospitalId), { page: cursor ?? '' }],
    queryFn: ({ signal }) =>
      api.call('listTickets', {
        params: { hospitalId },
        query: { limit: ticketPageSize, ...(cursor ? { cursor } : {}) },
        signal,
        conditional: true,
      }),
    placeholderData: keepPreviousData,
  });
}

/** Every ticket of a hospital, closed ones included: its list, or one hospital of 工单查询. */
export function hospitalTicketsQuery(api: ReturnType<typeof useApi>, hospitalId: string) {
  return {
    queryKey: ticketKeys.tickets(hospitalId),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      allPages((cursor) =>
        api.call('listTickets', {
          params: { hospitalId },
          query: { limit: 100, ...(cursor ? { cursor } : {}) },
          signal,
        }),
      ),
  };
}

export function useHospitalTickets(hospitalId: string, enabled = true) {
  return useQuery({ ...hospitalTicketsQuery(useApi(), hospitalId), enabled });
}

export function useTicket(hospitalId: string, ticketId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ticketKeys.ticket(hospitalId, ticketId),
    queryFn: ({ signal }) => api.call('getTicket', { params: { hospitalId, ticketId }, signal }),
    refetchInterval: 60_000,
  });
}

/**
 * 可能是同一故障: open tickets of this subsystem reported in the last 30 minutes, asked for as soon as
 * the reporter names the subsystem (and again when the report is about to be sent).
 */
export function useSimilarTickets(hospitalId: string, subsystemId: string | undefined) {
  const api = useApi();
  return useQuery({
    enabled: Boolean(hospitalId && subsystemId),
    queryKey: ticketKeys.similar(hospitalId, subsystemId ?? ''),
    queryFn: async ({ signal }) =>
      (
        await api.call('listSimilarTickets', {
          params: { hospitalId },
          query: { subsystemId: subsystemId ?? '' },
          signal,
        })
      ).items,
  });
}

export function useTicketEvents(hospitalId: string, ticketId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ticketKeys.events(hospitalId, ticketId),
    queryFn: async ({ signal }) =>
      (await api.call('listTicketEvents', { params: { hospitalId, ticketId }, signal })).items,
    refetchInterval: 60_000,
  });
}

export function usePostTicketEvent(hospitalId: string, ticketId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TicketEventInput) =>
      api.call('postTicketEvent', { params: { hospitalId, ticketId }, body }),
    onSuccess: (answer) => {
      client.setQueryData(ticketKeys.ticket(hospitalId, ticketId), answer);
      void client.invalidateQueries({ queryKey: ticketKeys.events(hospitalId, ticketId) });
      invalidateTicketLists(client, hospitalId);
    },
  });
}

/**
 * After a ticket of the hospital changed or was reported: its whole list, every page of it seen
 * and the vendor's queue are read again (not each ticket's own queries).
 */
export function invalidateTicketLists(client: QueryClient, hospitalId: string) {
  void client.invalidateQueries({ queryKey: ticketKeys.tickets(hospitalId), exact: true });
  void client.invalidateQueries({ queryKey: ticketKeys.ticketPages(hospitalId) });
  void client.invalidateQueries({ queryKey: ticketKeys.queue });
  void client.invalidateQueries({ queryKey: ticketKeys.search });
}

/**
 * 工单查询: the tickets of every hospital one sees, searched on the server, a page at a time
 * (加载更多); a page that read its budget with few found says how far back it read.
 */
export function useTicketSearchPages(search: QueryOf<'searchTickets'>) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: [...ticketKeys.search, search],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.call('searchTickets', {
        query: { ...search, limit: ticketPageSize, ...(pageParam ? { cursor: pageParam } : {}) },
        signal,
      }),
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

export function useLedger(hospitalId: string, contractId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ticketKeys.ledger(hospitalId, contractId),
    queryFn: ({ signal }) =>
      allPages((cursor) =>
        api.call('listLedger', {
          params: { hospitalId, contractId },
          query: { limit: 100, ...(cursor ? { cursor } : {}) },
          signal,
        }),
      ),
  });
}

export function useNotices(hospitalId: string, enabled = true) {
  const api = useApi();
  return useQuery({
    enabled,
    queryKey: ticketKeys.notices(hospitalId),
    queryFn: ({ signal }) =>
      allPages((cursor) =>
        api.call('listAdvanceNotices', {
          params: { hospitalId },
          query: { limit: 100, ...(cursor ? { cursor } : {}) },
          signal,
        }),
      ),
  });
}

/** How many hospitals a page of the vendor's overview shows. */
export const overviewPageSize = 10;

/**
 * One page of hospitals of the vendor's home (open tickets, SLA compliance and deductions of the
 * last four quarters each) with the totals of all of them; refreshed each minute, conditionally.
 */
export function useVendorOverview(cursor?: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...ticketKeys.overview, { page: cursor ?? '' }],
    queryFn: ({ signal }) =>
      api.call('getVendorOverview', {
        query: { limit: overviewPageSize, ...(cursor ? { cursor } : {}) },
        signal,
        conditional: true,
      }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}
