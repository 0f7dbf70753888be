import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, Row, Typography } from 'antd';
import { formatCny } from '../../format/format.ts';
import { useT } from '../../i18n/locale.tsx';
import { fenOfYuan, subsystemSum } from './contract-amounts.ts';
import { blankContact, type NewContractValues } from './contract-form-values.ts';

export function useMoneyRule() {
  const t = useT();
  return {
    validator: (_: unknown, v: string | undefined) =>
      fenOfYuan(v ?? '') === null
        ? Promise.reject(new Error(t.contractNew.invalidYuan))
        : Promise.resolve(),
  };
}

/** The live sum of the subsystem amounts against the total: what is missing or too much, in ¥. */
export function SubsystemSumLine({ total, amounts }: { total: string; amounts: string[] }) {
  const t = useT().contractNew;
  const s = subsystemSum(total, amounts);
  const sum = formatCny(s.sumFen);
  const diff = formatCny(Math.abs(s.differenceFen));
  const text = s.addsUp
    ? t.sumMatches(sum)
    : s.differenceFen < 0
      ? t.sumShort(sum, diff)
      : s.differenceFen > 0
        ? t.sumOver(sum, diff)
        : t.invalidYuan;
  return (
    <Alert
      type={s.addsUp ? 'success' : 'error'}
      showIcon
      title={<span data-testid="subsystem-sum-check">{text}</span>}
      description={s.addsUp ? undefined : t.sumBlocks}
    />
  );
}

export function SubsystemsCard({ total, amounts }: { total: string; amounts: string[] }) {
  const t = useT();
  const money = useMoneyRule();
  return (
    <Card size="small" title={t.contracts.subsystems}>
      <Form.List name="subsystems">
        {(fields) =>
          fields.map((field, i) => (
            <Row gutter={8} key={field.key} align="top">
              <Col xs={2} md={1} style={{ paddingTop: 6 }}>
                <Typography.Text type="secondary">{i + 1}</Typography.Text>
              </Col>
              <Col xs={22} md={15}>
                <Form.Item
                  name={[field.name, 'name']}
                  rules={[{ required: true, whitespace: true, message: t.contracts.required }]}
                  aria-label={t.contracts.subsystemName}
                >
                  <Input aria-label={`${t.contracts.subsystemName} ${i + 1}`} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={[field.name, 'amount']} rules={[money]}>
                  <Input
                    inputMode="decimal"
                    prefix="¥"
                    aria-label={`${t.contractNew.amountYuan} ${i + 1}`}
                    data-testid={`subsystem-amount-${i}`}
                    style={{ textAlign: 'right' }}
                  />
                </Form.Item>
              </Col>
            </Row>
          ))
        }
      </Form.List>
      <SubsystemSumLine total={total} amounts={amounts} />
    </Card>
  );
}

export function ContactsCard() {
  const t = useT();
  const required = [{ required: true, whitespace: true, message: t.contracts.required }];
  const email = [
    { required: true, message: t.contracts.required },
    { type: 'email' as const, message: t.contracts.invalidEmail },
  ];
  return (
    <>
      <Card size="small" title={t.contractNew.serviceManager}>
        <Typography.Paragraph type="secondary">
          {t.contractNew.serviceManagerHint}
        </Typography.Paragraph>
        <Row gutter={8}>
          <Col xs={24} md={10}>
            <Form.Item
              name={['serviceManager', 'name']}
              label={t.contracts.contactName}
              rules={required}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item
              name={['serviceManager', 'email']}
              label={t.contracts.contactEmail}
              rules={email}
            >
              <Input inputMode="email" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t.contracts.contacts}>
        <Typography.Paragraph type="secondary">{t.contractNew.escalationHint}</Typography.Paragraph>
        <Form.List
          name="escalationContacts"
          rules={[
            {
              validator: (_, list: NewContractValues['escalationContacts'] | undefined) =>
                list && list.length > 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t.contractNew.needOneContact)),
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <Row gutter={8} key={field.key} align="bottom">
                  <Col xs={24} sm={12} md={5}>
                    <Form.Item
                      name={[field.name, 'name']}
                      label={t.contracts.contactName}
                      rules={required}
                    >
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} md={5}>
                    <Form.Item name={[field.name, 'title']} label={t.contracts.contactTitle}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} md={7}>
                    <Form.Item
                      name={[field.name, 'email']}
                      label={t.contracts.contactEmail}
                      rules={email}
                    >
                      <Input inputMode="email" />
                    </Form.Item>
                  </Col>
                  <Col xs={20} sm={10} md={5}>
                    <Form.Item name={[field.name, 'phone']} label={t.contracts.contactPhone}>
                      <Input inputMode="tel" />
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={2} md={2}>
                    <Form.Item>
                      <Button
                        danger
                        type="text"
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                        aria-label={`${t.common.remove} ${index + 1}`}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ ...blankContact })}
                block
              >
                {t.contracts.addContact}
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Card>
    </>
  );
}

/**
 * The term and the money of a contract, as 新建合同 and the edit page ask for them: total in 元,
 * signing date, start and end (not before the start), covered system. Columns of the caller's row.
 */
export function TermAndMoneyCols() {
  const t = useT();
  const money = useMoneyRule();
  const required = [{ required: true, whitespace: true, message: t.contracts.required }];
  return (
    <>
      <Col xs={24} md={8}>
        <Form.Item name="total" label={t.contractNew.totalYuan} rules={[money]}>
          <Input inputMode="decimal" prefix="¥" style={{ textAlign: 'right' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="signedOn" label={t.contracts.signedOn} rules={required}>
          <Input type="date" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="startsOn" label={t.contractNew.startsOn} rules={required}>
          <Input type="date" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name="endsOn"
          label={t.contractNew.endsOn}
          dependencies={['startsOn']}
          rules={[
            ...required,
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                v && v < (getFieldValue('startsOn') as string)
                  ? Promise.reject(new Error(t.contractNew.endsBeforeStart))
                  : Promise.resolve(),
            }),
          ]}
        >
          <Input type="date" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="coveredSystem" label={t.contracts.coveredSystem} rules={required}>
          <Input maxLength={300} />
        </Form.Item>
      </Col>
    </>
  );
}
