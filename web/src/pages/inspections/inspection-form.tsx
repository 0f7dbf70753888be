import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Input,
  Popconfirm,
  Radio,
  Select,
  Space,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { inspectionKeys, type Inspection } from '../../api/inspection-queries.ts';
import { putPresigned } from '../../api/presigned-put.ts';
import { useApi } from '../../auth/auth-context.tsx';
import { ProblemAlert } from '../../components/page-states.tsx';
import { formatShanghai } from '../../format/format.ts';
import { useT } from '../../i18n/locale.tsx';

type Finding = {
  id?: string;
  text: string;
  severity: Inspection['findings'][number]['severity'];
  photoKeys: string[];
};

/** What the engineer has typed, before it is saved: the record's fields as the form holds them. */
function draftOf(r: Inspection) {
  return {
    arrivedAt: r.arrivedAt,
    leftAt: r.leftAt,
    place: r.place ?? '',
    results: r.items.map((i) => ({ result: i.result, remark: i.remark ?? '' })),
    findings: r.findings.map((f): Finding => ({
      id: f.id,
      text: f.text,
      severity: f.severity,
      photoKeys: f.photoKeys,
    })),
    photos: r.photos,
  };
}

/**
 * The visit's record on the engineer's phone: arrival and departure, 正常/异常 and a remark per
 * item, the findings with their photos; saved (version-checked) and then submitted for signature.
 */
