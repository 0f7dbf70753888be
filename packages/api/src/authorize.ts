import { isVendorRole } from '@weibao/domain';
import { principalFromClaims, type Principal } from './claims.ts';
import type { RouteDef } from './route.ts';

export type Decision =
  | { allow: true; principal: Principal | null; hospitalId: string | null }
  | { allow: false; status: 401 | 403 | 404; detail: string };

/**
 * The one authorization check, driven by the route table. Order matters: a hospital user asking
 * for another hospital gets 404 before any role check, so nothing reveals that hospital exists.
 * The hospital id a handler may use is the token's for hospital users; vendor staff reach the
 * hospital the path names.
 */
export function authorize(
  route: RouteDef,
  claims: Record<string, unknown> | undefined,
  pathParams: Record<string, string | undefined>,
): Decision {
  const access = route.access;
  if (access.kind === 'public') return { allow: true, principal: null, hospitalId: null };
  const principal = principalFromClaims(claims);
  if ('error' in principal) return { allow: false, status: 401, detail: principal.error };
  const vendor = isVendorRole(principal.role);
  if (!vendor && !principal.hospitalId)
    return { allow: false, status: 403, detail: 'the token names no hospital' };

  if (access.kind === 'hospital') {
    const pathHospital = pathParams.hospitalId;
    if (!pathHospital) return { allow: false, status: 404, detail: 'no hospital in the path' };
    if (!vendor && pathHospital !== principal.hospitalId)
      return { allow: false, status: 404, detail: 'the hospital was not found' };
    if (!access.roles.includes(principal.role))
      return { allow: false, status: 403, detail: `the role ${principal.role} may not do this` };
    return { allow: true, principal, hospitalId: vendor ? pathHospital : principal.hospitalId };
  }
  if (!access.roles.includes(principal.role))
    return { allow: false, status: 403, detail: `the role ${principal.role} may not do this` };
  return { allow: true, principal, hospitalId: vendor ? null : principal.hospitalId };
}
