import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/api-error.ts';
import { queryKeys, useCurrentUser, useHospital, useMayCall } from '../../api/queries.ts';
import type { ResponseOf } from '../../api/types.ts';
import { useApi } from '../../auth/auth-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { NotFound, PageLoading, ProblemAlert, QueryError } from '../../components/page-states.tsx';
import { useT } from '../../i18n/locale.tsx';
import type { Messages } from '../../i18n/messages.ts';
import { DeductionsTable, SlaTable } from '../contract-page.tsx';
import { newContractFieldOfPath, type NewContractField } from '../field-paths.ts';
import { hospitalCrumbs } from '../hospital-page.tsx';
import { subsystemSum } from './contract-amounts.ts';
import {
  termEnd,
  termsOfValues,
  valuesOfTemplate,
  type NewContractValues,
} from './contract-form-values.ts';
import { ContactsCard, SubsystemsCard, TermAndMoneyCols } from './contract-new-parts.tsx';

type Template = ResponseOf<'listContractTemplates'>['items'][number];

const hasChinese = /[\u3400-\u9fff]/;

/**
 * The server's own checks of the terms answer in Chinese, except a few rules written in English
 * (the sum of the subsystems, the end of the term): those, and anything else not in Chinese, are
 * told in Chinese here, so no English reaches the zh screen.
 */
function chineseFieldError(t: Messages, e: { path: string; message: string }) {
  if (hasChinese.test(e.message)) return e;
  if (e.path === 'terms.subsystems') return { ...e, message: t.contractNew.sumBlocks };
  if (e.path === 'terms.term.endsOn') return { ...e, message: t.contractNew.endsBeforeStart };
  return { ...e, message: t.contractNew.invalidField };
}

