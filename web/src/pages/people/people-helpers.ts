import { hospitalRoles, vendorRoles, type Role } from '@weibao/domain/roles';

/** The fields of the invite form a problem+json path can land on. */
export type InviteField = 'name' | 'email' | 'phone' | 'role' | 'contracts';
const inviteFields: readonly InviteField[] = ['name', 'email', 'phone', 'role', 'contracts'];

/** Where an API error path lands in the invite form: email → email, contracts.0 → contracts. */
export function inviteFieldOfPath(path: string): InviteField | null {
  const [field] = path.split('.');
  return inviteFields.find((f) => f === field) ?? null;
}

export const overseerRoles = ['supervisor', 'auditor'] as const satisfies readonly Role[];

export function isOverseer(role: Role): boolean {
  return (overseerRoles as readonly Role[]).includes(role);
}

/** The roles a vendor admin invites on the vendor's page: vendor staff, supervisors, auditors. */
export const vendorInviteRoles: readonly Role[] = [...vendorRoles, ...overseerRoles];

/**
 * The roles a person may be changed to: a hospital's roles for hospital users, vendor roles for
 * vendor staff, supervisor or auditor for them (the server refuses a switch across).
 */
export function roleChoices(role: Role, hospitalScoped: boolean): readonly Role[] {
  if (hospitalScoped) return hospitalRoles;
  return isOverseer(role) ? overseerRoles : vendorRoles;
}

export interface ContractRef {
  hospitalId: string;
  contractId: string;
}

/** A contract reference as one select value, and back (the select holds strings). */
export function contractRefKey(ref: ContractRef): string {
  return `${ref.hospitalId}/${ref.contractId}`;
}

export function contractRefOfKey(key: string): ContractRef {
  const at = key.indexOf('/');
  return { hospitalId: key.slice(0, at), contractId: key.slice(at + 1) };
}

/**
 * “医院 · 合同名称” for each contract a supervisor or auditor may oversee, hospitals in the order
 * given and each hospital's contracts by name.
 */
export function contractOptions(
  hospitals: readonly { id: string; name: string }[],
  contractsOf: (hospitalId: string) => readonly { id: string; name: string }[],
  label: (hospital: string, contract: string) => string,
): { value: string; label: string }[] {
  return hospitals.flatMap((h) =>
    [...contractsOf(h.id)]
      .sort((a, b) => a.name.localeCompare(b.name, 'zh'))
      .map((c) => ({
        value: contractRefKey({ hospitalId: h.id, contractId: c.id }),
        label: label(h.name, c.name),
      })),
  );
}

/** Directory people in the table's order: active before deactivated, then by name. */
export function sortPeople<T extends { name: string; state: string }>(people: readonly T[]): T[] {
  return [...people].sort(
    (a, b) =>
      Number(a.state !== 'active') - Number(b.state !== 'active') ||
      a.name.localeCompare(b.name, 'zh'),
  );
}
