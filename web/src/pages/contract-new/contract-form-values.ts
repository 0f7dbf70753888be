import { addMonthsToDate, dayBefore } from '@weibao/domain/dates';
import type { Contract } from '../../api/queries.ts';
import { fenOfYuan, yuanOfFen } from './contract-amounts.ts';

type Terms = Contract['terms'];

export interface ContactValues {
  name: string;
  title?: string;
  email: string;
  phone?: string;
}

/** What the new-contract form holds: money as 元 text, dates as YYYY-MM-DD. */
export interface NewContractValues {
  templateId: string;
  name: string;
  number?: string;
  signedOn: string;
  startsOn: string;
  endsOn: string;
  total: string;
  coveredSystem: string;
  /** In the template's order; the ids are the template's, the form edits names and amounts. */
  subsystems: { name: string; amount: string }[];
  serviceManager: { name: string; email: string };
  escalationContacts: ContactValues[];
}

export const blankContact: ContactValues = { name: '', title: '', email: '', phone: '' };

/** The term of a contract that starts on a day and runs the template's months (last day included). */
export function termEnd(startsOn: string, termMonths: number): string {
  return dayBefore(addMonthsToDate(startsOn, termMonths));
}

/** A template's example as the form's values; the people typed so far stay when the template changes. */
export function valuesOfTemplate(
  templateId: string,
  example: Terms,
  keep?: Pick<NewContractValues, 'serviceManager' | 'escalationContacts'>,
): NewContractValues {
  return {
    templateId,
    name: example.name,
    number: example.number ?? '',
    signedOn: example.signedOn,
    startsOn: example.term.startsOn,
    endsOn: example.term.endsOn,
    total: yuanOfFen(example.totalFen),
    coveredSystem: example.coveredSystem,
    subsystems: example.subsystems.map((s) => ({
      name: s.name,
      amount: yuanOfFen(s.amountFen),
    })),
    serviceManager: keep?.serviceManager ?? {
      name: example.serviceManager?.name ?? '',
      email: example.serviceManager?.email ?? '',
    },
    escalationContacts: keep?.escalationContacts ?? [{ ...blankContact }],
  };
}

const blankToNull = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : null);

/**
 * The terms sent to createContract: the template's rules unchanged, this hospital's name, number,
 * dates, money (integer fen) and people from the form. Amounts that do not parse were refused by
 * the form's own rules before this runs.
 */
export function termsOfValues(example: Terms, v: NewContractValues): Terms {
  const number = v.number?.trim();
  return {
    ...example,
    name: v.name.trim(),
    number: number ? number : undefined,
    signedOn: v.signedOn,
    term: { startsOn: v.startsOn, endsOn: v.endsOn },
    totalFen: fenOfYuan(v.total) ?? 0,
    coveredSystem: v.coveredSystem.trim(),
    // The form submits only its fields, so each subsystem's id comes from the template by position.
    subsystems: v.subsystems.map((s, i) => ({
      id: example.subsystems[i]?.id ?? `s${i + 1}`,
      name: s.name.trim(),
      amountFen: fenOfYuan(s.amount) ?? 0,
    })),
    serviceManager: { name: v.serviceManager.name.trim(), email: v.serviceManager.email.trim() },
    escalationContacts: v.escalationContacts.map((c) => ({
      name: c.name.trim(),
      email: c.email.trim(),
      title: blankToNull(c.title),
      phone: blankToNull(c.phone),
    })),
  };
}
