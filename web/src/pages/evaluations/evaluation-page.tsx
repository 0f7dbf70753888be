import { thirdPartyRoles } from '@weibao/domain/roles';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/api-error.ts';
import { useContract, useCurrentUser, useMayCall } from '../../api/queries.ts';
import {
  useDocumentDownload,
  useEvaluation,
  useEvaluationAnswer,
  type Evaluation,
} from '../../api/record-queries.ts';
import { useApi } from '../../auth/auth-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PageLoading, ProblemAlert, QueryError } from '../../components/page-states.tsx';
import { formatCny, formatShanghai } from '../../format/format.ts';
import { useT } from '../../i18n/locale.tsx';
import { contractPath, useContractCrumbs } from '../records/contract-crumbs.ts';
import { OverallPreview, ratedPart } from './overall-preview.tsx';
import { PartForm, partBody, type PartValues } from './part-form.tsx';
import { RatingTag } from './rating-tag.tsx';
import { evaluationTitle, statusColors } from './evaluation-labels.ts';
import { PersonName } from '../../components/person-name.tsx';

type Section = 'serviceLevel' | 'serviceQuality';
type Thresholds = { excellentBp: number; goodBp: number; qualifiedBp: number };
const vendorRoles = new Set(['vendor-admin', 'service-manager', 'support-engineer']);

/** A conflict (someone saved first) asks to reload; anything else shows the problem. */
function SaveError({ error }: { error: unknown }) {
  const t = useT();
  if (error instanceof ApiError && error.isConflict) {
    return (
      <Alert
        type="warning"
        showIcon
        title={t.evaluations.conflict}
        description={error.message}
        data-testid="conflict"
        style={{ marginBottom: 12 }}
      />
    );
  }
  return (
    <div style={{ marginBottom: 12 }}>
      <ProblemAlert error={error} />
    </div>
  );
}

function TicketLinks({ hospitalId, ids }: { hospitalId: string; ids: string[] }) {
  const t = useT();
  if (ids.length === 0) return <Typography.Text type="secondary">{t.common.none}</Typography.Text>;
  return (
    <Space size={[8, 4]} wrap>
      {ids.map((id, i) => (
        <Link
          key={id}
          to={`/hospitals/${encodeURIComponent(hospitalId)}/tickets/${id}`}
          data-testid="figure-ticket"
        >
          {t.evaluations.ticketN(i + 1)}
        </Link>
      ))}
    </Space>
  );
}

interface FigureRow {
  key: string;
  label: string;
  count: number;
  amountFen: number | null;
  tickets: string[];
}

/** The counts and amounts from the record, each with the tickets behind it. */
function Figures({ evaluation }: { evaluation: Evaluation }) {
  const t = useT();
  const f = evaluation.figures;
  const tk = evaluation.tickets;
  const rows: FigureRow[] = [
    {
      key: 'late',
      label: t.evaluationLink.lateResponses,
      count: f.lateResponses,
      amountFen: f.lateResponseDeductionFen,
      tickets: tk.lateResponses,
    },
    ...(['fatal', 'serious', 'minor'] as const).map((s) => ({
      key: `fault-${s}`,
      label: `${t.evaluations.vendorFault}（${t.severities[s]}）`,
      count: f.vendorFaultsWithoutNotice[s],
      amountFen: null,
      tickets: tk.vendorFaultsWithoutNotice[s],
    })),
  ];
  const columns: TableColumnsType<FigureRow> = [
    { title: t.evaluations.item, dataIndex: 'label' },
    {
      title: t.evaluations.count,
      dataIndex: 'count',
      align: 'right',
      width: 70,
      render: (n: number, r) => <span data-testid={`figure-${r.key}`}>{n}</span>,
    },
    {
      title: t.evaluations.deduction,
      dataIndex: 'amountFen',
      align: 'right',
      width: 120,
      render: (fen: number | null) =>
        fen === null ? '' : <span className="money">{formatCny(fen)}</span>,
    },
    {
      title: t.evaluations.tickets,
      key: 'tickets',
      render: (_, r) => <TicketLinks hospitalId={evaluation.hospitalId} ids={r.tickets} />,
    },
  ];
  return (
    <>
      <Table<FigureRow>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="evaluation-figures"
      />
      <div style={{ marginTop: 8, textAlign: 'right' }}>
        {t.evaluations.vendorFaultDeduction}{' '}
        <span className="money">{formatCny(f.vendorFaultDeductionFen)}</span> ·{' '}
        {t.evaluations.totalDeduction}{' '}
        <strong className="money" data-testid="evaluation-total-deduction">
          {formatCny(f.totalDeductionFen)}
        </strong>
      </div>
    </>
  );
}

