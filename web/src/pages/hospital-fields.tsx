import { useIntakeAddress } from '../auth/intake-address.ts';
import { Col, Form, Input, Row } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n/locale.tsx';

/**
 * A hospital's fields as 新建医院 and 编辑医院 ask for them: name, then `idItem` (only a new
 * hospital has one to choose), ticket prefix, intake mailbox and campuses (one per line).
 */
export function HospitalFieldItems({ idItem }: { idItem?: ReactNode }) {
  const t = useT();
  const { domain } = useIntakeAddress();
  const required = [{ required: true, whitespace: true, message: t.contracts.required }];
  return (
    <Row gutter={12}>
      <Col xs={24} md={12}>
        <Form.Item name="name" label={t.hospitals.name} rules={required}>
          <Input />
        </Form.Item>
      </Col>
      {idItem ? (
        <Col xs={24} md={12}>
          {idItem}
        </Col>
      ) : null}
      <Col xs={24} md={12}>
        <Form.Item
          name="code"
          label={t.hospitals.code}
          rules={required}
          extra={t.hospitals.codeHelp}
          normalize={(v: string) => v.toUpperCase()}
        >
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="intakeLocalPart"
          label={t.hospitals.intake}
          rules={required}
          extra={t.hospitals.intakeHelp}
        >
          <Input autoCapitalize="none" {...(domain ? { addonAfter: `@${domain}` } : {})} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="campuses" label={t.hospitals.campuses} extra={t.hospitals.campusesHelp}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Campuses as the form holds them (one per line) and as the API takes them. */
export const campusesOfText = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/\r?\n/)
    .map((c) => c.trim())
    .filter(Boolean);
