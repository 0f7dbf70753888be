import { UploadOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useMayCall } from '../../api/queries.ts';
import {
  recordKeys,
  useDeliverables,
  useDocumentDownload,
  type DeliverableItem,
  type QuarterDeliverables,
} from '../../api/record-queries.ts';
import { putPresigned } from '../../api/presigned-put.ts';
import { useApi } from '../../auth/auth-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PageLoading, ProblemAlert, QueryError, SaveError } from '../../components/page-states.tsx';
import { formatShanghai } from '../../format/format.ts';
import { useT } from '../../i18n/locale.tsx';
import { useContractCrumbs } from '../records/contract-crumbs.ts';
import { contentTypeOf } from './content-type.ts';
import { QuarterAnalysisModal } from './quarter-analysis-modal.tsx';
import { PersonName } from '../../components/person-name.tsx';

type ItemId = DeliverableItem['id'];

const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function useRecorded(hospitalId: string, contractId: string) {
  const client = useQueryClient();
  return (answer: QuarterDeliverables) =>
    client.setQueryData<QuarterDeliverables[]>(
      recordKeys.deliverables(hospitalId, contractId),
      (old) => old?.map((q) => (q.quarter === answer.quarter ? answer : q)),
    );
}

/** Presigned PUT straight to the files bucket, then the record of the item (version-checked). */
function useUpload(hospitalId: string, contractId: string, q: QuarterDeliverables) {
  const t = useT();
  const api = useApi();
  const recorded = useRecorded(hospitalId, contractId);
  return useMutation({
    mutationFn: async ({
      item,
      file,
      state = 'attached',
    }: {
      item: ItemId;
      file: File;
      /** generated: a document weibao rendered (the 需求变更改造清单), put on file like an upload. */
      state?: 'attached' | 'generated';
    }) => {
      const params = { hospitalId, contractId, quarter: q.quarter, item };
      const contentType = contentTypeOf(file);
      const upload = await api.call('createDeliverableUpload', {
        params,
        body: { fileName: file.name, contentType, sizeBytes: file.size },
      });
      await putPresigned(upload.uploadUrl, upload.headers, file, t.errors.uploadFailed);
      return api.call('recordDeliverable', {
        params,
        body: {
          state,
          version: q.version,
          fileKey: upload.fileKey,
          fileName: file.name,
        },
      });
    },
    onSuccess: recorded,
  });
}

function NoneModal({
  hospitalId,
  contractId,
  quarter,
  item,
  onClose,
}: {
  hospitalId: string;
  contractId: string;
  quarter: QuarterDeliverables;
  item: DeliverableItem;
  onClose: () => void;
}) {
  const t = useT();
  const api = useApi();
  const [form] = Form.useForm<{ reason: string }>();
  const recorded = useRecorded(hospitalId, contractId);
  const save = useMutation({
    mutationFn: (reason: string) =>
      api.call('recordDeliverable', {
        params: { hospitalId, contractId, quarter: quarter.quarter, item: item.id },
        body: { state: 'none', version: quarter.version, reason },
      }),
    onSuccess: (answer) => {
      recorded(answer);
      onClose();
    },
  });
  return (
    <Modal
      open
      title={`${item.nameZh} · ${t.deliverables.none}`}
      okText={t.common.save}
      cancelText={t.common.cancel}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => save.mutate(v.reason))}
      okButtonProps={{ 'data-testid': 'none-submit' } as Record<`data-${string}`, string>}
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="reason"
          label={t.deliverables.noneReason}
          rules={[{ required: true, whitespace: true, message: t.contracts.required }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} data-testid="none-reason" />
        </Form.Item>
      </Form>
      {save.isError ? <SaveError error={save.error} /> : null}
    </Modal>
  );
}

/** Items weibao can render from the record, and the document each is rendered as. */
const generatedKinds = {
  'evaluation-report': 'feedback',
  'change-request-list': 'change-requests',
} as const;
const isGenerated = (id: string) => id in generatedKinds;

