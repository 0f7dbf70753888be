import { PlusOutlined } from '@ant-design/icons';
import type { Role } from '@weibao/domain/roles';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { App, Button, Card, Checkbox, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/api-error.ts';
import { useContract, useContracts, useHospitalNames, useMayCall } from '../../api/queries.ts';
import { HospitalSelect } from '../../components/hospital-select.tsx';
import { useApi } from '../../auth/auth-context.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PageLoading, ProblemAlert, QueryError } from '../../components/page-states.tsx';
import { useT } from '../../i18n/locale.tsx';
import {
  contractOptions,
  contractRefKey,
  contractRefOfKey,
  vendorInviteRoles,
} from './people-helpers.ts';
import {
  InviteModal,
  PeopleTable,
  peopleKey,
  type PeopleScope,
  type Person,
} from './people-table.tsx';

const vendorScope: PeopleScope = { kind: 'vendor' };
const engineerKey = (sub: string) => ['engineers', sub, 'hospitals'] as const;
const engineerRole: Role = 'support-engineer';

/** The hospitals an engineer is limited to, by name, or 全部医院. */
function useEngineerHospitals(sub: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: engineerKey(sub),
    queryFn: ({ signal }) => api.call('getEngineerHospitals', { params: { sub }, signal }),
    enabled,
  });
}

function EngineerHospitals({ p }: { p: Person }) {
  const t = useT();
  const may = useMayCall();
  const assigned = useEngineerHospitals(p.sub, may('getEngineerHospitals'));
  const names = useHospitalNames(assigned.data?.hospitalIds ?? []);
  if (!assigned.data) return null;
  if (assigned.data.hospitalIds === null) return <Tag>{t.people.allHospitals}</Tag>;
  return (
    <span data-testid="engineer-hospitals">
      {assigned.data.hospitalIds.map((id) => (
        <Tag key={id}>{names.nameOf(id)}</Tag>
      ))}
    </span>
  );
}

/**
 * 监督的合同: a supervisor's or auditor's contracts, replaced as a whole (version-checked); the
 * server keeps them in the hospital the person acts for.
 */
function OverseenContractsModal({ p, onClose }: { p: Person; onClose: () => void }) {
  const t = useT();
  // Only the contracts of the hospital the person acts for: another's would need a new invitation.
  const hospitalId = p.contracts[0]?.hospitalId ?? '';
  const hospital = useHospitalNames([hospitalId]);
  const contracts = useContracts(hospitalId);
  const options = contractOptions(
    hospital.isPending ? [] : [{ id: hospitalId, name: hospital.nameOf(hospitalId) }],
    () => (contracts.data ?? []).map((c) => ({ id: c.id, name: c.terms.name })),
    t.people.contractLabel,
  );
  const api = useApi();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [picked, setPicked] = useState<string[]>(p.contracts.map(contractRefKey));
  const [problem, setProblem] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: () =>
      api.call('changeVendorPerson', {
        params: { personId: p.id },
        body: { version: p.version, contracts: picked.map(contractRefOfKey) },
      }),
    onMutate: () => setProblem(null),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: peopleKey(vendorScope) });
      message.success(t.people.contractsSaved(p.name));
      onClose();
    },
    onError: (err) => {
      if (
        err instanceof ApiError &&
        err.isConflict &&
        err.problem?.errors?.[0]?.path === 'version'
      ) {
        message.error(t.people.conflict);
        void client.invalidateQueries({ queryKey: peopleKey(vendorScope) });
        onClose();
      } else setProblem(err);
    },
  });
  return (
    <Modal
      open
      title={t.people.contractsTitle(p.name)}
      onCancel={onClose}
      onOk={() => save.mutate()}
      okText={t.common.save}
      cancelText={t.common.cancel}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: picked.length === 0, 'data-testid': 'save-contracts' } as never}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {problem ? <ProblemAlert error={problem} /> : null}
        {contracts.isError ? (
          <QueryError error={contracts.error} onRetry={() => void contracts.refetch()} />
        ) : contracts.isPending || hospital.isPending ? (
          <PageLoading rows={2} />
        ) : (
          <Select
            mode="multiple"
            style={{ width: '100%' }}
            value={picked}
            onChange={setPicked}
            optionFilterProp="label"
            data-testid="overseen-contracts"
            options={options}
          />
        )}
        <Typography.Text type="secondary">{t.people.contractsChangeHelp}</Typography.Text>
      </Space>
    </Modal>
  );
}

