import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  allHospitals,
  allPages,
  makeDb,
  peopleOf,
  personById,
  vendorChainId,
  type Db,
  type PersonRecord,
} from '@weibao/store';
import { personIdOf } from '@weibao/usecases';
import { demoHospitals, demoUserByEmail, demoUsers, type DemoUser } from './demo-users.ts';
import type { LocalEnv } from './env.ts';

/**
 * The local issuer's users: the people of the directory. Anyone active there signs in; someone
 * deactivated does not. A table without the person (no demo data loaded) falls back to the
 * built-in demo users.
 */
export interface LocalDirectory {
  /** Everyone who may sign in, for the sign-in page. */
  users(): Promise<(DemoUser & { hospitalName: string | null })[]>;
  /** Who signs in with this e-mail; `deactivated` when the directory says they may not. */
  find(email: string): Promise<DemoUser | 'deactivated' | undefined>;
  destroy(): void;
}

function asUser(p: PersonRecord): DemoUser {
  // Supervisors and auditors act for the hospital of the contracts they oversee.
  const tenant = p.hospitalId ?? p.contracts[0]?.hospitalId;
  return {
    sub: p.sub,
    email: p.email,
    name: p.name,
    role: p.role,
    ...(tenant ? { hospitalId: tenant } : {}),
  };
}

function hospitalsOf(db: Db) {
  return allPages((cursor) => allHospitals(db, { limit: 100, ...(cursor ? { cursor } : {}) }));
}

export function makeLocalDirectory(
  env: Pick<LocalEnv, 'region' | 'tableName' | 'endpoints' | 'credentials'>,
): LocalDirectory {
  const client = new DynamoDBClient({
    region: env.region,
    endpoint: env.endpoints.dynamodb,
    credentials: env.credentials,
  });
  const db = makeDb(env.tableName, client);
  return {
    async users() {
      const hospitals = await hospitalsOf(db);
      const name = new Map(hospitals.map((h) => [h.id, h.name]));
      const people = (
        await Promise.all(
          [vendorChainId, ...hospitals.map((h) => h.id)].map((p) => peopleOf(db, p)),
        )
      ).flat();
      // A table without demo data (seed: false) has nobody yet: the built-in demo users sign in.
      if (people.length === 0)
        return demoUsers.map((u) => ({
          ...u,
          hospitalName: demoHospitals.find((h) => h.id === u.hospitalId)?.name ?? null,
        }));
      return people
        .filter((p) => p.state === 'active')
        .map((p) => {
          const u = asUser(p);
          return { ...u, hospitalName: (u.hospitalId && name.get(u.hospitalId)) || null };
        });
    },
    async find(email) {
      const id = personIdOf(email);
      const hospitals = await hospitalsOf(db);
      const found = (
        await Promise.all(
          [vendorChainId, ...hospitals.map((h) => h.id)].map((p) => personById(db, p, id)),
        )
      ).find((p) => p !== undefined);
      if (found) return found.state === 'active' ? asUser(found) : 'deactivated';
      return demoUserByEmail(email);
    },
    destroy: () => client.destroy(),
  };
}
