import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { inspectionKeys, useInspection, type Inspection } from '../../api/inspection-queries.ts';
import { useMayCall } from '../../api/queries.ts';
import { useDocumentDownload } from '../../api/record-queries.ts';
import { useApi } from '../../auth/auth-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PageLoading, ProblemAlert, QueryError } from '../../components/page-states.tsx';
import { formatShanghai } from '../../format/format.ts';
import { useT } from '../../i18n/locale.tsx';
import { contractPath, useContractCrumbs } from '../records/contract-crumbs.ts';
import { InspectionForm } from './inspection-form.tsx';
import { stateColor } from './inspections-page.tsx';

type Signer = 'department' | 'it-center';
const signers: Signer[] = ['department', 'it-center'];

function useStored() {
  const client = useQueryClient();
  return (r: Inspection) => {
    client.setQueryData(inspectionKeys.one(r.hospitalId, r.contractId, r.id), r);
    void client.invalidateQueries({ queryKey: inspectionKeys.list(r.hospitalId, r.contractId) });
  };
}

/** The ticket a finding opened, by its number; or the button that opens it. */
function FindingTicket({ record, findingId }: { record: Inspection; findingId: string }) {
  const t = useT();
  const api = useApi();
  const may = useMayCall();
  const stored = useStored();
  const ticketId = record.findings.find((f) => f.id === findingId)?.ticketId ?? null;
  const ticket = useQuery({
    queryKey: ['finding-ticket', record.hospitalId, ticketId],
    queryFn: ({ signal }) =>
      api.call('getTicket', {
        params: { hospitalId: record.hospitalId, ticketId: ticketId ?? '' },
        signal,
      }),
    enabled: ticketId !== null,
  });
  const open = useMutation({
    mutationFn: () =>
      api.call('openTicketFromFinding', {
        params: {
          hospitalId: record.hospitalId,
          contractId: record.contractId,
          inspectionId: record.id,
          findingId,
        },
      }),
    onSuccess: (answer) => stored(answer.inspection),
  });
  if (ticketId)
    return (
      <Link
        to={`/hospitals/${record.hospitalId}/tickets/${ticketId}`}
        data-testid={`finding-ticket-${findingId}`}
      >
        {ticket.data ? t.inspections.ticketOpened(ticket.data.ticket.number) : '…'}
      </Link>
    );
  if (!may('openTicketFromFinding')) return null;
  return (
    <>
      <Button
        size="small"
        loading={open.isPending}
        onClick={() => open.mutate()}
        data-testid={`open-ticket-${findingId}`}
      >
        {t.inspections.openTicket}
      </Button>
      {open.isError ? <ProblemAlert error={open.error} /> : null}
    </>
  );
}

/** One hospital signer: signed (who, when, how), or their name typed on the engineer's phone. */
function SignerRow({ record, signer }: { record: Inspection; signer: Signer }) {
  const t = useT();
  const api = useApi();
  const may = useMayCall();
  const stored = useStored();
  const { message } = App.useApp();
  const [name, setName] = useState('');
  const signed = record.signatures.find((s) => s.signer === signer);
  const sign = useMutation({
    mutationFn: () =>
      api.call('signInspectionOnSite', {
        params: {
          hospitalId: record.hospitalId,
          contractId: record.contractId,
          inspectionId: record.id,
        },
        body: { signer, name: name.trim(), contentSha256: record.contentSha256 ?? '' },
      }),
    onSuccess: (r) => {
      stored(r);
      void message.success(t.inspections.signedToast);
    },
  });
  return (
    <List.Item data-testid={`signature-${signer}`}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text strong>{t.inspections.signers[signer]}</Typography.Text>
        {signed ? (
          <Typography.Text>
            {t.inspections.signedBy(signed.name, formatShanghai(signed.signedAt))}{' '}
            <Tag>{signed.via === 'link' ? t.inspections.viaLink : t.inspections.viaPhone}</Tag>
          </Typography.Text>
        ) : may('signInspectionOnSite') ? (
          <Space.Compact style={{ width: '100%' }}>
            <Input
              placeholder={t.inspections.signerName}
              value={name}
              onChange={(e) => setName(e.target.value)}
              data-testid={`signer-name-${signer}`}
            />
            <Button
              type="primary"
              disabled={name.trim() === ''}
              loading={sign.isPending}
              onClick={() => sign.mutate()}
              data-testid={`sign-${signer}`}
            >
              {t.inspections.sign}
            </Button>
          </Space.Compact>
        ) : (
          <Typography.Text type="secondary">{t.inspections.notSigned}</Typography.Text>
        )}
        {sign.isError ? <ProblemAlert error={sign.error} /> : null}
      </Space>
    </List.Item>
  );
}

