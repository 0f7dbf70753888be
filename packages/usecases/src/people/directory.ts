import { createHash } from 'node:crypto';
import { hospitalRoles, roleNamesZh, type Role } from '@weibao/domain';
import {
  contractById,
  hospitalById,
  peopleOf,
  personById,
  savePerson,
  vendorChainId,
  type PersonRecord,
  type PersonState,
} from '@weibao/store';
import { auditRecord } from '../audit-record.ts';
import { AccountConflictError, AppError, notFound } from '../errors.ts';
import type { Actor, Deps, PeopleDeps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { checkVersion } from '../versioned-change.ts';

const what = 'the person';

/** The id of the person with this e-mail: the same address is always the same person. */
export function personIdOf(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
}

/**
 * The user id a person signs in with where weibao itself is the issuer (locally), shaped like
 * Cognito's: derived from the e-mail, so inviting again yields the same sub.
 */
export function localSubOf(email: string): string {
  const hex = createHash('sha256').update(`sub:${email.trim().toLowerCase()}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const isHospitalRole = (r: Role) => (hospitalRoles as readonly string[]).includes(r);
const isOverseer = (r: Role) => r === 'supervisor' || r === 'auditor';

/** Who may manage a hospital's users: vendor admins, service managers and that hospital's IT center. */
function mayManageHospital(actor: Actor, hospitalId: string): boolean {
  if (actor.role === 'vendor-admin' || actor.role === 'service-manager') return true;
  return actor.role === 'hospital-it' && actor.hospitalId === hospitalId;
}

export interface InviteInput {
  name: string;
  email: string;
  phone: string | null;
  role: Role;
  /** Supervisors and auditors: the contracts they oversee. */
  contracts?: { hospitalId: string; contractId: string }[];
}

export function makeListPeople(deps: Deps) {
  /** `hospitalId` null: the vendor's people (vendor staff, supervisors, auditors). */
  return async (hospitalId: string | null): Promise<PersonRecord[]> => {
    // A hospital that is not there has no people to list: 404, as its other lists answer.
    if (hospitalId !== null) {
      const h = await hospitalById(deps.db, hospitalId);
      if (!h || h.deletedAt) throw notFound('the hospital');
    }
    const people = await peopleOf(deps.db, hospitalId ?? vendorChainId);
    return people.sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  };
}

function checkRoleFor(actor: Actor, hospitalId: string | null, role: Role): void {
  if (hospitalId !== null) {
    if (!isHospitalRole(role))
      throw new AppError(
        'forbidden',
        `医院的人员只能是${hospitalRoles.map((r) => roleNamesZh[r]).join('或')}，不能邀请为${roleNamesZh[role]}`,
        { path: 'role' },
      );
    if (!mayManageHospital(actor, hospitalId))
      throw new AppError('forbidden', '只有厂商管理员、服务经理和本院信息中心可以管理本院人员');
    return;
  }
  if (isHospitalRole(role))
    throw new AppError('invalid', `${roleNamesZh[role]}属于某家医院，请在该医院的人员中邀请`, {
      path: 'role',
    });
  if (actor.role !== 'vendor-admin')
    throw new AppError('forbidden', '只有厂商管理员可以管理厂商人员、监理和审计');
}

async function checkContracts(
  deps: Deps,
  role: Role,
  contracts: { hospitalId: string; contractId: string }[],
): Promise<{ hospitalId: string; contractId: string }[]> {
  if (!isOverseer(role)) {
    if (contracts.length > 0)
      throw new AppError('invalid', `${roleNamesZh[role]}不关联合同`, { path: 'contracts' });
    return [];
  }
  if (contracts.length === 0)
    throw new AppError('invalid', `${roleNamesZh[role]}至少要关联一份其监督的合同`, {
      path: 'contracts',
    });
  for (const [i, c] of contracts.entries()) {
    const found = await contractById(deps.db, c.hospitalId, c.contractId);
    if (!found)
      throw new AppError('invalid', `没有合同 ${c.contractId}`, { path: `contracts.${i}` });
  }
  const seen = new Map(contracts.map((c) => [`${c.hospitalId}/${c.contractId}`, c]));
  return [...seen.values()];
}

/**
 * Invites a person into a hospital (`hospitalId`) or into the vendor's directory (null). Inviting
 * the same e-mail again answers the person already there (same role and place) instead of a
 * second person; another role or place for the same address is a conflict.
 */
export function makeInvitePerson(deps: PeopleDeps) {
  return async (
    actor: Actor,
    hospitalId: string | null,
    input: InviteInput,
    /** The identity provider's user id, when it made the user (Cognito); else derived locally. */
    options: { sub?: string } = {},
  ): Promise<{ person: PersonRecord; created: boolean }> => {
    checkRoleFor(actor, hospitalId, input.role);
    if (hospitalId !== null) {
      const h = await hospitalById(deps.db, hospitalId);
      if (!h || h.deletedAt) throw notFound('the hospital');
    }
    const contracts = await checkContracts(deps, input.role, input.contracts ?? []);
    // Their sign-in carries one hospital, the first contract's: another's would be out of reach.
    const asked = input.contracts ?? [];
    const elsewhere = asked.findIndex((c) => c.hospitalId !== asked[0]?.hospitalId);
    if (elsewhere >= 0)
      throw new AppError(
        'invalid',
        '监理和审计只能监督同一家医院的合同；监督另一家医院的合同请另行邀请',
        { path: `contracts.${elsewhere}` },
      );
    const email = input.email.trim().toLowerCase();
    const id = personIdOf(email);
    const partition = hospitalId ?? vendorChainId;
    const before = await personById(deps.db, partition, id);
    if (before) {
      if (before.role === input.role) return { person: before, created: false };
      throw new AppError(
        'conflict',
        `${email} 已是${roleNamesZh[before.role]}，如需更改请修改其角色`,
        { path: 'email', currentVersion: before.version },
      );
    }
    // The same address in another place would be a second person with the same sign-in.
    for (const other of hospitalId === null ? [] : [vendorChainId]) {
      if (await personById(deps.db, other, id))
        throw new AppError('conflict', `${email} 已是厂商方人员`, { path: 'email' });
    }
    // The sign-in first (Cognito on AWS), so the record carries its real id; a retry finds it.
    const sub =
      options.sub ??
      (deps.accounts
        ? (
            await accountOf(deps.accounts, {
              email,
              name: input.name.trim(),
              role: input.role,
              // Supervisors and auditors act for the hospital of the contracts they oversee.
              hospitalId: hospitalId ?? contracts[0]?.hospitalId ?? null,
            })
          ).sub
        : localSubOf(email));
    const at = deps.clock.now().toISOString();
    const person: PersonRecord = {
      id,
      sub,
      name: input.name.trim(),
      email,
      phone: input.phone?.trim() || null,
      role: input.role,
      hospitalId,
      contracts,
      state: 'active',
      version: 1,
      invitedAt: at,
      updatedAt: at,
    };
    const audit = auditRecord(
      deps,
      actor,
      at,
      partition,
      'person.invite',
      { type: 'person', id },
      null,
      person,
    );
    try {
      await mapStoreErrors(what, () =>
        savePerson(deps.db, partition, person, { kind: 'create' }, audit),
      );
    } catch (err) {
      // Two invitations of one address at once: the one that lost answers the one that won.
      const won = await personById(deps.db, partition, id);
      if (won && won.role === input.role) return { person: won, created: false };
      throw err;
    }
    return { person, created: true };
  };
}

/**
 * An overseer's new list of contracts: each one there, and the first in the hospital they act for
 * already (their sign-in carries it, immutably): another hospital's supervision is a new invitation.
 */
async function overseenContracts(
  deps: Deps,
  role: Role,
  before: PersonRecord,
  contracts: { hospitalId: string; contractId: string }[],
) {
  const checked = await checkContracts(deps, role, contracts);
  const tenant = before.contracts[0]?.hospitalId;
  if (tenant && checked.some((c) => c.hospitalId !== tenant))
    throw new AppError(
      'invalid',
      '监理和审计只能改为本医院的其他合同；监督另一家医院的合同请另行邀请',
      { path: 'contracts' },
    );
  return checked;
}

/** The identity provider's account of an invited person; an address taken elsewhere is a 409. */
async function accountOf(
  accounts: NonNullable<PeopleDeps['accounts']>,
  person: Parameters<NonNullable<PeopleDeps['accounts']>['ensureUser']>[0],
) {
  try {
    return await accounts.ensureUser(person);
  } catch (err) {
    if (err instanceof AccountConflictError)
      throw new AppError('conflict', `${person.email} 已在其他医院或厂商登录，请换一个邮箱`, {
        path: 'email',
      });
    throw err;
  }
}

export interface PersonChange {
  version: number;
  /** Supervisors and auditors: the contracts they oversee (replaces the list). */
  contracts?: { hospitalId: string; contractId: string }[] | undefined;
  role?: Role;
  state?: PersonState;
  name?: string;
  phone?: string | null;
}

/** Deactivate, reactivate, change role, name or phone: version-checked and audited. */
export function makeChangePerson(deps: PeopleDeps) {
  return async (
    actor: Actor,
    hospitalId: string | null,
    personId: string,
    change: PersonChange,
  ): Promise<PersonRecord> => {
    const partition = hospitalId ?? vendorChainId;
    const before = await personById(deps.db, partition, personId);
    if (!before) throw notFound(what);
    checkRoleFor(actor, hospitalId, change.role ?? before.role);
    checkVersion(before.version, change.version, what);
    if (before.sub === actor.sub && change.state === 'deactivated')
      throw new AppError('invalid', '不能停用自己', { path: 'state' });
    if (change.role && isOverseer(change.role) !== isOverseer(before.role))
      throw new AppError('invalid', '监理和审计与厂商人员之间不能互改角色，请重新邀请', {
        path: 'role',
      });
    const contracts =
      change.contracts === undefined
        ? before.contracts
        : await overseenContracts(deps, change.role ?? before.role, before, change.contracts);
    const at = deps.clock.now().toISOString();
    const after: PersonRecord = {
      ...before,
      contracts,
      role: change.role ?? before.role,
      state: change.state ?? before.state,
      name: change.name?.trim() || before.name,
      phone: change.phone === undefined ? before.phone : change.phone?.trim() || null,
      version: before.version + 1,
      updatedAt: at,
    };
    // The sign-in follows first: a deactivated person must not sign in even if the save then fails
    // (a retry saves it; both calls are safe to repeat).
    if (deps.accounts) {
      if (after.role !== before.role)
        await deps.accounts.changeRole(before.email, before.role, after.role);
      if (after.state !== before.state)
        await deps.accounts.setEnabled(before.email, after.state === 'active');
    }
    const action =
      after.state !== before.state
        ? after.state === 'active'
          ? 'person.reactivate'
          : 'person.deactivate'
        : after.role !== before.role
          ? 'person.change-role'
          : change.contracts !== undefined
            ? 'person.change-contracts'
            : 'person.edit';
    const audit = auditRecord(
      deps,
      actor,
      at,
      partition,
      action,
      { type: 'person', id: personId },
      before,
      after,
    );
    await mapStoreErrors(what, () =>
      savePerson(
        deps.db,
        partition,
        after,
        { kind: 'update', expectedVersion: before.version },
        audit,
      ),
    );
    return after;
  };
}

/** Everyone who may be in a hospital's role to act on it: its active people, for sign-in and mail. */
export async function activePersonByEmail(
  deps: Pick<Deps, 'db'>,
  hospitalIds: (string | null)[],
  email: string,
): Promise<PersonRecord | undefined> {
  // One GetItem per partition, at once: a mail's sender costs one round trip, not one per place
  const id = personIdOf(email);
  const found = await Promise.all(
    hospitalIds.map((h) => personById(deps.db, h ?? vendorChainId, id)),
  );
  return found.find((p) => p?.state === 'active');
}
