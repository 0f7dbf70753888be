import { Form, Input, Modal, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useMayCall } from '../../api/queries.ts';
import { useApi } from '../../auth/auth-context.tsx';
import { PageLoading, QueryError, SaveError } from '../../components/page-states.tsx';
import { formatShanghai } from '../../format/format.ts';
import { useT } from '../../i18n/locale.tsx';

interface Written {
  conclusion: string;
  recommendations: string;
}

/**
 * 季度系统分析: the vendor's 分析结论 and 系统优化扩展方案 of one contract quarter, printed in the
 * generated 季度系统分析报告. Vendor staff write them (version-checked); the IT center, supervisor
 * and auditor read them.
 */
export function QuarterAnalysisModal({
  hospitalId,
  contractId,
  quarter,
  onClose,
}: {
  hospitalId: string;
  contractId: string;
  quarter: number;
  onClose: () => void;
}) {
  const t = useT();
  const api = useApi();
  const may = useMayCall();
  const client = useQueryClient();
  const mayWrite = may('putQuarterAnalysis');
  const params = { hospitalId, contractId, quarter };
  const key = ['hospitals', hospitalId, 'contracts', contractId, 'analyses', quarter] as const;
  const current = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.call('getQuarterAnalysis', { params, signal }),
  });
  const [form] = Form.useForm<Written>();
  useEffect(() => {
    if (current.data) form.setFieldsValue(current.data);
  }, [current.data, form]);
  const save = useMutation({
    mutationFn: (v: Written) =>
      api.call('putQuarterAnalysis', {
        params,
        body: { version: current.data?.version ?? 0, ...v },
      }),
    onSuccess: (answer) => {
      client.setQueryData(key, answer);
      onClose();
    },
  });
  return (
    <Modal
      open
      width={720}
      title={`${t.evaluations.quarterN(quarter)} · ${t.deliverables.analysis.title}`}
      okText={t.common.save}
      cancelText={t.common.cancel}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      okButtonProps={
        {
          disabled: !mayWrite || !current.data,
          'data-testid': 'analysis-submit',
        } as Record<`data-${string}`, string>
      }
    >
      {current.isPending ? <PageLoading /> : null}
      {current.isError ? (
        <QueryError error={current.error} onRetry={() => void current.refetch()} />
      ) : null}
      {current.data ? (
        <Form form={form} layout="vertical" requiredMark={false} disabled={!mayWrite}>
          {mayWrite ? (
            <Typography.Paragraph type="secondary">
              {t.deliverables.analysis.prompt}
            </Typography.Paragraph>
          ) : null}
          {(['conclusion', 'recommendations'] as const).map((field) => (
            <Form.Item key={field} name={field} label={t.deliverables.analysis[field]}>
              <Input.TextArea
                autoSize={{ minRows: 4 }}
                maxLength={10_000}
                placeholder={t.deliverables.analysis.hints[field]}
                data-testid={`analysis-${field}`}
              />
            </Form.Item>
          ))}
          {current.data.updatedAt ? (
            <Typography.Text type="secondary">
              {t.deliverables.analysis.updated(
                current.data.updatedBy ?? '—',
                formatShanghai(current.data.updatedAt),
              )}
            </Typography.Text>
          ) : null}
        </Form>
      ) : null}
      {save.isError ? <SaveError error={save.error} /> : null}
    </Modal>
  );
}
