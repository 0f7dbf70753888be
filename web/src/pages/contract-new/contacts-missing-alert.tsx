import { Alert } from 'antd';
import type { Contract } from '../../api/queries.ts';
import { useT } from '../../i18n/locale.tsx';
import { missingRecipients } from './reachability.ts';

/** On the contract page: says so when the contract's reminders or escalations have no one to go to. */
export function ContactsMissingAlert({ terms }: { terms: Contract['terms'] }) {
  const t = useT().contractNew;
  const missing = missingRecipients(terms);
  if (!missing.serviceManager && !missing.escalationContacts) return null;
  const lines = [
    missing.serviceManager ? t.missingManager : null,
    missing.escalationContacts ? t.missingEscalation : null,
    t.missingFix,
  ].filter((x): x is string => x !== null);
  return (
    <Alert
      type="warning"
      showIcon
      title={t.missingTitle}
      description={lines.join('')}
      data-testid="contacts-missing"
    />
  );
}
