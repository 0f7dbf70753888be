import type { Role } from '@weibao/domain';
import type { Db } from '@weibao/store';

/** Time is a port so tests and the rules never read the machine's clock directly. */
export interface Clock {
  now(): Date;
}

export interface Ids {
  /** A ULID: sortable by creation time. */
  next(): string;
}

/** Who acts, from the verified token; hospitalId is null for vendor staff. */
export interface Actor {
  sub: string;
  email: string | null;
  role: Role;
  hospitalId: string | null;
}

export interface Deps {
  db: Db;
  clock: Clock;
  ids: Ids;
}
