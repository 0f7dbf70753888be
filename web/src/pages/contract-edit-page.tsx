import { ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Input, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/api-error.ts';
import {
  queryKeys,
  useContract,
  useCurrentUser,
  useHospital,
  useMayCall,
  type Contract,
} from '../api/queries.ts';
import { useApi } from '../auth/auth-context.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { NotFound, PageLoading, ProblemAlert, QueryError } from '../components/page-states.tsx';
import { useT } from '../i18n/locale.tsx';
import { hospitalCrumbs } from './hospital-page.tsx';
import { fieldOfPath, type ContractField } from './field-paths.ts';
import { fenOfYuan, subsystemSum, yuanOfFen } from './contract-new/contract-amounts.ts';
import {
  ContactsCard,
  SubsystemsCard,
  TermAndMoneyCols,
} from './contract-new/contract-new-parts.tsx';

interface ContactValues {
  name: string;
  title?: string;
  email: string;
  phone?: string;
}
interface FormValues {
  name: string;
  number?: string;
  signedOn: string;
  startsOn: string;
  endsOn: string;
  /** 元, as typed; sent as integer fen. */
  total: string;
  coveredSystem: string;
  subsystems: { name: string; amount: string }[];
  serviceManager: { name: string; email: string };
  escalationContacts: ContactValues[];
  /** 允许暂停计时 (terms.slaPause); off unless the contract opts in. */
  slaPauseAllowed: boolean;
}

function valuesOf(c: Contract): FormValues {
  return {
    name: c.terms.name,
    number: c.terms.number ?? '',
    signedOn: c.terms.signedOn,
    startsOn: c.terms.term.startsOn,
    endsOn: c.terms.term.endsOn,
    total: yuanOfFen(c.terms.totalFen),
    coveredSystem: c.terms.coveredSystem,
    subsystems: c.terms.subsystems.map((x) => ({ name: x.name, amount: yuanOfFen(x.amountFen) })),
    serviceManager: {
      name: c.terms.serviceManager?.name ?? '',
      email: c.terms.serviceManager?.email ?? '',
    },
    escalationContacts: c.terms.escalationContacts.map((x) => ({
      name: x.name,
      title: x.title ?? '',
      email: x.email,
      phone: x.phone ?? '',
    })),
    slaPauseAllowed: c.terms.slaPause?.allowed === true,
  };
}

const blankToNull = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : null);