export function InspectionForm({ record }: { record: Inspection }) {
  const t = useT();
  const api = useApi();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [d, setD] = useState(() => draftOf(record));
  const params = {
    hospitalId: record.hospitalId,
    contractId: record.contractId,
    inspectionId: record.id,
  };
  const stored = (r: Inspection) => {
    client.setQueryData(inspectionKeys.one(r.hospitalId, r.contractId, r.id), r);
    void client.invalidateQueries({ queryKey: inspectionKeys.list(r.hospitalId, r.contractId) });
  };
  const body = () => ({
    version: record.version,
    arrivedAt: d.arrivedAt,
    leftAt: d.leftAt,
    place: d.place.trim() || null,
    results: d.results.map((x) => ({ result: x.result, remark: x.remark.trim() || null })),
    findings: d.findings,
    photos: d.photos,
  });
  const save = useMutation({
    mutationFn: () => api.call('recordInspection', { params, body: body() }),
    onSuccess: (r) => {
      stored(r);
      setD(draftOf(r));
      void message.success(t.inspections.saved);
    },
  });
  const submit = useMutation({
    mutationFn: async () => {
      const saved = await api.call('recordInspection', { params, body: body() });
      return api.call('submitInspection', { params, body: { version: saved.version } });
    },
    onSuccess: (r) => {
      stored(r);
      void message.success(t.inspections.submitted);
    },
  });
  const photo = useMutation({
    mutationFn: async (file: File) => {
      const contentType = file.type === 'image/png' ? 'image/png' : 'image/jpeg';
      const upload = await api.call('createInspectionPhotoUpload', {
        params,
        body: { fileName: file.name, contentType, sizeBytes: file.size },
      });
      await putPresigned(upload.uploadUrl, upload.headers, file, t.errors.uploadFailed);
      return { key: upload.fileKey, fileName: file.name };
    },
    onSuccess: (p) => setD((x) => ({ ...x, photos: [...x.photos, p] })),
  });
  const setResult = (n: number, change: Partial<(typeof d.results)[number]>) =>
    setD((x) => ({
      ...x,
      results: x.results.map((r, i) => (i === n ? { ...r, ...change } : r)),
    }));
  const setFinding = (n: number, change: Partial<Finding>) =>
    setD((x) => ({
      ...x,
      findings: x.findings.map((f, i) => (i === n ? { ...f, ...change } : f)),
    }));
  const time = (field: 'arrivedAt' | 'leftAt') => (
    <Space wrap>
      <Typography.Text>{t.inspections[field]}：</Typography.Text>
      <Typography.Text data-testid={`${field}-value`}>
        {d[field] ? formatShanghai(d[field]) : '—'}
      </Typography.Text>
      <Button
        size="small"
        data-testid={`${field}-now`}
        onClick={() => setD((x) => ({ ...x, [field]: new Date().toISOString() }))}
      >
        {t.inspections.now}
      </Button>
    </Space>
  );
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          {time('arrivedAt')}
          {time('leftAt')}
          <Input
            placeholder={t.inspections.place}
            value={d.place}
            onChange={(e) => setD((x) => ({ ...x, place: e.target.value }))}
            data-testid="inspection-place"
          />
        </Space>
      </Card>
      {record.items.map((item, n) => (
        <Card size="small" key={`${item.area}-${item.item}`} data-testid={`check-${n}`}>
          <Typography.Text type="secondary">{t.inspections.areas[item.area]}</Typography.Text>
          <div>{item.item}</div>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            value={d.results[n]?.result ?? null}
            onChange={(e) => setResult(n, { result: e.target.value as 'normal' | 'abnormal' })}
            options={(['normal', 'abnormal'] as const).map((r) => ({
              value: r,
              label: t.inspections.results[r],
            }))}
            style={{ margin: '8px 0' }}
          />
          <Input
            placeholder={t.inspections.remark}
            value={d.results[n]?.remark ?? ''}
            onChange={(e) => setResult(n, { remark: e.target.value })}
            data-testid={`remark-${n}`}
          />
        </Card>
      ))}
      <Card size="small" title={t.inspections.photos}>
        <Upload
          showUploadList={false}
          accept=".jpg,.jpeg,.png"
          customRequest={({ file, onSuccess, onError }) =>
            photo.mutate(file as File, {
              onSuccess: () => onSuccess?.(null),
              onError: (err) => onError?.(err as Error),
            })
          }
        >
          <Button icon={<UploadOutlined />} loading={photo.isPending} data-testid="add-photo">
            {t.inspections.addPhoto}
          </Button>
        </Upload>
        <Typography.Paragraph type="secondary">{t.inspections.photoHint}</Typography.Paragraph>
        {d.photos.map((p) => (
          <div key={p.key} data-testid="photo">
            {p.fileName}
          </div>
        ))}
        {photo.isError ? <ProblemAlert error={photo.error} /> : null}
      </Card>
      <Card size="small" title={t.inspections.findings}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          {d.findings.map((f, n) => (
            <Card size="small" key={f.id ?? `new-${n}`} data-testid={`finding-${n}`}>
              <Input.TextArea
                placeholder={t.inspections.findingText}
                value={f.text}
                autoSize
                onChange={(e) => setFinding(n, { text: e.target.value })}
                data-testid={`finding-text-${n}`}
              />
              <Space wrap style={{ marginTop: 8 }}>
                <Select
                  value={f.severity}
                  style={{ width: 100 }}
                  onChange={(severity) => setFinding(n, { severity })}
                  options={(['fatal', 'serious', 'minor'] as const).map((s) => ({
                    value: s,
                    label: t.inspections.severities[s],
                  }))}
                />
                <Button
                  danger
                  size="small"
                  disabled={record.findings.some((x) => x.id === f.id && x.ticketId)}
                  onClick={() =>
                    setD((x) => ({ ...x, findings: x.findings.filter((_, i) => i !== n) }))
                  }
                >
                  {t.inspections.remove}
                </Button>
              </Space>
              {d.photos.length > 0 ? (
                <Checkbox.Group
                  style={{ marginTop: 8 }}
                  value={f.photoKeys}
                  onChange={(keys) => setFinding(n, { photoKeys: keys })}
                  options={d.photos.map((p) => ({ value: p.key, label: p.fileName }))}
                  data-testid={`finding-photos-${n}`}
                />
              ) : null}
            </Card>
          ))}
          <Button
            icon={<PlusOutlined />}
            block
            data-testid="add-finding"
            onClick={() =>
              setD((x) => ({
                ...x,
                findings: [...x.findings, { text: '', severity: 'minor', photoKeys: [] }],
              }))
            }
          >
            {t.inspections.addFinding}
          </Button>
        </Space>
      </Card>
      {save.isError ? <ProblemAlert error={save.error} /> : null}
      {submit.isError ? <ProblemAlert error={submit.error} /> : null}
      <Space style={{ width: '100%' }} wrap>
        <Button
          onClick={() => save.mutate()}
          loading={save.isPending}
          data-testid="save-inspection"
        >
          {t.inspections.save}
        </Button>
        <Popconfirm title={t.inspections.submitQuestion} onConfirm={() => submit.mutate()}>
          <Button type="primary" loading={submit.isPending} data-testid="submit-inspection">
            {t.inspections.submit}
          </Button>
        </Popconfirm>
      </Space>
    </Space>
  );
}