/** One section: what was entered, and the form for the role that rates it. */
function SectionCard({
  evaluation,
  section,
  thresholds,
  mayEnter,
}: {
  evaluation: Evaluation;
  section: Section;
  thresholds: Thresholds;
  mayEnter: boolean;
}) {
  const t = useT();
  const api = useApi();
  const { hospitalId, contractId, id: evaluationId } = evaluation;
  const answered = useEvaluationAnswer(hospitalId, contractId, evaluationId);
  const part = evaluation[section];
  const [editing, setEditing] = useState(false);
  const enter = useMutation({
    mutationFn: (v: PartValues) => {
      const params = { hospitalId, contractId, evaluationId };
      const body = { version: evaluation.version, ...partBody(v) };
      return section === 'serviceLevel'
        ? api.call('enterServiceLevel', { params, body })
        : api.call('enterServiceQuality', { params, body });
    },
    onSuccess: (answer) => {
      answered(answer);
      setEditing(false);
    },
  });
  const signed = evaluation.signatures.length > 0;
  const other = ratedPart(
    evaluation[section === 'serviceLevel' ? 'serviceQuality' : 'serviceLevel'],
    thresholds,
  );
  const mine = ratedPart(part, thresholds);
  const title =
    section === 'serviceLevel'
      ? t.evaluationLink.titleServiceLevel
      : t.evaluationLink.titleServiceQuality;
  const showForm = mayEnter && !signed && (part === null || editing);
  return (
    <Card
      size="small"
      title={title}
      data-testid={`section-${section}`}
      extra={
        mine.state === 'rated' ? (
          <RatingTag rating={mine.rating.rating} testId={`rating-${section}`} />
        ) : null
      }
    >
      {part ? (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t.evaluationLink.sampled}>
            {part.spotChecks.passed} / {part.spotChecks.sampled}
          </Descriptions.Item>
          <Descriptions.Item label={t.evaluationLink.adverseEvents}>
            {part.adverseEvents}
          </Descriptions.Item>
          {part.note ? (
            <Descriptions.Item label={t.evaluationLink.note}>
              <span className="pre-text">{part.note}</span>
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t.evaluations.enteredBy}>
            <PersonName who={part.enteredBy} fallback={'—'} /> · {formatShanghai(part.enteredAt)}
            {part.via === 'link' ? (
              <Tag style={{ marginInlineStart: 4 }}>{t.evaluations.viaLink}</Tag>
            ) : null}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Typography.Paragraph type="secondary" data-testid={`section-${section}-empty`}>
          {t.evaluations.notEntered}
        </Typography.Paragraph>
      )}
      {mayEnter && !signed && part !== null && !editing ? (
        <Button size="small" onClick={() => setEditing(true)}>
          {t.common.edit}
        </Button>
      ) : null}
      {showForm ? (
        <PartForm
          thresholds={thresholds}
          initial={
            part
              ? {
                  sampled: part.spotChecks.sampled,
                  passed: part.spotChecks.passed,
                  adverseEvents: part.adverseEvents,
                  note: part.note ?? '',
                }
              : undefined
          }
          submitting={enter.isPending}
          submitText={t.evaluationLink.submit}
          onSubmit={(v) => enter.mutate(v)}
          error={enter.isError ? <SaveError error={enter.error} /> : null}
          overall={(live) => <OverallPreview live={live} other={other} />}
        />
      ) : null}
    </Card>
  );
}