/** Links for the signers still missing, to pass on; made on request, never stored. */
function SigningLinks({ record }: { record: Inspection }) {
  const t = useT();
  const api = useApi();
  const links = useMutation({
    mutationFn: () =>
      api.call('createInspectionSigningLinks', {
        params: {
          hospitalId: record.hospitalId,
          contractId: record.contractId,
          inspectionId: record.id,
        },
      }),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button onClick={() => links.mutate()} loading={links.isPending} data-testid="make-links">
        {t.inspections.makeLinks}
      </Button>
      {links.data ? (
        <>
          <Typography.Paragraph type="secondary">{t.inspections.linksHelp}</Typography.Paragraph>
          {links.data.links.map((l) => (
            <div key={l.signer}>
              <Typography.Text strong>{t.inspections.signers[l.signer]}</Typography.Text>
              <Typography.Paragraph
                copyable={{ text: l.url }}
                ellipsis={{ rows: 1 }}
                data-testid={`link-${l.signer}`}
                data-url={l.url}
              >
                {l.url}
              </Typography.Paragraph>
            </div>
          ))}
        </>
      ) : null}
      {links.isError ? <ProblemAlert error={links.error} /> : null}
    </Space>
  );
}

/** What was recorded, as the signers read it: results, findings, photos. */
export function InspectionSummary({ record }: { record: Inspection }) {
  const t = useT();
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t.inspections.engineer}>
          {record.engineer.name ?? record.engineer.email}
        </Descriptions.Item>
        <Descriptions.Item label={t.inspections.arrivedAt}>
          {record.arrivedAt ? formatShanghai(record.arrivedAt) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t.inspections.leftAt}>
          {record.leftAt ? formatShanghai(record.leftAt) : '—'}
        </Descriptions.Item>
        {record.place ? (
          <Descriptions.Item label={t.inspections.place}>{record.place}</Descriptions.Item>
        ) : null}
      </Descriptions>
      <List
        size="small"
        bordered
        dataSource={record.items}
        renderItem={(i) => (
          <List.Item>
            <span>
              {i.item}
              {i.remark ? <Typography.Text type="secondary">（{i.remark}）</Typography.Text> : null}
            </span>
            <Tag color={i.result === 'abnormal' ? 'red' : 'green'}>
              {i.result ? t.inspections.results[i.result] : '—'}
            </Tag>
          </List.Item>
        )}
      />
    </Space>
  );
}

/** One visit: its record form while a draft, then what was recorded with its signatures. */
export function InspectionPage() {
  const t = useT();
  const may = useMayCall();
  const { hospitalId = '', contractId = '', inspectionId = '' } = useParams();
  const crumbs = useContractCrumbs(hospitalId, contractId);
  const visit = useInspection(hospitalId, contractId, inspectionId);
  const download = useDocumentDownload(hospitalId, contractId);
  const listCrumb = {
    title: t.inspections.title,
    to: `${contractPath(hospitalId, contractId)}/inspections`,
  };
  if (visit.isPending || visit.isError)
    return (
      <>
        <PageHeader title={t.inspections.visit} crumbs={[...crumbs, listCrumb]} />
        {visit.isPending ? (
          <PageLoading />
        ) : (
          <QueryError error={visit.error} onRetry={() => void visit.refetch()} />
        )}
      </>
    );
  const r = visit.data;
  const header = (
    <PageHeader
      title={
        <>
          {t.inspections.quarterN(r.quarter)}
          {t.inspections.visit}{' '}
          <Tag color={stateColor[r.state]} data-testid="inspection-state">
            {t.inspections.states[r.state]}
          </Tag>
        </>
      }
      crumbs={[...crumbs, listCrumb]}
      extra={
        <Button
          loading={download.isPending}
          onClick={() => download.mutate({ kind: 'inspection', quarter: r.quarter })}
          data-testid="download-inspection"
        >
          {t.inspections.download}
        </Button>
      }
    />
  );
  if (r.state === 'draft' && may('recordInspection'))
    return (
      <>
        {header}
        <InspectionForm key={r.version} record={r} />
      </>
    );
  return (
    <>
      {header}
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <InspectionSummary record={r} />
        <Card size="small" title={t.inspections.findings}>
          <List
            dataSource={r.findings}
            renderItem={(f) => (
              <List.Item data-testid={`finding-${f.id}`}>
                <Space orientation="vertical">
                  <span>
                    {f.text} <Tag>{t.inspections.severities[f.severity]}</Tag>
                    {f.photoKeys.length > 0
                      ? `${t.inspections.photoOf} ${f.photoKeys.length}`
                      : null}
                  </span>
                  <FindingTicket record={r} findingId={f.id} />
                </Space>
              </List.Item>
            )}
          />
        </Card>
        {r.state !== 'draft' ? (
          <Card size="small" title={t.inspections.signatures}>
            <List dataSource={signers} renderItem={(s) => <SignerRow record={r} signer={s} />} />
            {r.state === 'signed' ? (
              <Typography.Text type="success" data-testid="obligation-done">
                {t.inspections.obligationDone}
              </Typography.Text>
            ) : may('createInspectionSigningLinks') ? (
              <SigningLinks record={r} />
            ) : null}
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t.inspections.hash}：{r.contentSha256?.slice(0, 16)}
            </Typography.Paragraph>
          </Card>
        ) : null}
      </Space>
    </>
  );
}