function ContractEditForm({ initial, hospitalId }: { initial: Contract; hospitalId: string }) {
  const t = useT();
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  // The version this edit is applied on; a 409 means someone saved after it was read.
  const [base, setBase] = useState(initial);
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const [reloaded, setReloaded] = useState<Contract | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [reloading, setReloading] = useState(false);
  const key = queryKeys.contract(hospitalId, initial.id);
  const contractPath = `/hospitals/${encodeURIComponent(hospitalId)}/contracts/${initial.id}`;
  // The live check of the subsystem amounts against the total, as on 新建合同.
  const total = (Form.useWatch('total', form) as string | undefined) ?? valuesOf(initial).total;
  const amounts = (
    (Form.useWatch('subsystems', form) as FormValues['subsystems'] | undefined) ??
    valuesOf(initial).subsystems
  ).map((x) => x?.amount ?? '');

  const save = async (values: FormValues) => {
    setSaving(true);
    setProblem(null);
    try {
      const updated = await api.call('updateContract', {
        params: { hospitalId, contractId: initial.id },
        body: {
          version: base.version,
          terms: {
            ...base.terms,
            name: values.name.trim(),
            number: values.number?.trim() || undefined,
            signedOn: values.signedOn,
            term: { startsOn: values.startsOn, endsOn: values.endsOn },
            totalFen: fenOfYuan(values.total) ?? base.terms.totalFen,
            coveredSystem: values.coveredSystem.trim(),
            // The subsystems keep their ids (tickets and ledger entries name them) by position.
            subsystems: values.subsystems.map((x, i) => ({
              id: base.terms.subsystems[i]?.id ?? `s${i + 1}`,
              name: x.name.trim(),
              amountFen: fenOfYuan(x.amount) ?? 0,
            })),
            serviceManager: {
              name: values.serviceManager.name.trim(),
              email: values.serviceManager.email.trim(),
            },
            escalationContacts: (values.escalationContacts ?? []).map((c) => ({
              name: c.name.trim(),
              email: c.email.trim(),
              title: blankToNull(c.title),
              phone: blankToNull(c.phone),
            })),
            slaPause: { allowed: values.slaPauseAllowed === true },
          },
        },
      });
      queryClient.setQueryData(key, updated);
      void queryClient.invalidateQueries({
        queryKey: queryKeys.contracts(hospitalId),
        exact: true,
      });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit(hospitalId) });
      message.success(t.contracts.saved);
      navigate(contractPath);
    } catch (err) {
      if (err instanceof ApiError && err.isConflict && err.currentVersion !== undefined) {
        setConflict(err);
      } else if (err instanceof ApiError && err.status === 400 && err.fieldErrors.length > 0) {
        // Each message goes next to its field; what no field shows goes in the alert above.
        const unbound = err.fieldErrors.filter((e) => fieldOfPath(e.path) === null);
        form.setFields(
          err.fieldErrors
            .map((e) => ({ name: fieldOfPath(e.path), errors: [e.message] }))
            .filter((f): f is { name: ContractField; errors: string[] } => f.name !== null),
        );
        if (unbound.length > 0) setProblem(err);
      } else {
        setProblem(err);
      }
    } finally {
      setSaving(false);
    }
  };

  const reloadLatest = async () => {
    setReloading(true);
    try {
      const latest = await queryClient.fetchQuery({
        queryKey: key,
        queryFn: () => api.call('getContract', { params: { hospitalId, contractId: initial.id } }),
        staleTime: 0,
      });
      // Only the base moves: the form keeps what the user typed.
      setBase(latest);
      setReloaded(latest);
      setConflict(null);
      message.info(t.contracts.reloaded(latest.version));
    } catch (err) {
      setProblem(err);
    } finally {
      setReloading(false);
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t.contracts.editHint}</Typography.Text>
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          title={t.contracts.conflictTitle}
          description={t.contracts.conflictBody(conflict.currentVersion)}
          action={
            <Button
              icon={<ReloadOutlined />}
              loading={reloading}
              onClick={() => void reloadLatest()}
              data-testid="reload-latest"
            >
              {t.contracts.reloadLatest}
            </Button>
          }
          data-testid="conflict"
        />
      ) : null}
      {reloaded ? (
        <Alert
          type="info"
          showIcon
          closable={{ onClose: () => setReloaded(null) }}
          title={t.contracts.reloaded(reloaded.version)}
          description={`${t.contracts.theirName}：${reloaded.terms.name}`}
          data-testid="reloaded"
        />
      ) : null}
      {problem ? <ProblemAlert error={problem} /> : null}
      <Form<FormValues>
        form={form}
        name="contract-edit"
        layout="vertical"
        initialValues={valuesOf(initial)}
        onFinish={(v) => void save(v)}
        requiredMark
      >
        <Card size="small" title={t.contracts.overview}>
          <Form.Item
            name="name"
            label={t.contracts.name}
            rules={[{ required: true, whitespace: true, message: t.contracts.required }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="number"
            label={t.contracts.number}
            extra={t.contracts.numberHint}
            style={{ marginBottom: 0 }}
          >
            <Input maxLength={64} data-testid="contract-number" />
          </Form.Item>
        </Card>
        <Card size="small" title={t.contracts.termAndMoney} style={{ marginTop: 12 }}>
          <Row gutter={12}>
            <TermAndMoneyCols />
          </Row>
        </Card>
        <div style={{ marginTop: 12 }}>
          <SubsystemsCard total={total} amounts={amounts} />
        </div>
        <Space orientation="vertical" size={12} style={{ width: '100%', marginTop: 12 }}>
          <ContactsCard />
          <Card size="small" title={t.slaPause.contractCard}>
            <Form.Item
              name="slaPauseAllowed"
              valuePropName="checked"
              extra={t.slaPause.allowedHint}
              style={{ marginBottom: 0 }}
            >
              <Checkbox data-testid="sla-pause-allowed">{t.slaPause.allowed}</Checkbox>
            </Form.Item>
          </Card>
        </Space>
        <Space style={{ marginTop: 12 }}>
          <Button
            type="primary"
            htmlType="submit"
            loading={saving}
            disabled={!subsystemSum(total, amounts).addsUp}
            data-testid="save-contract"
          >
            {t.common.save}
          </Button>
          <Button onClick={() => navigate(contractPath)}>{t.common.cancel}</Button>
          <Typography.Text type="secondary">
            {t.common.version} {base.version}
          </Typography.Text>
        </Space>
      </Form>
    </Space>
  );
}

export function ContractEditPage() {
  const t = useT();
  const { hospitalId = '', contractId = '' } = useParams();
  const me = useCurrentUser();
  const may = useMayCall();
  const contract = useContract(hospitalId, contractId);
  const hospital = useHospital(hospitalId);
  if (!may('updateContract')) return <NotFound />;
  if (contract.isPending) return <PageLoading />;
  if (contract.isError) {
    return <QueryError error={contract.error} onRetry={() => void contract.refetch()} />;
  }
  const crumbs = hospitalCrumbs(me.hospitalId === null, t, {
    id: hospitalId,
    name: hospital.data?.name ?? hospitalId,
  });
  crumbs.push({
    title: contract.data.terms.name,
    to: `/hospitals/${encodeURIComponent(hospitalId)}/contracts/${contractId}`,
  });
  return (
    <>
      <PageHeader title={t.contracts.editTitle} crumbs={crumbs} />
      <ContractEditForm key={contract.data.id} initial={contract.data} hospitalId={hospitalId} />
    </>
  );
}
