import type { Role } from '@weibao/domain/roles';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import {
  App,
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../../api/api-error.ts';
import type { ResponseOf } from '../../api/types.ts';
import { contractsQuery, useMe } from '../../api/queries.ts';
import { useApi } from '../../auth/auth-context.tsx';
import { HospitalSelect } from '../../components/hospital-select.tsx';
import { ProblemAlert } from '../../components/page-states.tsx';
import { formatShanghai } from '../../format/format.ts';
import { useT } from '../../i18n/locale.tsx';
import {
  contractRefKey,
  contractRefOfKey,
  inviteFieldOfPath,
  isOverseer,
  roleChoices,
  sortPeople,
} from './people-helpers.ts';

export type Person = ResponseOf<'listVendorPeople'>['items'][number];

/** Whose people: one hospital's users, or the vendor's staff, supervisors and auditors. */
export type PeopleScope = { kind: 'hospital'; hospitalId: string } | { kind: 'vendor' };

export const peopleKey = (scope: PeopleScope) =>
  scope.kind === 'hospital'
    ? (['hospitals', scope.hospitalId, 'people'] as const)
    : (['people'] as const);

interface InviteValues {
  name: string;
  email: string;
  phone?: string;
  role: Role;
  /** A supervisor's or auditor's hospital, whose contracts are offered. */
  hospitalId?: string;
  contracts?: string[];
}

/**
 * The contracts of one hospital to choose from, by name (values are contract references); none
 * offered until a hospital is chosen.
 */
function HospitalContractsSelect({
  hospitalId,
  value,
  onChange,
}: {
  hospitalId: string | undefined;
  value?: string[];
  onChange?: (value: string[]) => void;
}) {
  const t = useT();
  const api = useApi();
  const contracts = useQuery({
    ...contractsQuery(api, hospitalId ?? ''),
    enabled: Boolean(hospitalId),
  });
  return (
    <Select
      mode="multiple"
      data-testid="person-contracts"
      disabled={!hospitalId}
      placeholder={hospitalId ? undefined : t.people.hospitalFirst}
      loading={Boolean(hospitalId) && contracts.isPending}
      value={value ?? []}
      onChange={onChange}
      optionFilterProp="label"
      options={[...(hospitalId ? (contracts.data ?? []) : [])]
        .sort((a, b) => a.terms.name.localeCompare(b.terms.name, 'zh'))
        .map((c) => ({
          value: contractRefKey({ hospitalId: c.hospitalId, contractId: c.id }),
          label: c.terms.name,
        }))}
    />
  );
}

/**
 * 邀请人员: name, e-mail, phone, role among `roles`; supervisors and auditors name a hospital and
 * the contracts of it they oversee (one hospital's only: their sign-in carries it).
 */
export function InviteModal({
  scope,
  roles,
  onClose,
}: {
  scope: PeopleScope;
  roles: readonly Role[];
  onClose: () => void;
}) {
  const t = useT();
  const api = useApi();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<InviteValues>();
  const [problem, setProblem] = useState<unknown>(null);
  const role = Form.useWatch('role', form) ?? roles[0];
  const hospitalId = Form.useWatch('hospitalId', form);

  const invite = useMutation({
    mutationFn: (v: InviteValues) => {
      const body = {
        name: v.name,
        email: v.email.trim(),
        phone: v.phone?.trim() || null,
        role: v.role,
        ...(isOverseer(v.role) ? { contracts: (v.contracts ?? []).map(contractRefOfKey) } : {}),
      };
      return scope.kind === 'hospital'
        ? api.call('inviteHospitalPerson', { params: { hospitalId: scope.hospitalId }, body })
        : api.call('inviteVendorPerson', { body });
    },
    onMutate: () => setProblem(null),
    onSuccess: (p) => {
      void client.invalidateQueries({ queryKey: peopleKey(scope) });
      message.success(t.people.invited(p.name));
      onClose();
    },
    onError: (err) => {
      const fields =
        err instanceof ApiError
          ? err.fieldErrors.flatMap((e) => {
              const field = inviteFieldOfPath(e.path);
              return field ? [{ name: field, errors: [e.message] }] : [];
            })
          : [];
      form.setFields(fields);
      if (fields.length === 0) setProblem(err);
    },
  });

  return (
    <Modal
      open
      title={t.people.invite}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.people.invite}
      cancelText={t.common.cancel}
      confirmLoading={invite.isPending}
      okButtonProps={{ 'data-testid': 'save-person' } as never}
      width={560}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {problem ? <ProblemAlert error={problem} /> : null}
        <Form<InviteValues>
          form={form}
          name="invite-person"
          layout="vertical"
          initialValues={{ role: roles[0], contracts: [] }}
          onFinish={(v) => invite.mutate(v)}
          onValuesChange={(changed: Partial<InviteValues>) => {
            // Another hospital's contracts are not offered: those of the last one go.
            if ('hospitalId' in changed) form.setFieldValue('contracts', []);
          }}
        >
          <Form.Item
            name="name"
            label={t.people.name}
            rules={[{ required: true, whitespace: true, message: t.people.required }]}
          >
            <Input maxLength={100} data-testid="person-name" />
          </Form.Item>
          <Form.Item
            name="email"
            label={t.people.email}
            rules={[{ required: true, whitespace: true, message: t.people.required }]}
          >
            <Input maxLength={254} autoComplete="off" data-testid="person-email" />
          </Form.Item>
          <Form.Item name="phone" label={t.people.phone}>
            <Input maxLength={30} data-testid="person-phone" />
          </Form.Item>
          <Form.Item name="role" label={t.people.role}>
            <Select
              data-testid="person-role"
              options={roles.map((r) => ({ value: r, label: t.roles[r] }))}
            />
          </Form.Item>
          {isOverseer(role) ? (
            <>
              <Form.Item
                name="hospitalId"
                label={t.people.overseenHospital}
                rules={[{ required: true, message: t.people.hospitalFirst }]}
              >
                <HospitalSelect data-testid="person-hospital" />
              </Form.Item>
              <Form.Item
                name="contracts"
                label={t.people.contracts}
                extra={t.people.contractsHelp}
                rules={[{ required: true, type: 'array', min: 1, message: t.people.contractsHelp }]}
              >
                <HospitalContractsSelect hospitalId={hospitalId} />
              </Form.Item>
            </>
          ) : null}
        </Form>
      </Space>
    </Modal>
  );
}

