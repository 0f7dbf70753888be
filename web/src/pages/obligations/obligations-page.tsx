import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Grid, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useHospital, useMayCall } from '../../api/queries.ts';
import {
  obligationKeys,
  useObligations,
  useWorkRecords,
  type Obligation,
  type WorkRecord,
} from '../../api/obligation-queries.ts';
import { useApi } from '../../auth/auth-context.tsx';
import { ExportButton, todayInBeijing } from '../../export/export-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PageLoading, ProblemAlert, QueryError } from '../../components/page-states.tsx';
import { formatShanghai } from '../../format/format.ts';
import { useT } from '../../i18n/locale.tsx';
import { declaredUpload, putUpload } from '../deliverables/content-type.ts';
import { useContractCrumbs } from '../records/contract-crumbs.ts';
import {
  dueDay,
  filterFromParams,
  filterObligations,
  paramsOfFilter,
  startMonth,
  type ObligationFilter,
} from './obligation-filter.ts';
import { obligationName } from './obligation-name.ts';
import { ObligationFilterBar, ObligationMonth, stateColors } from './obligation-views.tsx';
import { WorkRecordModal } from './work-record-modal.tsx';
import { AcceptanceActions, AcceptanceNote } from './proof-acceptance.tsx';
import { PersonName } from '../../components/person-name.tsx';
import { personName } from '../../format/person.ts';

/**
 * The due date; while a year's holidays are missing, the contract's calendar date as an estimate,
 * marked as one, and which year is missing.
 */
export function DueOn({ o }: { o: Obligation }) {
  const t = useT();
  if (o.dueOn !== null) return <span className="nowrap">{o.dueOn}</span>;
  const year = o.calendarGap?.year;
  return (
    <Tooltip title={year ? t.obligations.calendarGapHelp(year) : undefined}>
      <span>
        <span className="nowrap" data-testid={`estimate-${o.id}`}>
          {t.obligations.estimated(o.nominalDueOn)}
        </span>{' '}
        {year ? (
          <Tag color="warning" data-testid={`gap-${o.id}`}>
            {t.obligations.calendarGap(year)}
          </Tag>
        ) : null}
      </span>
    </Tooltip>
  );
}

export function StateTag({ o }: { o: Obligation }) {
  const t = useT();
  return (
    <Tag color={stateColors[o.state]} data-testid={`state-${o.id}`} data-state={o.state}>
      {t.obligations.states[o.state]}
    </Tag>
  );
}

/** Request a presigned URL, PUT the bytes with the headers it names, then confirm the file. */
function useProofUpload(hospitalId: string, contractId: string) {
  const t = useT();
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ obligationId, file }: { obligationId: string; file: File }) => {
      const params = { hospitalId, contractId, obligationId };
      const upload = await api.call('requestProofUpload', { params, body: declaredUpload(file) });
      await putUpload(upload, file, t.errors.uploadFailed);
      return api.call('confirmProofUpload', {
        params: { ...params, uploadId: upload.uploadId },
      });
    },
    onSuccess: (answer) => {
      client.setQueryData<Obligation[]>(obligationKeys.obligations(hospitalId, contractId), (old) =>
        old?.map((o) => (o.id === answer.id ? answer : o)),
      );
      void client.invalidateQueries({ queryKey: obligationKeys.due });
    },
  });
}