/** The supervisor or the auditor signs what they read: the content hash is shown and sent. */
function Signatures({
  evaluation,
  contentSha256,
}: {
  evaluation: Evaluation;
  contentSha256: string;
}) {
  const t = useT();
  const api = useApi();
  const me = useCurrentUser();
  const may = useMayCall();
  const answered = useEvaluationAnswer(evaluation.hospitalId, evaluation.contractId, evaluation.id);
  const sign = useMutation({
    mutationFn: () =>
      api.call('signEvaluation', {
        params: {
          hospitalId: evaluation.hospitalId,
          contractId: evaluation.contractId,
          evaluationId: evaluation.id,
        },
        body: { version: evaluation.version, contentSha256 },
      }),
    onSuccess: answered,
  });
  const signedByMe = evaluation.signatures.some((s) => s.role === me.role);
  const maySign = may('signEvaluation') && evaluation.rating !== null && !signedByMe;
  return (
    <Card size="small" title={t.evaluations.signatures} data-testid="evaluation-signatures">
      {/* Who must sign, who has and when: the two signers of the seed's 评价报告 */}
      <Typography.Paragraph data-testid="signers-needed">
        {t.evaluations.mustSign}
      </Typography.Paragraph>
      <ul style={{ paddingInlineStart: 20 }}>
        {thirdPartyRoles
          .filter((role) => !evaluation.signatures.some((s) => s.role === role))
          .map((role) => (
            <li key={role} data-testid={`awaiting-${role}`}>
              <Tag style={{ marginInlineEnd: 4 }}>{t.evaluations.awaiting}</Tag>
              {t.roles[role]}
            </li>
          ))}
        {evaluation.signatures.map((s) => (
          <li key={`${s.role}-${s.sub}`} data-testid={`signature-${s.role}`}>
            <Tag color="green" style={{ marginInlineEnd: 4 }}>
              {t.evaluations.signed}
            </Tag>
            {t.roles[s.role]} · <PersonName who={s} fallback={'—'} /> · {formatShanghai(s.signedAt)}{' '}
            · {t.common.version} {s.version}
            <div className="hash-text">
              {s.contentSha256}
              {s.contentSha256 === contentSha256 ? (
                <Tag color="green" style={{ marginInlineStart: 4 }}>
                  {t.evaluations.hashMatches}
                </Tag>
              ) : (
                <Tag color="orange" style={{ marginInlineStart: 4 }}>
                  {t.evaluations.hashChanged}
                </Tag>
              )}
            </div>
          </li>
        ))}
      </ul>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t.evaluations.contentHash}：
        <span className="hash-text" data-testid="content-hash">
          {contentSha256}
        </span>
      </Typography.Paragraph>
      {may('signEvaluation') && evaluation.rating === null ? (
        <Alert type="info" showIcon title={t.evaluations.signWhenRated} />
      ) : null}
      {sign.isError ? <SaveError error={sign.error} /> : null}
      {maySign ? (
        <Button
          type="primary"
          onClick={() => sign.mutate()}
          loading={sign.isPending}
          data-testid="sign-evaluation"
        >
          {t.evaluations.sign}
        </Button>
      ) : null}
    </Card>
  );
}

type DisputeAction = { kind: 'raise' } | { kind: 'decide'; disputeId: string };
interface DisputeValues {
  subject?: 'late-responses' | 'vendor-faults' | 'service-level' | 'service-quality';
  reason?: string;
  evidence?: string;
  upheld?: boolean;
  note?: string;
}

function DisputeModal({
  evaluation,
  action,
  onClose,
}: {
  evaluation: Evaluation;
  action: DisputeAction;
  onClose: () => void;
}) {
  const t = useT();
  const api = useApi();
  const [form] = Form.useForm<DisputeValues>();
  const answered = useEvaluationAnswer(evaluation.hospitalId, evaluation.contractId, evaluation.id);
  const submit = useMutation({
    mutationFn: (v: DisputeValues) =>
      api.call('disputeEvaluation', {
        params: {
          hospitalId: evaluation.hospitalId,
          contractId: evaluation.contractId,
          evaluationId: evaluation.id,
        },
        body:
          action.kind === 'raise'
            ? {
                action: 'raise',
                version: evaluation.version,
                subject: v.subject ?? 'late-responses',
                reason: v.reason ?? '',
                evidence: v.evidence ?? '',
              }
            : {
                action: 'decide',
                version: evaluation.version,
                disputeId: action.disputeId,
                upheld: v.upheld ?? false,
                note: v.note ?? '',
              },
      }),
    onSuccess: (answer) => {
      answered(answer);
      onClose();
    },
  });
  const required = [{ required: true, whitespace: true, message: t.contracts.required }];
  return (
    <Modal
      open
      title={action.kind === 'raise' ? t.ledger.raise : t.ledger.decide}
      okText={t.tickets.submit}
      cancelText={t.common.cancel}
      confirmLoading={submit.isPending}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => submit.mutate(v))}
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        {action.kind === 'raise' ? (
          <>
            <Form.Item
              name="subject"
              label={t.evaluations.disputeSubject}
              rules={[{ required: true, message: t.contracts.required }]}
            >
              <Select
                options={(
                  ['late-responses', 'vendor-faults', 'service-level', 'service-quality'] as const
                ).map((s) => ({
                  value: s,
                  label: t.evaluations.subjects[s],
                }))}
              />
            </Form.Item>
            <Form.Item name="reason" label={t.ledger.disputeReason} rules={required}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} />
            </Form.Item>
            <Form.Item name="evidence" label={t.evaluations.evidence} rules={required}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={10_000} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item
              name="upheld"
              label={t.ledger.outcome}
              rules={[{ required: true, message: t.contracts.required }]}
            >
              <Radio.Group
                options={[
                  { value: true, label: t.ledger.upheldLabel },
                  { value: false, label: t.ledger.rejectedLabel },
                ]}
              />
            </Form.Item>
            <Form.Item name="note" label={t.ledger.decisionNote} rules={required}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} />
            </Form.Item>
          </>
        )}
      </Form>
      {submit.isError ? <SaveError error={submit.error} /> : null}
    </Modal>
  );
}

