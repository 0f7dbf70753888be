import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../auth/auth-context.tsx';
import type { ResponseOf } from './types.ts';

export type Evaluation = ResponseOf<'getEvaluation'>['evaluation'];
export type EvaluationWithHash = ResponseOf<'getEvaluation'>;
export type QuarterDeliverables = ResponseOf<'listDeliverables'>['items'][number];
export type DeliverableItem = QuarterDeliverables['items'][number];
export type MilestoneView = ResponseOf<'listPayments'>['items'][number];
export type QuarantinedMail = ResponseOf<'listQuarantinedMail'>['items'][number];
export type QuarantinedMailWithBody = ResponseOf<'getQuarantinedMail'>;

/** Evaluations, deliverables and payments of a contract; the vendor's mail quarantine. */
export const recordKeys = {
  evaluations: (hospitalId: string, contractId: string) =>
    ['hospitals', hospitalId, 'contracts', contractId, 'evaluations'] as const,
  evaluation: (hospitalId: string, contractId: string, evaluationId: string) =>
    ['hospitals', hospitalId, 'contracts', contractId, 'evaluations', evaluationId] as const,
  deliverables: (hospitalId: string, contractId: string) =>
    ['hospitals', hospitalId, 'contracts', contractId, 'deliverables'] as const,
  payments: (hospitalId: string, contractId: string) =>
    ['hospitals', hospitalId, 'contracts', contractId, 'payments'] as const,
  quarantine: ['quarantine'] as const,
  quarantined: (id: string) => ['quarantine', id] as const,
};

export function useEvaluations(hospitalId: string, contractId: string) {
  const api = useApi();
  return useQuery({
    queryKey: recordKeys.evaluations(hospitalId, contractId),
    queryFn: async ({ signal }) =>
      (await api.call('listEvaluations', { params: { hospitalId, contractId }, signal })).items,
  });
}

export function useEvaluation(hospitalId: string, contractId: string, evaluationId: string) {
  const api = useApi();
  return useQuery({
    queryKey: recordKeys.evaluation(hospitalId, contractId, evaluationId),
    queryFn: ({ signal }) =>
      api.call('getEvaluation', { params: { hospitalId, contractId, evaluationId }, signal }),
  });
}

/** Every write of an evaluation answers the whole evaluation: it replaces the cached one. */
export function useEvaluationAnswer(hospitalId: string, contractId: string, evaluationId: string) {
  const client = useQueryClient();
  return (answer: EvaluationWithHash) => {
    client.setQueryData(recordKeys.evaluation(hospitalId, contractId, evaluationId), answer);
    void client.invalidateQueries({
      queryKey: recordKeys.evaluations(hospitalId, contractId),
      exact: true,
    });
    void client.invalidateQueries({ queryKey: recordKeys.payments(hospitalId, contractId) });
  };
}

export function useDeliverables(hospitalId: string, contractId: string) {
  const api = useApi();
  return useQuery({
    queryKey: recordKeys.deliverables(hospitalId, contractId),
    queryFn: async ({ signal }) =>
      (await api.call('listDeliverables', { params: { hospitalId, contractId }, signal })).items,
  });
}

export function usePayments(hospitalId: string, contractId: string) {
  const api = useApi();
  return useQuery({
    queryKey: recordKeys.payments(hospitalId, contractId),
    queryFn: async ({ signal }) =>
      (await api.call('listPayments', { params: { hospitalId, contractId }, signal })).items,
  });
}

/** Quarantined mail, oldest first, one page of 50 at a time (a vendor-wide list). */
export function useQuarantine() {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: recordKeys.quarantine,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.call('listQuarantinedMail', {
        query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) },
        signal,
      }),
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

export function useQuarantinedMail(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: recordKeys.quarantined(id ?? ''),
    queryFn: ({ signal }) =>
      api.call('getQuarantinedMail', { params: { quarantineId: id! }, signal }),
    enabled: id !== null,
  });
}

/** A quarantine decision: the list and that message change; a ticket may have appeared. */
export function useQuarantineDecided() {
  const client = useQueryClient();
  return (hospitalId: string | null) => {
    void client.invalidateQueries({ queryKey: recordKeys.quarantine });
    if (hospitalId) {
      void client.invalidateQueries({ queryKey: ['hospitals', hospitalId, 'tickets'] });
      void client.invalidateQueries({ queryKey: ['queue'] });
    }
  };
}

/** Saves a Blob as a file through a temporary object URL (the browser's own download). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads one of the contract's quarterly DOCX documents. */
export function useDocumentDownload(hospitalId: string, contractId: string) {
  const api = useApi();
  return useMutation({
    mutationFn: async (v: {
      kind:
        | 'evaluation'
        | 'inspection'
        | 'deliverables'
        | 'deductions'
        | 'change-requests'
        | 'analysis'
        | 'feedback';
      quarter: number;
    }) => {
      const file = await api.download('getContractDocument', {
        params: { hospitalId, contractId, kind: v.kind },
        query: { quarter: v.quarter },
      });
      saveBlob(file.blob, file.fileName ?? `${v.kind}-q${v.quarter}.docx`);
      return file.fileName;
    },
  });
}
