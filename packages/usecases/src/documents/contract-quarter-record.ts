import {
  quarterPeriods,
  shanghaiDateOf,
  startOfShanghaiDate,
  toIsoInstant,
  type ServicePeriod,
} from '@weibao/domain';
import {
  allPages,
  contractById,
  hospitalById,
  ledgerOfContract,
  ticketsOfContractBetween,
  type ContractRecord,
  type HospitalRecord,
  type LedgerEntryRecord,
  type TicketRecord,
} from '@weibao/store';
import { AppError, notFound } from '../errors.ts';
import type { Deps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { changeRequestLines, type ChangeRequestLine } from './change-request-list.ts';

/** What every quarterly document starts from: the hospital, the contract, its quarter's record. */
export interface ContractQuarterRecord {
  hospital: HospitalRecord;
  contract: ContractRecord;
  period: ServicePeriod;
  /** Ledger entries whose fault was reported in the quarter (Asia/Shanghai date), disputes and all. */
  ledger: LedgerEntryRecord[];
  /** The contract's tickets reported in the quarter (北京时间), none deleted. */
  tickets: TicketRecord[];
  /** Ticket id → its human number, for the tickets reported in the quarter. */
  ticketNumbers: Map<string, string>;
  /** The change requests and template changes reported in the quarter, approved or not. */
  changeRequests: ChangeRequestLine[];
}

/** Reads a contract quarter with Queries and GetItems only; unknown ids and quarters are clear errors. */
export async function loadContractQuarter(
  deps: Pick<Deps, 'db'>,
  hospitalId: string,
  contractId: string,
  quarter: number,
): Promise<ContractQuarterRecord> {
  const hospital = await hospitalById(deps.db, hospitalId);
  if (!hospital || hospital.deletedAt) throw notFound('the hospital');
  const contract = await contractById(deps.db, hospitalId, contractId);
  if (!contract || contract.deletedAt) throw notFound('the contract');
  const periods = quarterPeriods(contract.terms.term);
  const period = periods[quarter - 1];
  if (!Number.isSafeInteger(quarter) || !period) {
    throw new AppError(
      'invalid',
      `该合同只有第1至第${periods.length}季度（${contract.terms.term.startsOn} 至 ${contract.terms.term.endsOn}），没有第${quarter}季度`,
      { path: 'quarter' },
    );
  }
  const from = toIsoInstant(startOfShanghaiDate(period.startsOn));
  const to = toIsoInstant(startOfShanghaiDate(period.endsOn) + 86_400_000);
  const [entries, tickets] = await mapStoreErrors('the contract record', () =>
    Promise.all([
      allPages((cursor) =>
        ledgerOfContract(deps.db, hospitalId, contractId, {
          limit: 100,
          ...(cursor ? { cursor } : {}),
        }),
      ),
      allPages((cursor) =>
        ticketsOfContractBetween(deps.db, hospitalId, contractId, from, to, {
          limit: 100,
          ...(cursor ? { cursor } : {}),
        }),
      ),
    ]),
  );
  const inQuarter = (e: LedgerEntryRecord) => {
    const day = shanghaiDateOf(e.reportedAt);
    return period.startsOn <= day && day <= period.endsOn;
  };
  return {
    hospital,
    contract,
    period,
    ledger: entries.filter(inQuarter),
    tickets: tickets.filter((t) => !t.deletedAt),
    ticketNumbers: new Map(tickets.map((t) => [t.id, t.number])),
    changeRequests: changeRequestLines(tickets),
  };
}