/** A PATCH of one person (role or state), version-checked; a 409 says so in Chinese and reloads. */
function useChangePerson(scope: PeopleScope) {
  const t = useT();
  const api = useApi();
  const client = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: ({
      p,
      change,
    }: {
      p: Person;
      change: { role?: Role; state?: Person['state'] };
    }) => {
      const body = { version: p.version, ...change };
      return scope.kind === 'hospital'
        ? api.call('changeHospitalPerson', {
            params: { hospitalId: scope.hospitalId, personId: p.id },
            body,
          })
        : api.call('changeVendorPerson', { params: { personId: p.id }, body });
    },
    onSuccess: (after, { p, change }) => {
      void client.invalidateQueries({ queryKey: peopleKey(scope) });
      message.success(
        change.state === 'deactivated'
          ? t.people.deactivated(after.name)
          : change.state === 'active'
            ? t.people.reactivated(after.name)
            : t.people.roleChanged(p.name, t.roles[after.role]),
      );
    },
    onError: (err) => {
      void client.invalidateQueries({ queryKey: peopleKey(scope) });
      message.error(
        err instanceof ApiError && err.isConflict
          ? t.people.conflict
          : err instanceof Error
            ? err.message
            : String(err),
      );
    },
  });
}

/** The directory's table: name (e-mail on hover and beside it), phone, role, state, invited. */
export function PeopleTable({
  scope,
  people,
  mayChange,
  extraColumns = [],
  extraActions,
}: {
  scope: PeopleScope;
  people: readonly Person[];
  mayChange: boolean;
  extraColumns?: TableColumnsType<Person>;
  extraActions?: (p: Person) => ReactNode;
}) {
  const t = useT();
  const change = useChangePerson(scope);
  // One's own row: the server refuses to deactivate oneself, so the button is not offered
  const mySub = useMe().data?.sub;
  const columns: TableColumnsType<Person> = [
    {
      title: t.people.name,
      key: 'name',
      render: (_, p) => (
        <Tooltip title={p.email}>
          <Space orientation="vertical" size={0}>
            <span>{p.name}</span>
            <Typography.Text type="secondary" data-testid="person-email-text">
              {p.email}
            </Typography.Text>
          </Space>
        </Tooltip>
      ),
    },
    { title: t.people.phone, key: 'phone', responsive: ['md'], render: (_, p) => p.phone ?? '—' },
    {
      title: t.people.role,
      key: 'role',
      render: (_, p) =>
        mayChange && p.state === 'active' ? (
          <Select<Role>
            size="small"
            value={p.role}
            style={{ minWidth: 120 }}
            data-testid="person-role-select"
            disabled={change.isPending}
            onChange={(role) => change.mutate({ p, change: { role } })}
            options={roleChoices(p.role, scope.kind === 'hospital').map((r) => ({
              value: r,
              label: t.roles[r],
            }))}
          />
        ) : (
          t.roles[p.role]
        ),
    },
    ...extraColumns,
    {
      title: t.people.state,
      key: 'state',
      render: (_, p) => (
        <Tag color={p.state === 'active' ? 'green' : undefined} data-testid="person-state">
          {t.people.states[p.state]}
        </Tag>
      ),
    },
    {
      title: t.people.invitedAt,
      key: 'invitedAt',
      responsive: ['lg'],
      render: (_, p) => formatShanghai(p.invitedAt).slice(0, 16),
    },
  ];
  if (mayChange || extraActions) {
    columns.push({
      title: t.people.actions,
      key: 'actions',
      render: (_, p) => (
        <Space size={4} wrap>
          {extraActions?.(p)}
          {!mayChange || p.sub === mySub ? null : p.state === 'active' ? (
            <Popconfirm
              title={t.people.deactivateConfirm(p.name)}
              okText={t.people.deactivate}
              cancelText={t.common.cancel}
              okButtonProps={{ 'data-testid': 'confirm-deactivate' } as never}
              onConfirm={() => change.mutate({ p, change: { state: 'deactivated' } })}
            >
              <Button size="small" danger data-testid="deactivate-person">
                {t.people.deactivate}
              </Button>
            </Popconfirm>
          ) : (
            <Button
              size="small"
              data-testid="reactivate-person"
              onClick={() => change.mutate({ p, change: { state: 'active' } })}
            >
              {t.people.reactivate}
            </Button>
          )}
        </Space>
      ),
    });
  }
  return (
    <Table<Person>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={sortPeople(people)}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t.people.empty }}
      onRow={(p) => ({ 'data-testid': 'person-row', 'data-email': p.email }) as never}
    />
  );
}
