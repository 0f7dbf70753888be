import { Alert } from 'antd';
import { pausedTimeZh } from '@weibao/domain/sla/sla-pause';
import type { Ticket, TicketEvent } from '../../api/ticket-queries.ts';
import { formatShanghai } from '../../format/format.ts';
import { useT } from '../../i18n/locale.tsx';
import { useNow } from '../../sla/use-now.ts';

/**
 * 计时已暂停: who paused, when, why and for how long so far, for the vendor and the hospital
 * alike; the hospital is told it may object (the 异议 action beside it).
 */
export function PauseBanner({
  ticket,
  events,
  isHospital,
}: {
  ticket: Pick<Ticket, 'pausedAt'>;
  events: TicketEvent[] | undefined;
  isHospital: boolean;
}) {
  const t = useT();
  const now = useNow();
  if (!ticket.pausedAt) return null;
  const pause = [...(events ?? [])].reverse().find((e) => e.type === 'pause');
  const by = pause?.actor?.name ?? pause?.actor?.email ?? '—';
  const reason = typeof pause?.data.reason === 'string' ? pause.data.reason : '—';
  const running = pausedTimeZh(Math.max(0, now - Date.parse(ticket.pausedAt)));
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="pause-banner"
      title={t.slaPause.banner}
      description={
        <>
          <div className="pre-text">
            {t.slaPause.bannerText(by, formatShanghai(ticket.pausedAt), running, reason)}
          </div>
          {isHospital ? <div>{t.slaPause.hospitalHint}</div> : null}
        </>
      }
    />
  );
}

/** What a resume or an objection's timeline entry adds: how long the pause it ended lasted. */
export function pauseLengthOf(event: TicketEvent): number | null {
  if (event.type !== 'resume' && event.type !== 'pause-objection') return null;
  const from = event.data.pausedAt;
  return typeof from === 'string' ? Date.parse(event.at) - Date.parse(from) : null;
}