function NewContractForm({ hospitalId, templates }: { hospitalId: string; templates: Template[] }) {
  const t = useT();
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewContractValues>();
  const [template, setTemplate] = useState<Template>(templates[0] as Template);
  const [problem, setProblem] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  // The same terms sent again (保存 pressed after a lost answer) keep their Idempotency-Key, so the
  // server answers with the contract it made instead of making a second; other terms get a new key.
  const lastSent = useRef<{ body: string; key: string } | null>(null);
  const total = (Form.useWatch('total', form) as string | undefined) ?? '';
  const subsystems = (Form.useWatch('subsystems', form) as NewContractValues['subsystems']) ?? [];
  const amounts = subsystems.map((s) => s?.amount ?? '');
  const addsUp = subsystemSum(total, amounts).addsUp;
  const hospitalPath = `/hospitals/${encodeURIComponent(hospitalId)}`;

  const chooseTemplate = (id: string) => {
    const next = templates.find((x) => x.id === id);
    if (!next) return;
    setTemplate(next);
    const v = form.getFieldsValue(['serviceManager', 'escalationContacts']) as NewContractValues;
    form.setFieldsValue(valuesOfTemplate(next.id, next.example, v));
  };

  const save = async (values: NewContractValues) => {
    if (
      !subsystemSum(
        values.total,
        values.subsystems.map((s) => s.amount),
      ).addsUp
    )
      return;
    setSaving(true);
    setProblem(null);
    try {
      const terms = termsOfValues(template.example, values);
      const body = JSON.stringify(terms);
      if (lastSent.current?.body !== body) lastSent.current = { body, key: crypto.randomUUID() };
      const created = await api.call('createContract', {
        params: { hospitalId },
        body: { terms },
        idempotencyKey: lastSent.current.key,
      });
      queryClient.setQueryData(queryKeys.contract(hospitalId, created.id), created);
      void queryClient.invalidateQueries({
        queryKey: queryKeys.contracts(hospitalId),
        exact: true,
      });
      message.success(t.contractNew.created(created.terms.name));
      navigate(`${hospitalPath}/contracts/${created.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.fieldErrors.length > 0) {
        // Each message goes next to its field; what no field shows goes in the alert above.
        const errors = err.fieldErrors.map((e) => chineseFieldError(t, e));
        form.setFields(
          errors
            .map((e) => ({ name: newContractFieldOfPath(e.path), errors: [e.message] }))
            .filter((f): f is { name: NewContractField; errors: string[] } => f.name !== null),
        );
        const unbound = errors.filter((e) => newContractFieldOfPath(e.path) === null);
        if (unbound.length > 0) {
          setProblem(new ApiError({ ...err.problem, errors: unbound }));
        }
      } else {
        setProblem(err);
      }
    } finally {
      setSaving(false);
    }
  };

  const required = [{ required: true, whitespace: true, message: t.contracts.required }];
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t.contractNew.hint}</Typography.Text>
      {problem ? <ProblemAlert error={problem} /> : null}
      <Form<NewContractValues>
        form={form}
        name="contract-new"
        layout="vertical"
        initialValues={valuesOfTemplate(template.id, template.example)}
        onFinish={(v) => void save(v)}
        onValuesChange={(changed: Partial<NewContractValues>) => {
          if (changed.startsOn && /^\d{4}-\d{2}-\d{2}$/.test(changed.startsOn)) {
            form.setFieldValue('endsOn', termEnd(changed.startsOn, template.termMonths));
          }
        }}
        requiredMark
      >
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Card size="small" title={t.contracts.overview}>
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item name="templateId" label={t.contractNew.template}>
                  <Select
                    data-testid="contract-template"
                    onChange={chooseTemplate}
                    options={templates.map((x) => ({
                      value: x.id,
                      label: `${x.name}（${t.contractNew.termMonths(x.termMonths)}）`,
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="name" label={t.contracts.name} rules={required}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="number" label={t.contracts.number} extra={t.contracts.numberHint}>
                  <Input maxLength={64} />
                </Form.Item>
              </Col>
              <TermAndMoneyCols />
            </Row>
          </Card>
          <SubsystemsCard total={total} amounts={amounts} />
          <Card size="small" title={t.contracts.sla} data-testid="new-contract-sla">
            <Typography.Paragraph type="secondary">{t.contractNew.rulesHint}</Typography.Paragraph>
            <SlaTable terms={template.example} />
          </Card>
          <Card size="small" title={t.contracts.deductions} data-testid="new-contract-deductions">
            <DeductionsTable terms={template.example} />
          </Card>
          <ContactsCard />
          <Space>
            <Button
              type="primary"
              htmlType="submit"
              loading={saving}
              disabled={!addsUp}
              data-testid="create-contract"
            >
              {t.common.save}
            </Button>
            <Button onClick={() => navigate(hospitalPath)}>{t.common.cancel}</Button>
          </Space>
        </Space>
      </Form>
    </Space>
  );
}

/** A contract from a template (vendor admin, service manager): term, money, subsystems, people. */
export function ContractNewPage() {
  const t = useT();
  const api = useApi();
  const { hospitalId = '' } = useParams();
  const me = useCurrentUser();
  const may = useMayCall();
  const hospital = useHospital(hospitalId);
  const allowed = may('createContract') && may('listContractTemplates');
  const templates = useQuery({
    queryKey: ['contract-templates'],
    queryFn: ({ signal }) => api.call('listContractTemplates', { signal }),
    enabled: allowed,
  });
  if (!allowed) return <NotFound />;
  const crumbs = hospitalCrumbs(me.hospitalId === null, t, {
    id: hospitalId,
    name: hospital.data?.name ?? hospitalId,
  });
  const header = <PageHeader title={t.contractNew.title} crumbs={crumbs} />;
  if (hospital.isError) {
    return <QueryError error={hospital.error} onRetry={() => void hospital.refetch()} />;
  }
  if (templates.isPending) return <PageLoading />;
  if (templates.isError) {
    return <QueryError error={templates.error} onRetry={() => void templates.refetch()} />;
  }
  if (templates.data.items.length === 0) {
    return (
      <>
        {header}
        <Typography.Text>{t.contractNew.noTemplates}</Typography.Text>
      </>
    );
  }
  return (
    <>
      {header}
      <NewContractForm hospitalId={hospitalId} templates={templates.data.items} />
    </>
  );
}
