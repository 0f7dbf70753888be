import { mayCall } from '../api/operations.ts';
import type { Me } from '../api/queries.ts';
import type { Messages } from '../i18n/messages.ts';

export interface NavItem {
  key: string;
  label: string;
  to: string;
  /** Paths that light this item up. */
  match: RegExp;
}

/**
 * The top menu. Each later page (tickets, ledger, obligations, evaluations) adds one entry here,
 * shown to the roles its route lets in.
 */
export function navItems(me: Me, t: Messages): NavItem[] {
  const items: NavItem[] = [];
  if (me.hospitalId === null) {
    items.push({
      key: 'hospitals',
      label: t.nav.hospitals,
      to: '/hospitals',
      match: /^\/hospitals/,
    });
  } else {
    const own = `/hospitals/${encodeURIComponent(me.hospitalId)}`;
    items.push({
      key: 'my-hospital',
      label: t.nav.myHospital,
      to: own,
      match: new RegExp(`^${own}(/contracts|/?$)`),
    });
    if (mayCall(me.role, 'listAuditRecords')) {
      items.push({ key: 'audit', label: t.nav.audit, to: `${own}/audit`, match: /\/audit$/ });
    }
  }
  return items;
}

/** Where a user starts: vendor staff at the hospital list, everyone else at their hospital. */
export function landingPath(me: Me): string {
  return me.hospitalId === null ? '/hospitals' : `/hospitals/${encodeURIComponent(me.hospitalId)}`;
}
