import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Input, List, Result, Space, Tag } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useApi } from '../auth/auth-context.tsx';
import { LinkLoading, LinkRefused } from '../components/link-states.tsx';
import { ProblemAlert } from '../components/page-states.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { InspectionSummary } from './inspections/inspection-page.tsx';

/**
 * The page a 巡检单 signing link opens (no account needed): the frozen visit as recorded, and the
 * signer's name. The signature carries the content hash the page was shown, so what was read is
 * what is signed.
 */
export function InspectionLinkPage() {
  const { token = '' } = useParams();
  const api = useApi();
  const { t } = useLocale();
  const [name, setName] = useState('');
  const described = useQuery({
    queryKey: ['inspection-link', token],
    queryFn: () => api.call('describeInspectionLink', { query: { token } }),
    retry: false,
  });
  const sign = useMutation({
    mutationFn: (contentSha256: string) =>
      api.call('signInspectionByLink', { body: { token, name: name.trim(), contentSha256 } }),
  });
  if (described.isPending) return <LinkLoading />;
  if (described.isError)
    return (
      <LinkRefused
        error={described.error}
        used={t.inspectionLink.used}
        expired={t.inspectionLink.expired}
      />
    );
  if (sign.isSuccess)
    return (
      <Result status="success" title={t.inspectionLink.done} data-testid="inspection-signed" />
    );
  const d = described.data;
  const r = d.inspection;
  if (r.signatures.some((s) => s.signer === d.signer))
    return <Result status="info" title={t.inspectionLink.signedAlready} />;
  const abnormal = r.items.filter((i) => i.result === 'abnormal').length;
  return (
    <div className="signed-link-page">
      <Card title={t.inspectionLink.title(t.inspections.signers[d.signer])}>
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t.signedLink.hospital}>{d.hospitalName}</Descriptions.Item>
            <Descriptions.Item label={t.inspectionLink.contract}>
              {d.contractName}（{t.inspections.quarterN(r.quarter)}）
            </Descriptions.Item>
            <Descriptions.Item label={t.inspectionLink.items}>
              {r.items.length}
              {abnormal > 0 ? `，${t.inspectionLink.abnormal(abnormal)}` : ''}
            </Descriptions.Item>
          </Descriptions>
          <InspectionSummary record={r} />
          <List
            header={t.inspections.findings}
            bordered
            size="small"
            dataSource={r.findings}
            renderItem={(f) => (
              <List.Item>
                {f.text} <Tag>{t.inspections.severities[f.severity]}</Tag>
              </List.Item>
            )}
          />
          <Input
            placeholder={t.inspections.signerName}
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid="link-signer-name"
          />
          {sign.isError ? <ProblemAlert error={sign.error} /> : null}
          <Button
            type="primary"
            block
            disabled={name.trim() === ''}
            loading={sign.isPending}
            onClick={() => sign.mutate(r.contentSha256 ?? '')}
            data-testid="link-sign"
          >
            {t.inspections.sign}
          </Button>
        </Space>
      </Card>
    </div>
  );
}