function Disputes({ evaluation }: { evaluation: Evaluation }) {
  const t = useT();
  const me = useCurrentUser();
  const may = useMayCall();
  const [action, setAction] = useState<DisputeAction | null>(null);
  const meVendor = vendorRoles.has(me.role);
  return (
    <Card
      size="small"
      title={t.ledger.disputes}
      extra={
        may('disputeEvaluation') && evaluation.status !== 'signed' ? (
          <Button
            size="small"
            onClick={() => setAction({ kind: 'raise' })}
            data-testid="raise-evaluation-dispute"
          >
            {t.ledger.raise}
          </Button>
        ) : null
      }
    >
      {evaluation.disputes.length === 0 ? (
        <Typography.Text type="secondary">{t.evaluations.noDisputes}</Typography.Text>
      ) : (
        evaluation.disputes.map((d) => {
          const raisedByVendor = vendorRoles.has(d.raisedBy.role);
          const mayDecide =
            may('disputeEvaluation') && d.outcome === null && raisedByVendor !== meVendor;
          return (
            <div key={d.id} style={{ marginBottom: 8 }}>
              <Space wrap size={4}>
                <Tag>{t.evaluations.subjects[d.subject]}</Tag>
                <Typography.Text type="secondary">
                  {t.ledger.raisedBy} <PersonName who={d.raisedBy} fallback={'—'} /> ·{' '}
                  {formatShanghai(d.raisedAt)}
                </Typography.Text>
                {d.outcome ? (
                  <Tag color={d.outcome.upheld ? 'green' : 'red'}>
                    {d.outcome.upheld ? t.ledger.upheldLabel : t.ledger.rejectedLabel}
                  </Tag>
                ) : (
                  <Tag color="warning">{t.ledger.disputed}</Tag>
                )}
                {mayDecide ? (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setAction({ kind: 'decide', disputeId: d.id })}
                  >
                    {t.ledger.decide}
                  </Button>
                ) : null}
              </Space>
              <div className="pre-text">{d.reason}</div>
              <div className="pre-text secondary-text">
                {t.evaluations.evidence}：{d.evidence}
              </div>
              {d.outcome ? (
                <div className="pre-text">
                  {t.ledger.decidedBy} <PersonName who={d.outcome.decidedBy} fallback={'—'} /> ·{' '}
                  {formatShanghai(d.outcome.decidedAt)}：{d.outcome.note}
                </div>
              ) : null}
            </div>
          );
        })
      )}
      {action ? (
        <DisputeModal evaluation={evaluation} action={action} onClose={() => setAction(null)} />
      ) : null}
    </Card>
  );
}

