import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Grid, Row, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import {
  useContract,
  useCurrentUser,
  useHospital,
  useMayCall,
  type Contract,
} from '../api/queries.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoading, QueryError } from '../components/page-states.tsx';
import { milestoneShareText } from '../format/milestone-share.ts';
import { formatBp, formatCny, formatShanghai, minutesAsHours } from '../format/format.ts';
import { useT } from '../i18n/locale.tsx';
import type { Messages } from '../i18n/messages.ts';
import { hospitalCrumbs } from './hospital-page.tsx';
import { ContactsMissingAlert } from './contract-new/contacts-missing-alert.tsx';

type Terms = Contract['terms'];
type Item<K extends keyof Terms> = Terms[K] extends readonly (infer T)[] ? T : never;

export const severityColors = { fatal: 'red', serious: 'orange', minor: 'gold' } as const;

/** The clause a rule comes from, quoted: people check the rule against the signed text. */
function Source({ text }: { text: string }) {
  return (
    <Typography.Paragraph
      type="secondary"
      className="source-text"
      ellipsis={{ rows: 2, expandable: 'collapsible' }}
      style={{ marginBottom: 0 }}
    >
      {text}
    </Typography.Paragraph>
  );
}

/** How a vague clause was read (解读), shown apart from the clause itself. */
function Reading({ text }: { text: string | undefined }) {
  return text ? (
    <Typography.Text type="warning" style={{ fontSize: 12 }}>
      {text}
    </Typography.Text>
  ) : null;
}

/** On wide screens the clause is a column; on a phone it moves into an expandable row. */
function sourceColumn(t: Messages) {
  return {
    title: t.common.sourceText,
    dataIndex: 'sourceText',
    responsive: ['md' as const],
    render: (s: string) => <Source text={s} />,
  };
}

function usePhone(): boolean {
  return !Grid.useBreakpoint().md;
}

/** A dense table of contract rules, each row with its source clause (folded into the row on a phone). */
function SourceTable<T extends { sourceText: string; reading?: string }>({
  testId,
  rows,
  rowKey,
  columns,
  width = 860,
}: {
  testId: string;
  rows: T[];
  rowKey: string | ((row: T) => string);
  columns: ColumnsType<T>;
  width?: number;
}) {
  const t = useT();
  const phone = usePhone();
  return (
    <Table<T>
      size="small"
      rowKey={rowKey}
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: phone ? 'max-content' : width }}
      locale={{ emptyText: t.common.none }}
      data-testid={testId}
      {...(phone
        ? {
            expandable: {
              expandedRowRender: (r: T) => (
                <>
                  <Typography.Paragraph
                    type="secondary"
                    className="source-text"
                    style={{ margin: 0 }}
                  >
                    {r.sourceText}
                  </Typography.Paragraph>
                  <Reading text={r.reading} />
                </>
              ),
            },
          }
        : {})}
    />
  );
}

function Section({
  title,
  extra,
  children,
  testId,
}: {
  title: string;
  extra?: ReactNode;
  children: ReactNode;
  testId: string;
}) {
  return (
    <Card size="small" title={title} extra={extra} data-testid={testId}>
      {children}
    </Card>
  );
}

function hours(t: Messages, minutes: number | null, none: string): string {
  return minutes === null ? none : t.common.hours(minutesAsHours(minutes));
}

function SubsystemsTable({ terms }: { terms: Terms }) {
  const t = useT();
  const sum = terms.subsystems.reduce((s, x) => s + x.amountFen, 0);
  const columns: ColumnsType<Item<'subsystems'>> = [
    { title: '#', key: 'n', width: 44, render: (_, __, i) => i + 1 },
    { title: t.contracts.subsystemName, dataIndex: 'name' },
    {
      title: t.contracts.amount,
      dataIndex: 'amountFen',
      align: 'right',
      width: 150,
      render: (fen: number) => <span className="money">{formatCny(fen)}</span>,
    },
  ];
  return (
    <>
      <Table
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={terms.subsystems}
        pagination={false}
        data-testid="subsystem-table"
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}>
              <Typography.Text strong>{t.common.total}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              <Typography.Text strong className="money" data-testid="subsystem-sum">
                {formatCny(sum)}
              </Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      {sum !== terms.totalFen ? (
        <Typography.Text type="warning">
          {t.contracts.unallocated(formatCny(terms.totalFen - sum))}
        </Typography.Text>
      ) : null}
    </>
  );
}

