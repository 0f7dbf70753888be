import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Space } from 'antd';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../api/api-error.ts';
import { invalidateHospitalLists, queryKeys, useMayCall } from '../api/queries.ts';
import { useApi } from '../auth/auth-context.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { NotFound, ProblemAlert } from '../components/page-states.tsx';
import { useT } from '../i18n/locale.tsx';
import { hospitalFieldOfPath, type HospitalField } from './field-paths.ts';
import { campusesOfText, HospitalFieldItems } from './hospital-fields.tsx';

interface FormValues {
  id: string;
  name: string;
  code: string;
  campuses?: string;
  intakeLocalPart: string;
}

/** Onboarding a hospital (vendor admin). The API's checks are the rules: its messages show at the fields. */
export function CreateHospitalPage() {
  const t = useT();
  const api = useApi();
  const may = useMayCall();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const previousId = useRef('');
  const [problem, setProblem] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  if (!may('createHospital')) return <NotFound />;

  const save = async (v: FormValues) => {
    setSaving(true);
    setProblem(null);
    try {
      const created = await api.call('createHospital', {
        body: {
          id: v.id.trim(),
          name: v.name.trim(),
          code: v.code.trim(),
          intakeLocalPart: v.intakeLocalPart.trim(),
          campuses: campusesOfText(v.campuses),
        },
      });
      queryClient.setQueryData(queryKeys.hospital(created.id), created);
      invalidateHospitalLists(queryClient);
      message.success(t.hospitals.created(created.name));
      navigate(`/hospitals/${encodeURIComponent(created.id)}`);
    } catch (err) {
      const fields =
        err instanceof ApiError
          ? err.fieldErrors.map((e) => ({ name: hospitalFieldOfPath(e.path), errors: [e.message] }))
          : [];
      const bound = fields.filter(
        (f): f is { name: HospitalField; errors: string[] } => f.name !== null,
      );
      form.setFields(bound);
      if (bound.length === 0 || bound.length < fields.length) setProblem(err);
    } finally {
      setSaving(false);
    }
  };

  const required = [{ required: true, whitespace: true, message: t.contracts.required }];
  return (
    <>
      <PageHeader
        title={t.hospitals.createTitle}
        crumbs={[{ title: t.nav.hospitals, to: '/hospitals' }]}
      />
      <Card size="small">
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {problem ? <ProblemAlert error={problem} /> : null}
          <Form<FormValues>
            form={form}
            name="create-hospital"
            layout="vertical"
            onFinish={(v) => void save(v)}
            onValuesChange={(changed: Partial<FormValues>) => {
              // The intake mailbox usually is the id: it follows the id for as long as it still
              // equals the id before (a submit marks every field touched, so that is not the test).
              if (changed.id !== undefined) {
                const intake = (form.getFieldValue('intakeLocalPart') as string | undefined) ?? '';
                if (intake === '' || intake === previousId.current)
                  form.setFieldValue('intakeLocalPart', changed.id);
                previousId.current = changed.id;
              }
            }}
          >
            <HospitalFieldItems
              idItem={
                <Form.Item
                  name="id"
                  label={t.hospitals.id}
                  rules={required}
                  extra={t.hospitals.idHelp}
                >
                  <Input autoCapitalize="none" />
                </Form.Item>
              }
            />
            <Space>
              <Button
                type="primary"
                htmlType="submit"
                loading={saving}
                data-testid="create-hospital"
              >
                {t.common.save}
              </Button>
              <Button onClick={() => navigate('/hospitals')}>{t.common.cancel}</Button>
            </Space>
          </Form>
        </Space>
      </Card>
    </>
  );
}