function ObligationsCard({
  hospitalId,
  contractId,
  obligations,
  all,
}: {
  hospitalId: string;
  contractId: string;
  /** The rows the filter lets through, in due order. */
  obligations: Obligation[];
  /** Every obligation of the contract, for the counts in the title. */
  all: Obligation[];
}) {
  const t = useT();
  const may = useMayCall();
  const { message } = App.useApp();
  const upload = useProofUpload(hospitalId, contractId);
  // On a phone the due date rides under the name and the files leave: name, state and the
  // action fit 390 px without scrolling sideways.
  const narrow = !Grid.useBreakpoint().md;
  const rows = obligations;
  const done = all.filter((o) => o.state === 'done').length;
  const overdue = all.filter((o) => o.state === 'overdue').length;
  const awaiting = all.filter((o) => o.state === 'awaiting').length;
  const uploadButton = (o: Obligation) => (
    <Upload
      showUploadList={false}
      accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.zip"
      customRequest={({ file, onSuccess, onError }) => {
        upload.mutate(
          { obligationId: o.id, file: file as File },
          {
            onSuccess: () => {
              onSuccess?.(null);
              void message.success(t.obligations.uploaded((file as File).name));
            },
            onError: (err) => onError?.(err as Error),
          },
        );
      }}
    >
      <Button
        size="small"
        icon={<UploadOutlined />}
        loading={upload.isPending && upload.variables?.obligationId === o.id}
        data-testid={`upload-${o.id}`}
      >
        {t.obligations.upload}
      </Button>
    </Upload>
  );
  const columns: TableColumnsType<Obligation> = [
    {
      title: t.obligations.kind,
      key: 'kind',
      render: (_, o) => (
        <>
          <Tooltip title={o.proof ? `${t.obligations.proofNeeded}：${o.proof}` : undefined}>
            <span className="nowrap" data-testid={`kind-${o.id}`} data-kind={o.kind}>
              {obligationName(t, o)}
            </span>
          </Tooltip>
          {narrow ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {o.dueOn ?? t.obligations.estimated(o.nominalDueOn)}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    {
      title: t.obligations.period,
      key: 'period',
      responsive: ['md'],
      render: (_, o) => (
        <span className="nowrap">
          {o.period.startsOn} – {o.period.endsOn}
        </span>
      ),
    },
    {
      title: t.obligations.dueOn,
      key: 'due',
      responsive: ['md'],
      render: (_, o) => <DueOn o={o} />,
    },
    {
      title: t.obligations.owner,
      key: 'owner',
      responsive: ['lg'],
      render: (_, o) => t.obligations.owners[o.owner],
    },
    {
      title: t.obligations.state,
      key: 'state',
      render: (_, o) => (
        <Space size={2} orientation="vertical">
          <StateTag o={o} />
          {o.doneOn && o.state === 'done' ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} className="nowrap">
              {t.obligations.doneOn(o.doneOn)}
            </Typography.Text>
          ) : null}
          <AcceptanceNote o={o} />
          <AcceptanceActions hospitalId={hospitalId} contractId={contractId} o={o} />
          {narrow && may('requestProofUpload') ? uploadButton(o) : null}
        </Space>
      ),
    },
    {
      title: t.obligations.proofs,
      key: 'proofs',
      responsive: ['md'],
      render: (_, o) => {
        const files = o.proofs.filter((p) => p.status === 'confirmed');
        if (files.length === 0 && o.workRecordIds.length === 0) return t.obligations.noProof;
        return (
          <Space size={2} orientation="vertical" data-testid={`proofs-${o.id}`}>
            {files.map((p) => (
              <Tooltip
                key={p.id}
                title={`${personName(p.requestedBy, '—')} · ${formatShanghai(p.confirmedAt ?? p.requestedAt)}`}
              >
                <span>{p.filename}</span>
              </Tooltip>
            ))}
            {o.workRecordIds.length > 0 ? (
              <Tag>
                {t.obligations.workRecord} × {o.workRecordIds.length}
              </Tag>
            ) : null}
          </Space>
        );
      },
    },
    ...(may('requestProofUpload')
      ? [
          {
            title: t.tickets.actions,
            key: 'actions',
            responsive: ['md' as const],
            render: (_: unknown, o: Obligation) => uploadButton(o),
          },
        ]
      : []),
  ];
  return (
    <Card size="small" title={t.obligations.counts(done, overdue, all.length, awaiting)}>
      {may('requestProofUpload') ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {t.obligations.uploadHint}
        </Typography.Paragraph>
      ) : null}
      {upload.isError ? (
        <div style={{ marginBottom: 8 }} data-testid="upload-error">
          <ProblemAlert error={upload.error} />
        </div>
      ) : null}
      <Table<Obligation>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: all.length > 0 ? t.obligationFilter.noneShown : t.obligations.empty,
        }}
        data-testid="obligations"
      />
    </Card>
  );
}

