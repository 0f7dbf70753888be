import { vendorRoles } from '@weibao/domain';
import { defineRoute, routeIn, type RouteDef } from '../route.ts';
import * as s from '../schemas.ts';
import * as o from '../schemas-overview.ts';
import { everyone, hospitalPeopleManagers, hospitalReaders } from './access-groups.ts';

/** The vendor’s own administration: hospitals, engineers’ assignments, the overview across hospitals and each hospital’s audit log. */
export const routes = [
  defineRoute({
    operationId: 'getEngineerHospitals',
    method: 'GET',
    path: '/api/engineers/{sub}/hospitals',
    handler: 'engineers/get-engineer-hospitals',
    summary: 'The hospitals a support engineer may reach (null: every hospital)',
    access: { kind: 'vendor', roles: ['vendor-admin'] },
    params: s.engineerParamsSchema,
    response: s.engineerHospitalsSchema,
  }),
  defineRoute({
    operationId: 'putEngineerHospitals',
    method: 'PUT',
    path: '/api/engineers/{sub}/hospitals',
    handler: 'engineers/put-engineer-hospitals',
    summary:
      'Limit a support engineer to assigned hospitals, or lift the limit (version-checked, audited in the vendor’s chain)',
    access: { kind: 'vendor', roles: ['vendor-admin'] },
    params: s.engineerParamsSchema,
    body: s.engineerHospitalsInputSchema,
    response: s.engineerHospitalsSchema,
  }),
  defineRoute({
    operationId: 'listCalendarYears',
    method: 'GET',
    path: '/api/calendar-years',
    handler: 'calendar/list-calendar-years',
    summary:
      'The statutory calendar years vendor admins entered (holidays, 调休), which win over the package’s years',
    access: { kind: 'vendor', roles: vendorRoles },
    response: s.listOf(s.calendarYearSchema),
  }),
  defineRoute({
    operationId: 'putCalendarYear',
    method: 'PUT',
    path: '/api/calendar-years/{year}',
    handler: 'calendar/put-calendar-year',
    summary:
      'Enter or correct a year from the State Council’s notice (version-checked, audited in the vendor’s chain); every contract reaching into it is planned again at once',
    access: { kind: 'vendor', roles: ['vendor-admin'] },
    uses: { reminders: 'replace' },
    params: s.calendarYearParamsSchema,
    body: s.calendarYearInputSchema,
    response: s.enteredCalendarYearSchema,
  }),
  defineRoute({
    operationId: 'getVendorProfile',
    method: 'GET',
    path: '/api/vendor-profile',
    handler: 'vendor/get-vendor-profile',
    summary: 'The vendor’s company as documents print it (服务提供方): name, address, seal holder',
    access: { kind: 'vendor', roles: vendorRoles },
    response: s.vendorProfileSchema,
  }),
  defineRoute({
    operationId: 'putVendorProfile',
    method: 'PUT',
    path: '/api/vendor-profile',
    handler: 'vendor/put-vendor-profile',
    summary:
      'Enter or correct the vendor’s company profile (version-checked, audited in the vendor’s chain)',
    access: { kind: 'vendor', roles: ['vendor-admin'] },
    body: s.vendorProfileInputSchema,
    response: s.vendorProfileSchema,
  }),
  defineRoute({
    operationId: 'listHospitals',
    method: 'GET',
    path: '/api/hospitals',
    handler: 'hospitals/list-hospitals',
    summary:
      'Hospitals: all of them for vendor staff (an engineer’s assigned ones when limited), one’s own for everyone else',
    access: { kind: 'authenticated', roles: everyone },
    query: s.listQuerySchema,
    response: s.listOf(s.hospitalSchema),
  }),
  defineRoute({
    operationId: 'createHospital',
    method: 'POST',
    path: '/api/hospitals',
    handler: 'hospitals/create-hospital',
    summary: 'Onboard a hospital',
    access: { kind: 'vendor', roles: ['vendor-admin'] },
    body: s.createHospitalSchema,
    response: s.hospitalSchema,
    status: 201,
  }),
  defineRoute({
    operationId: 'getHospital',
    method: 'GET',
    path: '/api/hospitals/{hospitalId}',
    handler: 'hospitals/get-hospital',
    summary: 'One hospital',
    access: { kind: 'hospital', roles: hospitalReaders },
    params: s.hospitalParamsSchema,
    response: s.hospitalSchema,
  }),
  defineRoute({
    operationId: 'updateHospital',
    method: 'PATCH',
    path: '/api/hospitals/{hospitalId}',
    handler: 'hospitals/update-hospital',
    summary: 'Change a hospital (version-checked)',
    access: { kind: 'hospital', roles: ['vendor-admin'] },
    params: s.hospitalParamsSchema,
    body: s.updateHospitalSchema,
    response: s.hospitalSchema,
  }),
  defineRoute({
    operationId: 'deleteHospital',
    method: 'DELETE',
    path: '/api/hospitals/{hospitalId}',
    handler: 'hospitals/delete-hospital',
    summary: 'Soft-delete a hospital (version-checked, audited)',
    access: { kind: 'hospital', roles: ['vendor-admin'] },
    params: s.hospitalParamsSchema,
    query: s.deleteQuerySchema,
    response: s.hospitalSchema,
  }),
  defineRoute({
    operationId: 'listAuditRecords',
    method: 'GET',
    path: '/api/hospitals/{hospitalId}/audit',
    handler: 'audit/list-audit-records',
    summary: 'The audit log of a hospital, newest first',
    access: {
      kind: 'hospital',
      roles: ['vendor-admin', 'service-manager', 'hospital-it', 'supervisor', 'auditor'],
    },
    params: s.hospitalParamsSchema,
    query: s.listQuerySchema,
    response: s.listOf(s.auditRecordSchema),
  }),
  defineRoute({
    operationId: 'getVendorOverview',
    method: 'GET',
    path: '/api/overview',
    handler: 'overview/get-vendor-overview',
    summary:
      'The vendor’s home figures: open tickets, SLA compliance and deductions per hospital and calendar quarter (Asia/Shanghai), last four quarters',
    access: { kind: 'vendor', roles: vendorRoles },
    response: o.vendorOverviewSchema,
  }),
  defineRoute({
    operationId: 'listVendorPeople',
    method: 'GET',
    path: '/api/people',
    handler: 'people/list-vendor-people',
    summary: 'The vendor’s people in the directory: vendor staff, supervisors and auditors',
    access: { kind: 'vendor', roles: ['vendor-admin', 'service-manager'] },
    response: s.listOf(s.personSchema),
  }),
  defineRoute({
    operationId: 'inviteVendorPerson',
    method: 'POST',
    path: '/api/people',
    handler: 'people/invite-vendor-person',
    summary:
      'Invite vendor staff, or a supervisor or auditor to the contracts they oversee (audited); the same e-mail again answers the same person',
    access: { kind: 'vendor', roles: ['vendor-admin'] },
    body: s.invitePersonSchema,
    response: s.personSchema,
  }),
  defineRoute({
    operationId: 'changeVendorPerson',
    method: 'PATCH',
    path: '/api/people/{personId}',
    handler: 'people/change-vendor-person',
    summary:
      'Deactivate, reactivate or change the role of one of the vendor’s people (version-checked, audited)',
    access: { kind: 'vendor', roles: ['vendor-admin'] },
    params: s.vendorPersonParamsSchema,
    body: s.changePersonSchema,
    response: s.personSchema,
  }),
  defineRoute({
    operationId: 'listHospitalPeople',
    method: 'GET',
    path: '/api/hospitals/{hospitalId}/people',
    handler: 'people/list-hospital-people',
    summary: 'A hospital’s users in the directory',
    access: { kind: 'hospital', roles: hospitalPeopleManagers },
    params: s.hospitalParamsSchema,
    response: s.listOf(s.personSchema),
  }),
  defineRoute({
    operationId: 'inviteHospitalPerson',
    method: 'POST',
    path: '/api/hospitals/{hospitalId}/people',
    handler: 'people/invite-hospital-person',
    summary:
      'Invite a hospital user (IT center or department; audited); the same e-mail again answers the same person',
    access: { kind: 'hospital', roles: hospitalPeopleManagers },
    params: s.hospitalParamsSchema,
    body: s.invitePersonSchema,
    response: s.personSchema,
  }),
  defineRoute({
    operationId: 'changeHospitalPerson',
    method: 'PATCH',
    path: '/api/hospitals/{hospitalId}/people/{personId}',
    handler: 'people/change-hospital-person',
    summary:
      'Deactivate, reactivate or change the role of a hospital user (version-checked, audited)',
    access: { kind: 'hospital', roles: hospitalPeopleManagers },
    params: s.hospitalPersonParamsSchema,
    body: s.changePersonSchema,
    response: s.personSchema,
  }),
] as const satisfies readonly RouteDef[];

/** One route of this capability, with its literal types; a handler imports only this module's schemas. */
export function route<Id extends (typeof routes)[number]['operationId']>(id: Id) {
  return routeIn(routes, id);
}