function QuarterCard({
  hospitalId,
  contractId,
  q,
}: {
  hospitalId: string;
  contractId: string;
  q: QuarterDeliverables;
}) {
  const t = useT();
  const api = useApi();
  const may = useMayCall();
  const upload = useUpload(hospitalId, contractId, q);
  const [none, setNone] = useState<DeliverableItem | null>(null);
  const [analysis, setAnalysis] = useState(false);
  const download = useDocumentDownload(hospitalId, contractId);
  const pack = useMutation({
    mutationFn: () =>
      api.call('packageDeliverables', { params: { hospitalId, contractId, quarter: q.quarter } }),
    onSuccess: (answer) => {
      // A presigned GET of the zip: the browser downloads it straight from the bucket.
      const a = document.createElement('a');
      a.href = answer.downloadUrl;
      a.rel = 'noopener';
      document.body.appendChild(a);
      a.click();
      a.remove();
    },
  });
  const mayWrite = may('recordDeliverable');
  // A document the server renders from the quarter's record (the 需求变更改造清单, the
  // 系统应用效果评价报告), put on file as its item's generated document through the same
  // presigned upload as any file.
  const generated = useMutation({
    mutationFn: async (item: keyof typeof generatedKinds) => {
      const kind = generatedKinds[item];
      const file = await api.download('getContractDocument', {
        params: { hospitalId, contractId, kind },
        query: { quarter: q.quarter },
      });
      return upload.mutateAsync({
        item,
        file: new File([file.blob], file.fileName ?? `${kind}-q${q.quarter}.docx`, {
          type: docxType,
        }),
        state: 'generated',
      });
    },
  });
  const columns: TableColumnsType<DeliverableItem> = [
    {
      title: t.deliverables.item,
      key: 'name',
      render: (_, i) => (
        <Space size={4}>
          <span>{i.nameZh}</span>
          {i.always ? <Tag>{t.deliverables.always}</Tag> : <Tag>{t.deliverables.ifAny}</Tag>}
        </Space>
      ),
    },
    {
      title: t.deliverables.state,
      key: 'state',
      render: (_, i) => {
        const e = i.entry;
        if (!e) return <Tag color="red">{t.deliverables.owed}</Tag>;
        if (e.state === 'none')
          return (
            <Space size={4} wrap>
              <Tag color={i.always ? 'red' : 'default'}>{t.deliverables.none}</Tag>
              <span className="pre-text">{e.reason}</span>
            </Space>
          );
        return (
          <Space size={4} wrap>
            <Tag color="green">{t.deliverables.states[e.state]}</Tag>
            <span data-testid={`file-${i.id}`}>{e.fileName}</span>
          </Space>
        );
      },
    },
    {
      title: t.deliverables.recorded,
      key: 'recorded',
      responsive: ['md'],
      render: (_, i) =>
        i.entry ? (
          <span className="nowrap">
            <PersonName who={i.entry.recordedBy} fallback={'—'} /> ·{' '}
            {formatShanghai(i.entry.recordedAt)}
          </span>
        ) : null,
    },
    ...(mayWrite
      ? [
          {
            title: t.tickets.actions,
            key: 'actions',
            render: (_: unknown, i: DeliverableItem) => (
              <Space size={4} wrap>
                <Upload
                  showUploadList={false}
                  customRequest={({ file, onSuccess, onError }) => {
                    upload.mutate(
                      { item: i.id, file: file as File },
                      {
                        onSuccess: () => onSuccess?.(null),
                        onError: (err) => onError?.(err as Error),
                      },
                    );
                  }}
                >
                  <Button
                    size="small"
                    icon={<UploadOutlined />}
                    loading={upload.isPending && upload.variables?.item === i.id}
                    data-testid={`upload-${i.id}`}
                  >
                    {t.deliverables.upload}
                  </Button>
                </Upload>
                {isGenerated(i.id) && may('getContractDocument') ? (
                  <Button
                    size="small"
                    onClick={() => generated.mutate(i.id as keyof typeof generatedKinds)}
                    loading={generated.isPending && generated.variables === i.id}
                    data-testid={`generate-${i.id}`}
                  >
                    {t.deliverables.generate}
                  </Button>
                ) : null}
                {!i.always ? (
                  <Button size="small" onClick={() => setNone(i)} data-testid={`none-${i.id}`}>
                    {t.deliverables.none}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card
      size="small"
      data-testid={`quarter-${q.quarter}`}
      title={
        <Space size={6} wrap>
          <span>{t.evaluations.quarterN(q.quarter)}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {q.startsOn} – {q.endsOn}
          </Typography.Text>
          {q.complete ? (
            <Tag color="green">{t.deliverables.complete}</Tag>
          ) : (
            <Tag color="orange">{t.deliverables.missingN(q.missing.length)}</Tag>
          )}
        </Space>
      }
      extra={
        <Space size={4} wrap>
          <Button
            size="small"
            onClick={() => pack.mutate()}
            loading={pack.isPending}
            data-testid={`package-${q.quarter}`}
          >
            {t.deliverables.downloadPackage}
          </Button>
          {may('getQuarterAnalysis') ? (
            <Button
              size="small"
              onClick={() => setAnalysis(true)}
              data-testid={`analysis-${q.quarter}`}
            >
              {t.deliverables.analysis.open}
            </Button>
          ) : null}
          {may('getContractDocument')
            ? (
                ['inspection', 'deliverables', 'deductions', 'change-requests', 'analysis'] as const
              ).map((kind) => (
                <Button
                  key={kind}
                  size="small"
                  onClick={() => download.mutate({ kind, quarter: q.quarter })}
                  loading={download.isPending && download.variables?.kind === kind}
                  data-testid={`document-${kind}-${q.quarter}`}
                >
                  {t.deliverables.documents[kind]}
                </Button>
              ))
            : null}
        </Space>
      }
    >
      {[upload.error ?? generated.error, pack.error, download.error].filter(Boolean).map((e, k) => (
        <div key={k} style={{ marginBottom: 8 }}>
          <ProblemAlert error={e} />
        </div>
      ))}
      <Table<DeliverableItem>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={q.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      {none ? (
        <NoneModal
          hospitalId={hospitalId}
          contractId={contractId}
          quarter={q}
          item={none}
          onClose={() => setNone(null)}
        />
      ) : null}
      {analysis ? (
        <QuarterAnalysisModal
          hospitalId={hospitalId}
          contractId={contractId}
          quarter={q.quarter}
          onClose={() => setAnalysis(false)}
        />
      ) : null}
    </Card>
  );
}

/** 项目提交物: each quarter's six items, uploaded or marked none, the package and documents. */
export function DeliverablesPage() {
  const t = useT();
  const { hospitalId = '', contractId = '' } = useParams();
  const crumbs = useContractCrumbs(hospitalId, contractId);
  const deliverables = useDeliverables(hospitalId, contractId);
  const header = <PageHeader title={t.deliverables.title} crumbs={crumbs} />;
  if (deliverables.isPending) {
    return (
      <>
        {header}
        <PageLoading />
      </>
    );
  }
  if (deliverables.isError) {
    return (
      <>
        {header}
        <QueryError error={deliverables.error} onRetry={() => void deliverables.refetch()} />
      </>
    );
  }
  return (
    <>
      {header}
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {deliverables.data.length === 0 ? (
          <Card size="small">
            <Typography.Text type="secondary">{t.deliverables.empty}</Typography.Text>
          </Card>
        ) : null}
        {deliverables.data.map((q) => (
          <QuarterCard key={q.quarter} hospitalId={hospitalId} contractId={contractId} q={q} />
        ))}
      </Space>
    </>
  );
}
