import { AlertOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { Button, Card, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useContracts, useCurrentUser, useMayCall } from '../../api/queries.ts';
import { recordKeys } from '../../api/record-queries.ts';
import { useHospitalTickets, useNotices } from '../../api/ticket-queries.ts';
import { obligationsQuery } from '../../api/obligation-queries.ts';
import { obligationName } from '../obligations/obligation-name.ts';
import { useApi } from '../../auth/auth-context.tsx';
import { useT } from '../../i18n/locale.tsx';
import { periodName } from '../evaluations/evaluation-labels.ts';
import { TicketTable } from '../tickets/ticket-table.tsx';
import { homeTickets, workFor } from './work.ts';

/**
 * The top of a hospital-side person's home page: what waits for them (待办) and the open tickets
 * they follow with their clocks; a department gets a big 报障 button. Vendor staff see none of it.
 */
export function WorkCard({ hospitalId }: { hospitalId: string }) {
  const t = useT();
  const api = useApi();
  const me = useCurrentUser();
  const may = useMayCall();
  const contracts = useContracts(hospitalId);
  const tickets = useHospitalTickets(hospitalId, may('listTickets'));
  const notices = useNotices(hospitalId, me.role === 'hospital-it');
  const evaluations = useQueries({
    queries: (contracts.data ?? []).map((c) => ({
      queryKey: recordKeys.evaluations(hospitalId, c.id),
      queryFn: async ({ signal }: { signal: AbortSignal }) =>
        (await api.call('listEvaluations', { params: { hospitalId, contractId: c.id }, signal }))
          .items,
      enabled: may('listEvaluations'),
    })),
  });
  // The IT center confirms the vendor's proofs: its contracts' obligations awaiting it.
  const obligations = useQueries({
    queries: (contracts.data ?? []).map((c) => ({
      ...obligationsQuery(api, hospitalId, c.id),
      enabled: me.role === 'hospital-it' && may('decideProofAcceptance'),
    })),
  });
  const work = workFor({
    role: me.role,
    hospitalId,
    evaluations: (contracts.data ?? []).flatMap((c, i) =>
      (evaluations[i]?.data ?? []).map((evaluation) => ({
        contractName: c.terms.name,
        evaluation,
        periodName: periodName(t, evaluation.period),
      })),
    ),
    notices: notices.data ?? [],
    obligations: (contracts.data ?? []).flatMap((c, i) =>
      (obligations[i]?.data ?? []).map((obligation) => ({
        contractName: c.terms.name,
        obligation,
        name: `${obligationName(t, obligation)}（${t.obligations.acceptance.untilShort(obligation.acceptance?.objectionUntil ?? '')}）`,
      })),
    ),
  });
  const open = homeTickets(me.role, me.email, tickets.data ?? []);
  return (
    <Card
      size="small"
      title={t.home.title}
      data-testid="work-card"
      extra={
        me.role === 'hospital-dept' && may('createTicket') ? (
          <Link to={`/tickets/new?hospital=${encodeURIComponent(hospitalId)}`}>
            <Button type="primary" danger size="large" icon={<AlertOutlined />}>
              {t.home.report}
            </Button>
          </Link>
        ) : null
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        <div>
          <Typography.Text strong>{t.home.waiting}</Typography.Text>
          <List
            size="small"
            dataSource={work}
            locale={{ emptyText: t.home.nothingWaiting }}
            data-testid="work-list"
            renderItem={(w) => (
              <List.Item>
                <Space wrap>
                  <Tag color="orange">{t.home.kinds[w.kind]}</Tag>
                  <Link to={w.to}>{w.subject}</Link>
                </Space>
              </List.Item>
            )}
          />
        </div>
        {may('listTickets') ? (
          <div>
            <Typography.Text strong>
              {me.role === 'hospital-dept' ? t.home.myOpenTickets : t.home.openTickets}
            </Typography.Text>
            <TicketTable
              tickets={open}
              showHospital={false}
              emptyText={t.home.noOpenTickets}
              testId="home-ticket-table"
            />
          </div>
        ) : null}
      </Space>
    </Card>
  );
}
