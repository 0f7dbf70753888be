import { isVendorRole } from '@weibao/domain';
import { principalFromClaims, type Principal } from './claims.ts';
import type { RouteDef } from './route.ts';

export type Decision =
  | {
      allow: true;
      principal: Principal | null;
      hospitalId: string | null;
      /**
       * The hospitals a vendor-wide answer (hospital list, queue, deduction sums) may show: null
       * for all, else only these (a support engineer limited to assigned hospitals).
       */
      hospitalLimit: readonly string[] | null;
    }
  | { allow: false; status: 401 | 403 | 404; detail: string };

/** Only support engineers are ever limited to assigned hospitals (docs/auth.md). */
export const limitedRoles = ['support-engineer'] as const;

/**
 * The one authorization check, driven by the route table. Order matters: a hospital user asking
 * for another hospital, or an engineer asking for a hospital not assigned to them, gets 404 before
 * any role check, so nothing reveals that the hospital exists. The hospital id a handler may use
 * is the token's for hospital users; vendor staff reach the hospital the path names.
 *
 * `hospitalLimit` is the caller's assignment as stored (null: not limited); the handler wrapper
 * reads it for support engineers only, before calling this.
 */
export function authorize(
  route: RouteDef,
  claims: Record<string, unknown> | undefined,
  pathParams: Record<string, string | undefined>,
  hospitalLimit: readonly string[] | null = null,
): Decision {
  const access = route.access;
  if (access.kind === 'public')
    return { allow: true, principal: null, hospitalId: null, hospitalLimit: null };
  const principal = principalFromClaims(claims);
  if ('error' in principal) return { allow: false, status: 401, detail: principal.error };
  const vendor = isVendorRole(principal.role);
  if (!vendor && !principal.hospitalId)
    return { allow: false, status: 403, detail: 'the token names no hospital' };
  const limit = vendor && isLimitedRole(principal.role) ? hospitalLimit : null;

  if (access.kind === 'hospital') {
    const pathHospital = pathParams.hospitalId;
    if (!pathHospital) return { allow: false, status: 404, detail: 'no hospital in the path' };
    if (!vendor && pathHospital !== principal.hospitalId)
      return { allow: false, status: 404, detail: 'the hospital was not found' };
    if (limit && !limit.includes(pathHospital))
      return { allow: false, status: 404, detail: 'the hospital was not found' };
    if (!access.roles.includes(principal.role))
      return { allow: false, status: 403, detail: `the role ${principal.role} may not do this` };
    return {
      allow: true,
      principal,
      hospitalId: vendor ? pathHospital : principal.hospitalId,
      hospitalLimit: limit,
    };
  }
  if (!access.roles.includes(principal.role))
    return { allow: false, status: 403, detail: `the role ${principal.role} may not do this` };
  return {
    allow: true,
    principal,
    hospitalId: vendor ? null : principal.hospitalId,
    hospitalLimit: limit,
  };
}

export function isLimitedRole(role: string): boolean {
  return (limitedRoles as readonly string[]).includes(role);
}
