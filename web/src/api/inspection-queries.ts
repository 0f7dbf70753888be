import { useQuery } from '@tanstack/react-query';
import { useApi } from '../auth/auth-context.tsx';
import type { ResponseOf } from './types.ts';

export type Inspection = ResponseOf<'getInspection'>;

export const inspectionKeys = {
  list: (hospitalId: string, contractId: string) =>
    ['inspections', hospitalId, contractId] as const,
  one: (hospitalId: string, contractId: string, inspectionId: string) =>
    ['inspection', hospitalId, contractId, inspectionId] as const,
};

/** A contract's visits, newest first (one page of 100: a contract has a few a year). */
export function useInspections(hospitalId: string, contractId: string) {
  const api = useApi();
  return useQuery({
    queryKey: inspectionKeys.list(hospitalId, contractId),
    queryFn: async ({ signal }) =>
      (
        await api.call('listInspections', {
          params: { hospitalId, contractId },
          query: { limit: 100 },
          signal,
        })
      ).items,
  });
}

export function useInspection(hospitalId: string, contractId: string, inspectionId: string) {
  const api = useApi();
  return useQuery({
    queryKey: inspectionKeys.one(hospitalId, contractId, inspectionId),
    queryFn: ({ signal }) =>
      api.call('getInspection', { params: { hospitalId, contractId, inspectionId }, signal }),
  });
}
