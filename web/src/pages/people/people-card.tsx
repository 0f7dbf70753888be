import { PlusOutlined } from '@ant-design/icons';
import { hospitalRoles } from '@weibao/domain/roles';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Typography } from 'antd';
import { useState } from 'react';
import { useMayCall } from '../../api/queries.ts';
import { useApi } from '../../auth/auth-context.tsx';
import { PageLoading, QueryError } from '../../components/page-states.tsx';
import { useT } from '../../i18n/locale.tsx';
import { InviteModal, PeopleTable, peopleKey, type PeopleScope } from './people-table.tsx';

/**
 * 人员 of a hospital: its IT center and department users, invited, re-roled, deactivated and
 * reactivated here by vendor admins, service managers and the hospital's IT center.
 */
export function PeopleCard({ hospitalId }: { hospitalId: string }) {
  const t = useT();
  const api = useApi();
  const may = useMayCall();
  const [inviting, setInviting] = useState(false);
  const scope: PeopleScope = { kind: 'hospital', hospitalId };
  const people = useQuery({
    queryKey: peopleKey(scope),
    queryFn: async ({ signal }) =>
      (await api.call('listHospitalPeople', { params: { hospitalId }, signal })).items,
    enabled: may('listHospitalPeople'),
  });
  if (!may('listHospitalPeople')) return null;
  return (
    <Card
      size="small"
      title={t.people.title}
      data-testid="people-card"
      extra={
        may('inviteHospitalPerson') ? (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setInviting(true)}
            data-testid="invite-person"
          >
            {t.people.invite}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t.people.hospitalHint}</Typography.Paragraph>
      {people.isPending ? (
        <PageLoading rows={2} />
      ) : people.isError ? (
        <QueryError error={people.error} onRetry={() => void people.refetch()} />
      ) : (
        <PeopleTable scope={scope} people={people.data} mayChange={may('changeHospitalPerson')} />
      )}
      {inviting ? (
        <InviteModal scope={scope} roles={hospitalRoles} onClose={() => setInviting(false)} />
      ) : null}
    </Card>
  );
}
