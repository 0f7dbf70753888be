import {
  keepPreviousData,
  useInfiniteQuery,
  useQueries,
  useQuery,
  type QueryClient,
} from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApi, useAuth } from '../auth/auth-context.tsx';
import { useT } from '../i18n/locale.tsx';
import { hospitalNamer } from './hospital-names.ts';
import { mayCall } from './operations.ts';
import type { ResponseOf } from './types.ts';

export const queryKeys = {
  me: ['me'] as const,
  hospital: (hospitalId: string) => ['hospitals', hospitalId] as const,
  /** A page of the hospitals a search finds (the list page and the pickers). */
  hospitalSearch: (words: string, cursor: string, limit: number) =>
    ['hospitals', { search: words, cursor, limit }] as const,
  /** The named hospitals of a list (at most 100 ids, sorted). */
  hospitalsNamed: (ids: readonly string[]) => ['hospitals', { ids: ids.join(',') }] as const,
  contracts: (hospitalId: string) => ['hospitals', hospitalId, 'contracts'] as const,
  contract: (hospitalId: string, contractId: string) =>
    ['hospitals', hospitalId, 'contracts', contractId] as const,
  audit: (hospitalId: string) => ['hospitals', hospitalId, 'audit'] as const,
};

export type Me = ResponseOf<'getMe'>;
export type { Hospital } from './hospital-names.ts';
export type Contract = ResponseOf<'getContract'>;
export type AuditRecord = ResponseOf<'listAuditRecords'>['items'][number];

export function useMe() {
  const api = useApi();
  const { token } = useAuth();
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => api.call('getMe', { signal }),
    enabled: token !== null,
    staleTime: Infinity,
  });
}

/** The signed-in user, for components under the signed-in shell (which waits for it). */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser before /api/me answered');
  return data;
}

export function useMayCall() {
  const me = useMe().data;
  return (operationId: Parameters<typeof mayCall>[1]) => mayCall(me?.role, operationId);
}

/**
 * After a hospital was created or changed: every hospital search (the list page, the pickers) and
 * every naming of hospitals by id is read again; a hospital's own queries are left alone.
 */
export function invalidateHospitalLists(client: QueryClient) {
  void client.invalidateQueries({
    predicate: (q) =>
      q.queryKey[0] === 'hospitals' && q.queryKey.length === 2 && typeof q.queryKey[1] === 'object',
  });
}

/** A value that follows `value` once it has stayed the same for `ms` (a search as one types). */
export function useSettled<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * One page of the hospitals the user may see that a search finds on the server (name, campus,
 * code, id or intake address); with no words, one page of them all, in id order.
 */
export function useHospitalSearch(
  words: string,
  opts: { cursor?: string; limit?: number; enabled?: boolean } = {},
) {
  const api = useApi();
  const q = words.trim().slice(0, 50);
  const limit = opts.limit ?? 20;
  return useQuery({
    queryKey: queryKeys.hospitalSearch(q, opts.cursor ?? '', limit),
    queryFn: ({ signal }) =>
      api.call('listHospitals', {
        query: { limit, ...(q ? { q } : {}), ...(opts.cursor ? { cursor: opts.cursor } : {}) },
        signal,
      }),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
}

/** At most this many ids in one request for names (the server's limit). */
const namesPerRequest = 100;

/**
 * The names of the hospitals a list shows, read by their ids (100 a request), not the whole
 * hospital list. `nameOf` never answers the id (an internal word): 加载中… until the name has
 * come, （已删除或无权查看的医院） for a hospital removed or one the user may not see, and — when
 * the names could not be read.
 */
export function useHospitalNames(ids: readonly (string | null | undefined)[]) {
  const api = useApi();
  const t = useT();
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))].sort();
  const chunks: string[][] = [];
  for (let i = 0; i < wanted.length; i += namesPerRequest)
    chunks.push(wanted.slice(i, i + namesPerRequest));
  const results = useQueries({
    queries: chunks.map((chunk) => ({
      queryKey: queryKeys.hospitalsNamed(chunk),
      queryFn: async ({ signal }: { signal: AbortSignal }) =>
        (await api.call('listHospitals', { query: { ids: chunk }, signal })).items,
      staleTime: 5 * 60_000,
      placeholderData: keepPreviousData,
    })),
  });
  const namer = hospitalNamer(chunks, results, {
    loading: t.common.loading,
    unavailable: t.hospitals.unavailable,
  });
  return {
    hospitals: wanted.flatMap((id) => namer.hospital(id) ?? []),
    nameOf: namer.nameOf,
    /** Some name has not come yet (an export waits for it). */
    isPending: results.some((r) => r.isPending || r.isPlaceholderData),
  };
}

export function useHospital(hospitalId: string | null | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.hospital(hospitalId ?? ''),
    queryFn: ({ signal }) =>
      api.call('getHospital', { params: { hospitalId: hospitalId! }, signal }),
    enabled: Boolean(hospitalId),
  });
}

/** A hospital's contracts: for its pages, or for each hospital of a list across hospitals. */
export function contractsQuery(api: ReturnType<typeof useApi>, hospitalId: string) {
  return {
    queryKey: queryKeys.contracts(hospitalId),
    queryFn: async ({ signal }: { signal: AbortSignal }) => {
      const page = await api.call('listContracts', {
        params: { hospitalId },
        query: { limit: 100 },
        signal,
      });
      return page.items;
    },
  };
}

export function useContracts(hospitalId: string) {
  return useQuery(contractsQuery(useApi(), hospitalId));
}

export function useContract(hospitalId: string, contractId: string, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.contract(hospitalId, contractId),
    queryFn: ({ signal }) =>
      api.call('getContract', { params: { hospitalId, contractId }, signal }),
    enabled,
  });
}

export function useAuditRecords(hospitalId: string) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: queryKeys.audit(hospitalId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.call('listAuditRecords', {
        params: { hospitalId },
        query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) },
        signal,
      }),
    getNextPageParam: (last) => last.next ?? undefined,
  });
}