/** 分配医院: every hospital, or exactly the chosen ones (PUT with the version read). */
function AssignModal({ p, onClose }: { p: Person; onClose: () => void }) {
  const t = useT();
  const api = useApi();
  const client = useQueryClient();
  const { message } = App.useApp();
  const assigned = useEngineerHospitals(p.sub, true);
  const [picked, setPicked] = useState<string[] | null>(null);
  const [all, setAll] = useState<boolean | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const current = assigned.data;
  const ids = picked ?? current?.hospitalIds ?? [];
  const unlimited = all ?? current?.hospitalIds === null;

  const save = useMutation({
    mutationFn: () =>
      api.call('putEngineerHospitals', {
        params: { sub: p.sub },
        body: { hospitalIds: unlimited ? null : ids, version: current?.version ?? 0 },
      }),
    onMutate: () => setProblem(null),
    onSuccess: (after) => {
      client.setQueryData(engineerKey(p.sub), after);
      message.success(t.people.assigned(p.name));
      onClose();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.isConflict) {
        message.error(t.people.conflict);
        setPicked(null);
        setAll(null);
        void assigned.refetch();
      } else setProblem(err);
    },
  });

  return (
    <Modal
      open
      title={t.people.assignTitle(p.name)}
      onCancel={onClose}
      onOk={() => save.mutate()}
      okText={t.common.save}
      cancelText={t.common.cancel}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: !current, 'data-testid': 'save-assignment' } as never}
      destroyOnHidden
    >
      {assigned.isError ? (
        <QueryError error={assigned.error} onRetry={() => void assigned.refetch()} />
      ) : !current ? (
        <PageLoading rows={2} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {problem ? <ProblemAlert error={problem} /> : null}
          <Checkbox checked={unlimited} onChange={(e) => setAll(e.target.checked)}>
            {t.people.assignAll}
          </Checkbox>
          <HospitalSelect
            mode="multiple"
            style={{ width: '100%' }}
            disabled={unlimited}
            value={ids}
            onChange={setPicked}
            data-testid="assign-hospitals"
          />
          <Typography.Text type="secondary">{t.people.assignHelp}</Typography.Text>
        </Space>
      )}
    </Modal>
  );
}

/** “医院 · 合同名称” of one contract a supervisor or auditor oversees, read by its ids. */
function ContractTag({ contract }: { contract: Person['contracts'][number] }) {
  const t = useT();
  const { nameOf } = useHospitalNames([contract.hospitalId]);
  const { data } = useContract(contract.hospitalId, contract.contractId);
  const hospital = nameOf(contract.hospitalId);
  return <Tag>{data ? t.people.contractLabel(hospital, data.terms.name) : hospital}</Tag>;
}

/**
 * 人员 of the vendor: its staff, the supervisors and auditors of its contracts. Vendor admins
 * invite, re-role, deactivate and reactivate, and limit a support engineer to hospitals.
 */
export function PeoplePage() {
  const t = useT();
  const api = useApi();
  const may = useMayCall();
  const [inviting, setInviting] = useState(false);
  const [assigning, setAssigning] = useState<Person | null>(null);
  const [overseeing, setOverseeing] = useState<Person | null>(null);
  const people = useQuery({
    queryKey: peopleKey(vendorScope),
    queryFn: async ({ signal }) => (await api.call('listVendorPeople', { signal })).items,
    enabled: may('listVendorPeople'),
  });

  const extraColumns: TableColumnsType<Person> = [
    {
      title: `${t.people.hospitals} / ${t.people.contracts}`,
      key: 'scope',
      render: (_, p) =>
        p.role === engineerRole ? (
          <EngineerHospitals p={p} />
        ) : p.contracts.length ? (
          p.contracts.map((c) => <ContractTag key={contractRefKey(c)} contract={c} />)
        ) : (
          '—'
        ),
    },
  ];
  const mayAssign = may('putEngineerHospitals');

  return (
    <>
      <PageHeader
        title={t.people.vendorTitle}
        extra={
          may('inviteVendorPerson') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setInviting(true)}
              data-testid="invite-person"
            >
              {t.people.invite}
            </Button>
          ) : null
        }
      />
      <Card size="small" data-testid="people-card">
        <Typography.Paragraph type="secondary">{t.people.vendorHint}</Typography.Paragraph>
        {people.isPending ? (
          <PageLoading rows={4} />
        ) : people.isError ? (
          <QueryError error={people.error} onRetry={() => void people.refetch()} />
        ) : (
          <PeopleTable
            scope={vendorScope}
            people={people.data}
            mayChange={may('changeVendorPerson')}
            extraColumns={extraColumns}
            extraActions={(p) =>
              mayAssign && p.role === engineerRole && p.state === 'active' ? (
                <Button size="small" data-testid="assign-engineer" onClick={() => setAssigning(p)}>
                  {t.people.assign}
                </Button>
              ) : may('changeVendorPerson') && p.contracts.length > 0 && p.state === 'active' ? (
                <Button
                  size="small"
                  data-testid={`oversee-${p.id}`}
                  onClick={() => setOverseeing(p)}
                >
                  {t.people.changeContracts}
                </Button>
              ) : null
            }
          />
        )}
      </Card>
      {inviting ? (
        <InviteModal
          scope={vendorScope}
          roles={vendorInviteRoles}
          onClose={() => setInviting(false)}
        />
      ) : null}
      {assigning ? <AssignModal p={assigning} onClose={() => setAssigning(null)} /> : null}
      {overseeing ? (
        <OverseenContractsModal p={overseeing} onClose={() => setOverseeing(null)} />
      ) : null}
    </>
  );
}