function WorkRecordsCard({
  hospitalId,
  contractId,
  obligations,
}: {
  hospitalId: string;
  contractId: string;
  obligations: Obligation[];
}) {
  const t = useT();
  const may = useMayCall();
  const records = useWorkRecords(hospitalId, contractId);
  const [adding, setAdding] = useState(false);
  const nameOf = (id: string | null) => {
    const o = id === null ? undefined : obligations.find((x) => x.id === id);
    return o ? obligationName(t, o) : (id ?? '');
  };
  const columns: TableColumnsType<WorkRecord> = [
    {
      title: t.workRecords.performedOn,
      key: 'on',
      render: (_, r) => <span className="nowrap">{r.performedOn}</span>,
    },
    {
      title: t.workRecords.kind,
      key: 'kind',
      render: (_, r) => <span className="nowrap">{t.workRecords.kinds[r.kind]}</span>,
    },
    {
      title: t.workRecords.summary,
      key: 'summary',
      render: (_, r) => (
        <div>
          <div className="pre-text">{r.summary}</div>
          {r.restoreTest ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t.workRecords.results[r.restoreTest.result]} ·{' '}
              {t.workRecords.minutes(r.restoreTest.durationMinutes)}
              {r.restoreTest.notes ? ` · ${r.restoreTest.notes}` : ''}
            </Typography.Text>
          ) : null}
          {r.training ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.training.topic} ·{' '}
              {r.training.attendees
                .map((a) => (a.department ? `${a.name}（${a.department}）` : a.name))
                .join('、')}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    {
      title: t.workRecords.obligation,
      key: 'obligation',
      responsive: ['md'],
      render: (_, r) => (r.obligationId ? nameOf(r.obligationId) : '—'),
    },
    {
      title: t.workRecords.recordedBy,
      key: 'by',
      responsive: ['lg'],
      render: (_, r) => (
        <span className="nowrap">
          <PersonName who={r.recordedBy} fallback={'—'} /> · {formatShanghai(r.recordedAt)}
        </span>
      ),
    },
  ];
  return (
    <Card
      size="small"
      title={t.workRecords.title}
      extra={
        may('addWorkRecord') ? (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="add-work-record"
          >
            {t.workRecords.add}
          </Button>
        ) : null
      }
    >
      {records.isPending ? (
        <PageLoading rows={2} />
      ) : records.isError ? (
        <QueryError error={records.error} onRetry={() => void records.refetch()} />
      ) : (
        <Table<WorkRecord>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={records.data}
          pagination={{ pageSize: 20, hideOnSinglePage: true, size: 'small' }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t.workRecords.empty }}
          data-testid="work-records"
        />
      )}
      {adding ? (
        <WorkRecordModal
          hospitalId={hospitalId}
          contractId={contractId}
          obligations={obligations}
          onClose={() => setAdding(false)}
        />
      ) : null}
    </Card>
  );
}

/** 履约日历: the contract's dated obligations, their proofs, and the work records behind them. */
export function ObligationsPage() {
  const t = useT();
  const may = useMayCall();
  const { hospitalId = '', contractId = '' } = useParams();
  const crumbs = useContractCrumbs(hospitalId, contractId);
  const obligations = useObligations(hospitalId, contractId);
  const hospital = useHospital(hospitalId);
  const [params, setParams] = useSearchParams();
  const filter = filterFromParams(params);
  const setFilter = (f: ObligationFilter) => setParams(paramsOfFilter(f), { replace: true });
  const all = [...(obligations.data ?? [])].sort((a, b) => dueDay(a).localeCompare(dueDay(b)));
  // The current view, as the table (or month) and the export show it
  const shown = filterObligations(all, filter);
  const header = (
    <PageHeader
      title={t.obligations.title}
      crumbs={crumbs}
      extra={
        <ExportButton
          disabled={shown.length === 0}
          fileName={`${hospital.data?.name ?? hospitalId}-${t.obligations.title}-${todayInBeijing()}.xlsx`}
          sheet={() => ({
            name: t.obligations.title,
            columns: [
              { header: t.obligations.kind, width: 24 },
              { header: t.obligations.period, width: 26 },
              { header: t.obligations.dueOn, width: 16 },
              { header: t.obligations.owner, width: 10 },
              { header: t.obligations.state, width: 10 },
              { header: t.obligations.proofs, width: 40 },
            ],
            rows: shown.map((o) => [
              obligationName(t, o),
              `${o.period.startsOn} ~ ${o.period.endsOn}`,
              o.dueOn ?? t.obligations.estimated(o.nominalDueOn),
              t.obligations.owners[o.owner],
              t.obligations.states[o.state],
              o.proofs.map((p) => p.filename).join('、'),
            ]),
          })}
        />
      }
    />
  );
  if (obligations.isPending) {
    return (
      <>
        {header}
        <PageLoading />
      </>
    );
  }
  if (obligations.isError) {
    return (
      <>
        {header}
        <QueryError error={obligations.error} onRetry={() => void obligations.refetch()} />
      </>
    );
  }
  return (
    <>
      {header}
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <ObligationFilterBar
          filter={filter}
          onChange={setFilter}
          shown={shown.length}
          total={all.length}
        />
        {filter.view === 'month' ? (
          <ObligationMonth
            obligations={shown}
            month={startMonth(shown, filter.month, todayInBeijing())}
            onMonth={(month) => setFilter({ ...filter, month })}
          />
        ) : (
          <ObligationsCard
            hospitalId={hospitalId}
            contractId={contractId}
            obligations={shown}
            all={all}
          />
        )}
        {may('listWorkRecords') ? (
          <WorkRecordsCard
            hospitalId={hospitalId}
            contractId={contractId}
            obligations={obligations.data}
          />
        ) : null}
      </Space>
    </>
  );
}
