import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useApi, useAuth } from '../auth/auth-context.tsx';
import { mayCall } from './operations.ts';
import type { ResponseOf } from './types.ts';

export const queryKeys = {
  me: ['me'] as const,
  hospitals: ['hospitals'] as const,
  hospital: (hospitalId: string) => ['hospitals', hospitalId] as const,
  contracts: (hospitalId: string) => ['hospitals', hospitalId, 'contracts'] as const,
  contract: (hospitalId: string, contractId: string) =>
    ['hospitals', hospitalId, 'contracts', contractId] as const,
  audit: (hospitalId: string) => ['hospitals', hospitalId, 'audit'] as const,
};

export type Me = ResponseOf<'getMe'>;
export type Hospital = ResponseOf<'getHospital'>;
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

/** Every hospital the user may see, all pages (a vendor runs dozens, not thousands). */
export function useHospitals() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.hospitals,
    queryFn: async ({ signal }) => {
      const items: Hospital[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.call('listHospitals', {
          query: { limit: 100, ...(cursor ? { cursor } : {}) },
          signal,
        });
        items.push(...page.items);
        cursor = page.next ?? undefined;
      } while (cursor);
      return items;
    },
  });
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