export function SlaTable({ terms }: { terms: Terms }) {
  const t = useT();
  const columns: ColumnsType<Item<'slaTargets'>> = [
    {
      title: t.contracts.severity,
      dataIndex: 'severity',
      width: 96,
      render: (s: keyof typeof severityColors) => (
        <Tag color={severityColors[s]}>{t.severities[s]}</Tag>
      ),
    },
    {
      title: t.contracts.response,
      dataIndex: 'responseMinutes',
      width: 80,
      align: 'right',
      render: (m: number) => hours(t, m, ''),
    },
    {
      title: t.contracts.onSite,
      dataIndex: 'onSiteMinutes',
      width: 80,
      align: 'right',
      render: (m: number | null) => hours(t, m, t.contracts.noOnSite),
    },
    {
      title: t.contracts.resolution,
      dataIndex: 'resolutionMinutes',
      width: 130,
      align: 'right',
      render: (m: number | null) => hours(t, m, t.contracts.servicePack),
    },
    sourceColumn(t),
  ];
  return (
    <SourceTable
      testId="sla-table"
      rows={terms.slaTargets}
      rowKey="severity"
      columns={columns}
      width={600}
    />
  );
}

export function DeductionsTable({ terms }: { terms: Terms }) {
  const t = useT();
  const columns: ColumnsType<Item<'deductionRules'>> = [
    {
      title: t.contracts.trigger,
      key: 'trigger',
      width: 190,
      render: (_, r) => (
        <>
          {t.triggers[r.trigger]}
          {r.thresholdMinutes !== null ? (
            <Typography.Text type="secondary">
              {' '}
              {t.contracts.thresholdOver(r.thresholdMinutes)}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    {
      title: t.contracts.severity,
      dataIndex: 'severity',
      width: 96,
      render: (s: keyof typeof severityColors | null) =>
        s === null ? (
          t.contracts.anySeverity
        ) : (
          <Tag color={severityColors[s]}>{t.severities[s]}</Tag>
        ),
    },
    {
      title: t.contracts.base,
      dataIndex: 'base',
      width: 100,
      render: (b: Item<'deductionRules'>['base']) => t.bases[b],
    },
    {
      title: t.contracts.rate,
      dataIndex: 'rateBp',
      width: 70,
      align: 'right',
      render: (bp: number) => formatBp(bp),
    },
    {
      title: t.contracts.cap,
      dataIndex: 'capFen',
      width: 110,
      align: 'right',
      render: (fen: number | null) => (fen === null ? t.contracts.noCap : formatCny(fen)),
    },
    sourceColumn(t),
  ];
  return (
    <SourceTable
      testId="deduction-table"
      rows={terms.deductionRules}
      rowKey="id"
      columns={columns}
      width={860}
    />
  );
}

function PaymentsTable({ terms }: { terms: Terms }) {
  const t = useT();
  const columns: ColumnsType<Item<'paymentMilestones'>> = [
    {
      title: t.contracts.milestone,
      dataIndex: 'kind',
      width: 80,
      render: (k: Item<'paymentMilestones'>['kind']) => t.milestoneKinds[k],
    },
    {
      title: t.contracts.share,
      key: 'share',
      width: 200,
      render: (_, m) => milestoneShareText(m, terms.paymentMilestones, t.contracts),
    },
    {
      title: t.contracts.invoiceable,
      key: 'when',
      width: 220,
      render: (_, m) => (
        <>
          <div>
            {m.invoiceableWhen.kind === 'after-months'
              ? t.contracts.afterMonths(m.invoiceableWhen.months)
              : t.invoiceableKinds[m.invoiceableWhen.kind]}
          </div>
          <Typography.Text type="secondary">
            {t.contracts.payWithin(m.payWithinWorkingDays)}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t.contracts.conditions,
      key: 'conditions',
      width: 150,
      render: (_, m) =>
        !m.requiresQualifiedEvaluations && !m.requiresDeliverables ? (
          '—'
        ) : (
          <Space orientation="vertical" size={0}>
            {m.requiresQualifiedEvaluations ? <span>{t.contracts.needsEvaluations}</span> : null}
            {m.requiresDeliverables ? <span>{t.contracts.needsDeliverables}</span> : null}
          </Space>
        ),
    },
    sourceColumn(t),
  ];
  return (
    <SourceTable
      testId="payment-table"
      rows={terms.paymentMilestones}
      rowKey="id"
      columns={columns}
      width={860}
    />
  );
}

function ObligationsTable({ terms }: { terms: Terms }) {
  const t = useT();
  const columns: ColumnsType<Item<'obligations'>> = [
    {
      title: t.contracts.obligation,
      dataIndex: 'kind',
      width: 140,
      render: (k: Item<'obligations'>['kind']) => t.obligationKinds[k],
    },
    {
      title: t.contracts.cadence,
      dataIndex: 'cadence',
      width: 80,
      render: (c: Item<'obligations'>['cadence']) => t.cadences[c],
    },
    {
      title: t.contracts.owner,
      dataIndex: 'owner',
      width: 110,
      render: (o: Item<'obligations'>['owner']) => t.roles[o],
    },
    { title: t.contracts.proof, dataIndex: 'proof', width: 220 },
    {
      ...sourceColumn(t),
      render: (_: string, o: Item<'obligations'>) => (
        <>
          <Source text={o.sourceText} />
          <Reading text={o.reading} />
        </>
      ),
    },
  ];
  return (
    <SourceTable
      testId="obligation-table"
      rows={terms.obligations}
      rowKey={(o) => `${o.kind}:${o.cadence}`}
      columns={columns}
      width={860}
    />
  );
}

export function ContactsTable({ terms }: { terms: Terms }) {
  const t = useT();
  const columns: ColumnsType<Item<'escalationContacts'>> = [
    { title: t.contracts.contactName, dataIndex: 'name' },
    { title: t.contracts.contactTitle, dataIndex: 'title', render: (v: string | null) => v ?? '—' },
    { title: t.contracts.contactEmail, dataIndex: 'email' },
    {
      title: t.contracts.contactPhone,
      dataIndex: 'phone',
      responsive: ['sm'],
      render: (v: string | null) => v ?? '—',
    },
  ];
  return (
    <Table
      size="small"
      rowKey={(c) => `${c.email}:${c.name}`}
      columns={columns}
      dataSource={terms.escalationContacts}
      pagination={false}
      locale={{ emptyText: t.contracts.noContacts }}
      data-testid="contact-table"
    />
  );
}

function Overview({ contract }: { contract: Contract }) {
  const t = useT();
  const { terms } = contract;
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, xl: 3 }}
      items={[
        {
          key: 'number',
          label: t.contracts.number,
          children: <span data-testid="contract-number">{terms.number ?? t.common.none}</span>,
        },
        {
          key: 'total',
          label: t.contracts.total,
          children: (
            <Typography.Text strong className="money" data-testid="contract-total">
              {formatCny(terms.totalFen)}
            </Typography.Text>
          ),
        },
        {
          key: 'term',
          label: t.contracts.term,
          children: `${terms.term.startsOn} ~ ${terms.term.endsOn}`,
        },
        { key: 'signed', label: t.contracts.signedOn, children: terms.signedOn },
        {
          key: 'covered',
          label: t.contracts.coveredSystem,
          children: terms.coveredSystem,
          span: { xs: 1, sm: 2, xl: 2 },
        },
        {
          key: 'renewal',
          label: t.contracts.renewal,
          children: t.contracts.renewalCount(terms.renewal.count, terms.renewal.limit),
        },
        {
          key: 'version',
          label: t.common.version,
          children: `${contract.version} · ${formatShanghai(contract.updatedAt)}`,
        },
      ]}
    />
  );
}

export function ContractPage() {
  const t = useT();
  const { hospitalId = '', contractId = '' } = useParams();
  const me = useCurrentUser();
  const may = useMayCall();
  const contract = useContract(hospitalId, contractId);
  const hospital = useHospital(hospitalId);

  if (contract.isPending) return <PageLoading rows={10} />;
  if (contract.isError) {
    return <QueryError error={contract.error} onRetry={() => void contract.refetch()} />;
  }
  const c = contract.data;
  const { terms } = c;
  const ld = terms.liquidatedDamages;
  const ev = terms.evaluation;
  const editPath = `/hospitals/${encodeURIComponent(hospitalId)}/contracts/${c.id}/edit`;
  return (
    <>
      <PageHeader
        title={terms.name}
        crumbs={hospitalCrumbs(
          me.hospitalId === null,
          t,
          hospital.data
            ? { id: hospitalId, name: hospital.data.name }
            : { id: hospitalId, name: hospitalId },
        )}
        extra={
          <>
            {may('listLedger') ? (
              <Link to={`${editPath.replace(/\/edit$/, '')}/ledger`}>
                <Button data-testid="open-ledger">{t.ledger.title}</Button>
              </Link>
            ) : null}
            {may('listObligations') ? (
              <Link to={`${editPath.replace(/\/edit$/, '')}/obligations`}>
                <Button data-testid="open-obligations">{t.obligations.open}</Button>
              </Link>
            ) : null}
            {may('listInspections') ? (
              <Link to={`${editPath.replace(/\/edit$/, '')}/inspections`}>
                <Button data-testid="open-inspections">{t.inspections.open}</Button>
              </Link>
            ) : null}
            {may('listFeedbackRounds') ? (
              <Link to={`${editPath.replace(/\/edit$/, '')}/feedback`}>
                <Button data-testid="open-feedback">{t.feedback.open}</Button>
              </Link>
            ) : null}
            {may('listEvaluations') ? (
              <Link to={`${editPath.replace(/\/edit$/, '')}/evaluations`}>
                <Button data-testid="open-evaluations">{t.records.evaluations}</Button>
              </Link>
            ) : null}
            {may('listDeliverables') ? (
              <Link to={`${editPath.replace(/\/edit$/, '')}/deliverables`}>
                <Button data-testid="open-deliverables">{t.records.deliverables}</Button>
              </Link>
            ) : null}
            {may('listPayments') ? (
              <Link to={`${editPath.replace(/\/edit$/, '')}/payments`}>
                <Button data-testid="open-payments">{t.records.payments}</Button>
              </Link>
            ) : null}
            {may('updateContract') ? (
              <Link to={editPath}>
                <Button type="primary" icon={<EditOutlined />} data-testid="edit-contract">
                  {t.common.edit}
                </Button>
              </Link>
            ) : null}
          </>
        }
      />
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <ContactsMissingAlert terms={terms} />
        <Section title={t.contracts.overview} testId="contract-overview">
          <Overview contract={c} />
        </Section>
        <Row gutter={[12, 12]}>
          <Col xs={24} xl={10}>
            <Section
              title={t.contracts.subsystems}
              extra={
                <Typography.Text type="secondary">
                  {t.contracts.subsystemsCount(terms.subsystems.length)}
                </Typography.Text>
              }
              testId="contract-subsystems"
            >
              <SubsystemsTable terms={terms} />
            </Section>
          </Col>
          <Col xs={24} xl={14}>
            <Section title={t.contracts.sla} testId="contract-sla">
              <SlaTable terms={terms} />
              <Typography.Paragraph
                type="secondary"
                data-testid="contract-sla-pause"
                style={{ marginTop: 8, marginBottom: 0 }}
              >
                {t.slaPause.onContract(terms.slaPause?.allowed === true)}
              </Typography.Paragraph>
            </Section>
          </Col>
        </Row>
        <Section title={t.contracts.deductions} testId="contract-deductions">
          <DeductionsTable terms={terms} />
        </Section>
        <Section title={t.contracts.payments} testId="contract-payments">
          <PaymentsTable terms={terms} />
        </Section>
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={12}>
            <Section title={t.contracts.damages} testId="contract-damages">
              <Typography.Text strong>
                {t.contracts.damagesRule(
                  formatBp(ld.rateBp),
                  ld.perWorkingDays,
                  formatBp(ld.capBp),
                )}
              </Typography.Text>
              <div>
                <Typography.Text type="secondary">
                  {ld.blocks === 'started'
                    ? t.contracts.blocksStarted
                    : t.contracts.blocksWhole(ld.perWorkingDays)}
                </Typography.Text>
              </div>
              <Source text={ld.sourceText} />
            </Section>
          </Col>
          <Col xs={24} lg={12}>
            <Section
              title={`${t.contracts.renewal} · ${t.contracts.evaluation}`}
              testId="contract-renewal"
            >
              <Typography.Text strong data-testid="renewal-count">
                {t.contracts.renewalCount(terms.renewal.count, terms.renewal.limit)}
              </Typography.Text>
              <Source text={terms.renewal.sourceText} />
              <Typography.Text strong>
                {t.contracts.evaluationRule(
                  formatBp(ev.excellentBp),
                  formatBp(ev.goodBp),
                  formatBp(ev.qualifiedBp),
                )}
              </Typography.Text>
              <Source text={ev.sourceText} />
            </Section>
          </Col>
        </Row>
        <Section title={t.contracts.obligations} testId="contract-obligations">
          <ObligationsTable terms={terms} />
        </Section>
        <Section
          title={t.contracts.contacts}
          testId="contract-contacts"
          extra={
            may('updateContract') ? (
              <Link to={editPath}>
                <Button size="small" icon={<EditOutlined />}>
                  {t.common.edit}
                </Button>
              </Link>
            ) : null
          }
        >
          <ContactsTable terms={terms} />
        </Section>
      </Space>
    </>
  );
}
