import { allHospitals, allPages, writeAuditCheckpoint } from '@weibao/store';
import type { Db } from '@weibao/store';
import type { Clock } from '../ports.ts';

export interface AuditCheckpointDeps {
  db: Db;
  clock: Clock;
}

/** A hospital whose audit log failed verification: where, and what was found. */
export interface BrokenAuditLog {
  hospitalId: string;
  lane: string;
  seq: number;
  problem: string;
  detail: string;
}

export interface AuditCheckpointRun {
  /** The instant the checkpoints were taken as of (the run's hour). */
  asOf: string;
  checkpointed: { hospitalId: string; records: number; cutoff: string | undefined }[];
  broken: BrokenAuditLog[];
}

/**
 * Thrown after every hospital was tried when at least one audit log is broken: the function fails,
 * so its error alarm tells the operators (docs/deploy.md, Alarms), and the message names each.
 */
export class AuditLogBrokenError extends Error {
  constructor(readonly run: AuditCheckpointRun) {
    super(
      `audit log broken for ${run.broken.length} hospital(s): ${run.broken
        .map((b) => `${b.hospitalId} lane ${b.lane || '(checkpoints)'} seq ${b.seq}: ${b.problem}`)
        .join('; ')}`,
    );
    this.name = 'AuditLogBrokenError';
  }
}

const hourMs = 3_600_000;

/**
 * The daily audit checkpoint of every hospital: verify its lanes, then record a checkpoint of
 * what committed before the cutoff (writeAuditCheckpoint). The run is taken as of the start of
 * its hour, so a retry within the hour finds its checkpoint made and writes none. A broken log
 * gets no checkpoint (it would seal the damage); the others still get theirs, then the run fails.
 */
export function makeCheckpointAuditLogs(deps: AuditCheckpointDeps) {
  return async (): Promise<AuditCheckpointRun> => {
    const asOf = new Date(Math.floor(deps.clock.now().getTime() / hourMs) * hourMs);
    const hospitals = await allPages((cursor) =>
      allHospitals(deps.db, { limit: 100, ...(cursor ? { cursor } : {}) }),
    );
    const run: AuditCheckpointRun = { asOf: asOf.toISOString(), checkpointed: [], broken: [] };
    for (const h of hospitals) {
      const verdict = await writeAuditCheckpoint(deps.db, h.id, asOf);
      if (verdict.ok)
        run.checkpointed.push({ hospitalId: h.id, records: verdict.count, cutoff: verdict.cutoff });
      else
        run.broken.push({
          hospitalId: h.id,
          lane: verdict.lane,
          seq: verdict.seq,
          problem: verdict.problem,
          detail: verdict.detail,
        });
    }
    if (run.broken.length > 0) throw new AuditLogBrokenError(run);
    return run;
  };
}
