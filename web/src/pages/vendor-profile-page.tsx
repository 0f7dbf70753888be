import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/api-error.ts';
import { useMayCall } from '../api/queries.ts';
import type { ResponseOf } from '../api/types.ts';
import { useApi } from '../auth/auth-context.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { NotFound, PageLoading, ProblemAlert, QueryError } from '../components/page-states.tsx';
import { formatShanghai } from '../format/format.ts';
import { loadIntoUntouched } from '../components/untouched-fields.ts';
import { useT } from '../i18n/locale.tsx';

type Profile = ResponseOf<'getVendorProfile'>;
const profileKey = ['vendor-profile'] as const;

interface Values {
  name: string;
  address?: string;
  sealHolder?: string;
}

const valuesOf = (p: Profile): Values => ({
  name: p.name ?? '',
  address: p.address ?? '',
  sealHolder: p.sealHolder ?? '',
});

/**
 * 服务商信息 (vendor admin): the company as documents print it under 服务提供方, saved on the
 * version read; a change made meanwhile (409) is loaded into the fields left alone.
 */
export function VendorProfilePage() {
  const t = useT();
  const api = useApi();
  const may = useMayCall();
  const client = useQueryClient();
  const profile = useQuery({
    queryKey: profileKey,
    queryFn: ({ signal }) => api.call('getVendorProfile', { signal }),
    enabled: may('getVendorProfile'),
  });
  if (!may('putVendorProfile')) return <NotFound />;
  const header = <PageHeader title={t.vendorProfile.title} />;
  if (profile.isPending) {
    return (
      <>
        {header}
        <PageLoading />
      </>
    );
  }
  if (profile.isError) {
    return (
      <>
        {header}
        <QueryError error={profile.error} onRetry={() => void profile.refetch()} />
      </>
    );
  }
  return (
    <>
      {header}
      <ProfileForm
        profile={profile.data}
        onSaved={(saved) => client.setQueryData(profileKey, saved)}
      />
    </>
  );
}

function ProfileForm({ profile, onSaved }: { profile: Profile; onSaved: (p: Profile) => void }) {
  const t = useT();
  const api = useApi();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [version, setVersion] = useState(profile.version);
  const [conflict, setConflict] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const save = async (v: Values) => {
    setSaving(true);
    setConflict(false);
    setProblem(null);
    try {
      const saved = await api.call('putVendorProfile', {
        body: {
          version,
          name: v.name.trim(),
          address: v.address?.trim() || null,
          sealHolder: v.sealHolder?.trim() || null,
        },
      });
      onSaved(saved);
      setVersion(saved.version);
      form.resetFields();
      form.setFieldsValue(valuesOf(saved));
      message.success(t.vendorProfile.saved);
    } catch (err) {
      if (err instanceof ApiError && err.isConflict) {
        const latest = await api.call('getVendorProfile', {});
        onSaved(latest);
        setVersion(latest.version);
        loadIntoUntouched(form, valuesOf(latest));
        setConflict(true);
        return;
      }
      const fields = err instanceof ApiError ? err.fieldErrors : [];
      const known = ['name', 'address', 'sealHolder'];
      form.setFields(
        fields
          .filter((f) => known.includes(f.path))
          .map((f) => ({ name: f.path as keyof Values, errors: [f.message] })),
      );
      if (!fields.every((f) => known.includes(f.path)) || fields.length === 0) setProblem(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" style={{ maxWidth: 720 }}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t.vendorProfile.hint}
        </Typography.Paragraph>
        {profile.name === null ? (
          <Alert type="warning" showIcon title={t.vendorProfile.notEntered} />
        ) : null}
        {conflict ? <Alert type="warning" showIcon title={t.vendorProfile.conflict} /> : null}
        {problem ? <ProblemAlert error={problem} /> : null}
        <Form<Values>
          form={form}
          name="vendor-profile"
          layout="vertical"
          initialValues={valuesOf(profile)}
          onFinish={(v) => void save(v)}
        >
          <Form.Item
            name="name"
            label={t.vendorProfile.name}
            rules={[{ required: true, whitespace: true, message: t.contracts.required }]}
          >
            <Input maxLength={100} placeholder={t.vendorProfile.namePlaceholder} />
          </Form.Item>
          <Form.Item name="address" label={t.vendorProfile.address}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="sealHolder" label={t.vendorProfile.sealHolder}>
            <Input maxLength={50} />
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="save-profile">
              {t.common.save}
            </Button>
            {profile.updatedAt ? (
              <Typography.Text type="secondary">
                {t.vendorProfile.updatedAt(formatShanghai(profile.updatedAt))}
              </Typography.Text>
            ) : null}
          </Space>
        </Form>
      </Space>
    </Card>
  );
}
