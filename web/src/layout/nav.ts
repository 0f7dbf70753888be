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
 * The top menu, each entry shown to the roles its route lets in. Vendor staff start at the
 * overview and the queue; vendor admins also see the mail quarantine, the public holidays and the
 * company profile,
 * admins and service managers the vendor's people;
 * hospital users their
 * hospital, its tickets and notices. A contract's evaluations, deliverables and payments are
 * reached from the contract page's header buttons (they belong to one contract).
 */
export function navItems(me: Me, t: Messages): NavItem[] {
  const items: NavItem[] = [];
  if (me.hospitalId === null) {
    if (mayCall(me.role, 'getVendorQueue')) {
      items.push({ key: 'overview', label: t.nav.overview, to: '/overview', match: /^\/overview/ });
      items.push({
        key: 'queue',
        label: t.nav.queue,
        to: '/queue',
        match: /^\/(queue|tickets\/new)|^\/hospitals\/[^/]+\/tickets/,
      });
      items.push({
        key: 'ticket-search',
        label: t.nav.ticketSearch,
        to: '/tickets',
        match: /^\/tickets$/,
      });
    }
    items.push({
      key: 'hospitals',
      label: t.nav.hospitals,
      to: '/hospitals',
      match: /^\/hospitals(?!\/[^/]+\/tickets)/,
    });
    if (mayCall(me.role, 'listQuarantinedMail')) {
      items.push({
        key: 'quarantine',
        label: t.records.quarantine,
        to: '/mail/quarantine',
        match: /^\/mail\/quarantine/,
      });
    }
    if (mayCall(me.role, 'listVendorPeople')) {
      items.push({ key: 'people', label: t.people.nav, to: '/people', match: /^\/people/ });
    }
    if (mayCall(me.role, 'putCalendarYear')) {
      items.push({ key: 'calendar', label: t.calendar.nav, to: '/calendar', match: /^\/calendar/ });
    }
    if (mayCall(me.role, 'putVendorProfile')) {
      items.push({
        key: 'vendor-profile',
        label: t.vendorProfile.nav,
        to: '/vendor-profile',
        match: /^\/vendor-profile/,
      });
    }
  } else {
    const own = `/hospitals/${encodeURIComponent(me.hospitalId)}`;
    items.push({
      key: 'my-hospital',
      label: t.nav.myHospital,
      to: own,
      match: new RegExp(`^${own}(/contracts|/?$)`),
    });
    if (mayCall(me.role, 'listTickets')) {
      items.push({
        key: 'tickets',
        label: t.nav.tickets,
        to: `${own}/tickets`,
        match: new RegExp(`^${own}/tickets`),
      });
    }
    if (mayCall(me.role, 'createTicket')) {
      items.push({
        key: 'report',
        label: t.nav.report,
        to: '/tickets/new',
        match: /^\/tickets\/new/,
      });
    }
    if (mayCall(me.role, 'listAdvanceNotices')) {
      items.push({
        key: 'notices',
        label: t.nav.notices,
        to: `${own}/notices`,
        match: /\/notices$/,
      });
    }
    if (mayCall(me.role, 'listAuditRecords')) {
      items.push({ key: 'audit', label: t.nav.audit, to: `${own}/audit`, match: /\/audit$/ });
    }
  }
  return items;
}

/** Where a user starts: vendor staff at the overview, everyone else at their hospital. */
export function landingPath(me: Me): string {
  if (me.hospitalId === null) {
    // Service managers and engineers work the queue first; the vendor admin reads the overview.
    if (me.role === 'service-manager' || me.role === 'support-engineer') return '/queue';
    return mayCall(me.role, 'getVendorQueue') ? '/overview' : '/hospitals';
  }
  return `/hospitals/${encodeURIComponent(me.hospitalId)}`;
}