/** Draft/refresh from the record, email the evaluators their links, download the report. */
function useVendorActions({ evaluation }: { evaluation: Evaluation }) {
  const t = useT();
  const api = useApi();
  const may = useMayCall();
  const { message } = App.useApp();
  const { hospitalId, contractId, id: evaluationId } = evaluation;
  const answered = useEvaluationAnswer(hospitalId, contractId, evaluationId);
  const params = { hospitalId, contractId, evaluationId };
  const refresh = useMutation({
    mutationFn: () => api.call('draftEvaluation', { params }),
    onSuccess: (answer) => {
      answered(answer);
      void message.success(t.evaluations.refreshed);
    },
  });
  const links = useMutation({
    mutationFn: () => api.call('sendEvaluationLinks', { params }),
    onSuccess: (answer) => {
      void message.success(
        answer.sent.length === 0
          ? t.evaluations.noEvaluators
          : t.evaluations.linksSent(answer.sent.map((s) => s.email).join('、')),
      );
    },
  });
  const download = useDocumentDownload(hospitalId, contractId);
  const signed = evaluation.signatures.length > 0;
  const nodes: ReactNode[] = [];
  if (may('draftEvaluation') && !signed) {
    nodes.push(
      <Button
        key="refresh"
        onClick={() => refresh.mutate()}
        loading={refresh.isPending}
        data-testid="refresh-evaluation"
      >
        {t.evaluations.refresh}
      </Button>,
    );
  }
  if (may('sendEvaluationLinks') && !signed) {
    nodes.push(
      <Button
        key="links"
        onClick={() => links.mutate()}
        loading={links.isPending}
        data-testid="send-evaluation-links"
      >
        {t.evaluations.sendLinks}
      </Button>,
    );
  }
  if (may('getContractDocument') && evaluation.period.kind === 'quarter') {
    nodes.push(
      <Button
        key="docx"
        onClick={() => download.mutate({ kind: 'evaluation', quarter: evaluation.period.index })}
        loading={download.isPending}
        data-testid="download-evaluation"
      >
        {t.evaluations.downloadReport}
      </Button>,
    );
  }
  const error = refresh.error ?? links.error ?? download.error;
  return { actions: nodes, error };
}

/** One 维保服务评价报告: figures from the record, both sections, signatures and disputes. */
export function EvaluationPage() {
  const t = useT();
  const { hospitalId = '', contractId = '', evaluationId = '' } = useParams();
  const me = useCurrentUser();
  const crumbs = useContractCrumbs(hospitalId, contractId);
  const contract = useContract(hospitalId, contractId);
  const evaluation = useEvaluation(hospitalId, contractId, evaluationId);
  const listPath = `${contractPath(hospitalId, contractId)}/evaluations`;
  const allCrumbs = [...crumbs, { title: t.evaluations.title, to: listPath }];
  if (evaluation.isPending || contract.isPending) {
    return (
      <>
        <PageHeader title={t.evaluations.title} crumbs={allCrumbs} />
        <PageLoading />
      </>
    );
  }
  if (evaluation.isError || contract.isError) {
    const error = evaluation.error ?? contract.error;
    return (
      <>
        <PageHeader title={t.evaluations.title} crumbs={allCrumbs} />
        <QueryError
          error={error}
          onRetry={() => void (evaluation.isError ? evaluation.refetch() : contract.refetch())}
        />
      </>
    );
  }
  return (
    <EvaluationBody
      evaluation={evaluation.data.evaluation}
      contentSha256={evaluation.data.contentSha256}
      thresholds={contract.data.terms.evaluation}
      crumbs={allCrumbs}
      role={me.role}
    />
  );
}

function EvaluationBody({
  evaluation: e,
  contentSha256,
  thresholds,
  crumbs,
  role,
}: {
  evaluation: Evaluation;
  contentSha256: string;
  thresholds: Thresholds;
  crumbs: { title: string; to?: string }[];
  role: string;
}) {
  const t = useT();
  const may = useMayCall();
  const { actions, error } = useVendorActions({ evaluation: e });
  return (
    <>
      <PageHeader
        title={evaluationTitle(t, e)}
        crumbs={crumbs}
        tags={
          <Space size={4}>
            <Tag color={statusColors[e.status]} data-testid="evaluation-status">
              {t.evaluations.statuses[e.status]}
            </Tag>
            {e.rating ? <RatingTag rating={e.rating.overall} testId="evaluation-overall" /> : null}
          </Space>
        }
        extra={actions.length > 0 ? <Space wrap>{actions}</Space> : undefined}
      />
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {error ? <ProblemAlert error={error} /> : null}
        <Card
          size="small"
          title={t.evaluations.figures}
          extra={
            <Typography.Text type="secondary">
              {e.period.startsOn} – {e.period.endsOn}
            </Typography.Text>
          }
        >
          <Figures evaluation={e} />
        </Card>
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={12}>
            <SectionCard
              evaluation={e}
              section="serviceLevel"
              thresholds={thresholds}
              mayEnter={role === 'hospital-dept' && may('enterServiceLevel')}
            />
          </Col>
          <Col xs={24} lg={12}>
            <SectionCard
              evaluation={e}
              section="serviceQuality"
              thresholds={thresholds}
              mayEnter={role === 'hospital-it' && may('enterServiceQuality')}
            />
          </Col>
        </Row>
        <Signatures evaluation={e} contentSha256={contentSha256} />
        <Disputes evaluation={e} />
      </Space>
    </>
  );
}
