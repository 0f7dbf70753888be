import {
  defaultChecklist,
  gapsBeforeSignature,
  quarterOfDay,
  quarterPeriods,
  shanghaiDateOf,
  type ChecklistItem,
  type InspectionFinding,
  type InspectionResult,
  type Severity,
} from '@weibao/domain';
import {
  inspectionById,
  inspectionChecklist,
  inspectionsOfContract,
  saveInspection,
  saveInspectionChecklist,
  type ContractRecord,
  type InspectionChecklistRecord,
  type InspectionPhoto,
  type InspectionRecord,
  type Page,
} from '@weibao/store';
import { AppError, notFound } from '../errors.ts';
import { isIssuedKey } from '../files/issued-keys.ts';
import { presignedUpload } from '../files/presigned-upload.ts';
import { earlierResult, keyedItems, keyedRequest } from '../idempotency.ts';
import { requireLiveContract, requireObligation } from '../obligations/obligation-use-cases.ts';
import type { Actor, Deps, FileDeps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { applyVersionedChange, checkVersion, saveNextVersion } from '../versioned-change.ts';
import { whoOf } from '../who.ts';
import { inspectionSha256 } from './inspection-content.ts';

const what = 'the inspection';

/** A contract's checklist: as edited, else the 巡检单's default (version 0: not stored yet). */
export interface ChecklistView {
  items: ChecklistItem[];
  version: number;
  edited: boolean;
}

const checklistOf = (
  contract: ContractRecord,
  stored: InspectionChecklistRecord | undefined,
): ChecklistView =>
  stored
    ? { items: stored.items, version: stored.version, edited: true }
    : {
        items: defaultChecklist(contract.terms.subsystems.map((s) => s.name)),
        version: 0,
        edited: false,
      };

export function makeGetInspectionChecklist(deps: Deps) {
  return async (hospitalId: string, contractId: string): Promise<ChecklistView> => {
    const contract = await requireLiveContract(deps, hospitalId, contractId);
    return checklistOf(contract, await inspectionChecklist(deps.db, hospitalId, contractId));
  };
}

export function makePutInspectionChecklist(deps: Deps) {
  /** Vendor staff edit what every later visit checks; visits already recorded keep theirs. */
  return async (
    actor: Actor,
    hospitalId: string,
    contractId: string,
    input: { version: number; items: ChecklistItem[] },
  ): Promise<ChecklistView> => {
    const contract = await requireLiveContract(deps, hospitalId, contractId);
    const before = await inspectionChecklist(deps.db, hospitalId, contractId);
    checkVersion(before?.version ?? 0, input.version, 'the inspection checklist');
    const seen = new Set<string>();
    input.items.forEach((i, n) => {
      const k = `${i.area}\n${i.item.trim()}`;
      if (seen.has(k))
        throw new AppError('invalid', `检查内容“${i.item}”重复`, { path: `items.${n}.item` });
      seen.add(k);
    });
    const at = deps.clock.now().toISOString();
    const after = await saveNextVersion(deps, actor, {
      what: 'the inspection checklist',
      action: 'inspection-checklist.put',
      entity: { type: 'inspection-checklist', id: contractId },
      before: before ?? null,
      after: {
        hospitalId,
        contractId,
        items: input.items.map((i) => ({ area: i.area, item: i.item.trim() })),
        updatedBy: whoOf(actor),
        version: 1,
        createdAt: before?.createdAt ?? at,
        updatedAt: at,
      },
      save: (next, condition, audit) => saveInspectionChecklist(deps.db, next, condition, audit),
    });
    return checklistOf(contract, after);
  };
}

export async function requireInspection(
  deps: Deps,
  hospitalId: string,
  contractId: string,
  inspectionId: string,
): Promise<InspectionRecord> {
  const r = await inspectionById(deps.db, hospitalId, contractId, inspectionId);
  if (!r) throw notFound(what);
  return r;
}

export function makeListInspections(deps: Deps) {
  return async (
    hospitalId: string,
    contractId: string,
    page: { limit?: number; cursor?: string },
  ): Promise<Page<InspectionRecord>> => {
    await requireLiveContract(deps, hospitalId, contractId);
    return mapStoreErrors('the inspections', () =>
      inspectionsOfContract(deps.db, hospitalId, contractId, page),
    );
  };
}

export function makeGetInspection(deps: Deps) {
  return async (hospitalId: string, contractId: string, inspectionId: string) => {
    await requireLiveContract(deps, hospitalId, contractId);
    return requireInspection(deps, hospitalId, contractId, inspectionId);
  };
}

/** Creates or changes an inspection with its audit record, conditioned on the version read. */
export function storeInspection(
  deps: Deps,
  actor: Actor,
  action: string,
  before: InspectionRecord | null,
  after: InspectionRecord,
  alsoCreate?: Record<string, unknown>[],
): Promise<InspectionRecord> {
  return saveNextVersion(deps, actor, {
    what,
    action,
    entity: { type: 'inspection', id: `${after.contractId}/${after.id}` },
    before,
    after,
    save: (next, condition, audit) => saveInspection(deps.db, next, condition, audit, alsoCreate),
  });
}

/**
 * The engineer starts a visit's record for one inspection obligation of the contract: the
 * contract's checklist as it stands, every result still open. With an Idempotency-Key a retry
 * answers the first record.
 */
export function makeStartInspection(deps: Deps) {
  return async (
    actor: Actor,
    hospitalId: string,
    contractId: string,
    input: { obligationId: string; arrivedAt?: string | null | undefined },
    idempotencyKey?: string,
  ): Promise<{ inspection: InspectionRecord; created: boolean }> => {
    const contract = await requireLiveContract(deps, hospitalId, contractId);
    const keyed = keyedRequest('inspection.start', idempotencyKey, {
      hospitalId,
      contractId,
      input,
    });
    const earlier = await earlierResult(deps.db, hospitalId, keyed);
    const found = earlier && (await inspectionById(deps.db, hospitalId, contractId, earlier));
    if (found) return { inspection: found, created: false };
    const obligation = await requireObligation(deps, hospitalId, contractId, input.obligationId);
    if (obligation.kind !== 'inspection')
      throw new AppError('invalid', '请选择一项巡检事项', { path: 'obligationId' });
    const quarter = quarterOfDay(quarterPeriods(contract.terms.term), obligation.period.startsOn);
    if (quarter === null)
      throw new AppError('invalid', '该巡检事项不在合同服务期内', { path: 'obligationId' });
    const checklist = checklistOf(
      contract,
      await inspectionChecklist(deps.db, hospitalId, contractId),
    );
    const now = deps.clock.now();
    const at = now.toISOString();
    const inspection: InspectionRecord = {
      id: deps.ids.next(),
      hospitalId,
      contractId,
      obligationId: obligation.id,
      quarter,
      engineer: whoOf(actor),
      arrivedAt: input.arrivedAt ?? null,
      leftAt: null,
      place: null,
      items: checklist.items.map((i) => ({ ...i, result: null, remark: null })),
      findings: [],
      nextFindingNo: 1,
      photos: [],
      state: 'draft',
      contentSha256: null,
      submittedAt: null,
      signatures: [],
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    return {
      inspection: await storeInspection(
        deps,
        actor,
        'inspection.start',
        null,
        inspection,
        keyedItems(hospitalId, keyed, inspection.id, now.getTime()),
      ),
      created: true,
    };
  };
}

/** Where a visit's photos go: under the hospital, so a key names its tenant as table keys do. */
export const inspectionPhotoFolder = (
  hospitalId: string,
  contractId: string,
  inspectionId: string,
) => `hospitals/${hospitalId}/contracts/${contractId}/inspections/${inspectionId}/`;

const frozen = (r: InspectionRecord) =>
  new AppError('conflict', '巡检单已提交签字，内容不能再修改', {
    path: 'version',
    currentVersion: r.version,
  });

export function makeCreateInspectionPhotoUpload(deps: FileDeps) {
  /** A presigned PUT for one photo of a draft visit; the record names it once uploaded. */
  return async (
    hospitalId: string,
    contractId: string,
    inspectionId: string,
    input: { fileName: string; contentType: string; sizeBytes: number },
  ) => {
    await requireLiveContract(deps, hospitalId, contractId);
    const r = await requireInspection(deps, hospitalId, contractId, inspectionId);
    if (r.state !== 'draft') throw frozen(r);
    return presignedUpload(
      deps,
      inspectionPhotoFolder(hospitalId, contractId, inspectionId),
      input,
    );
  };
}

export interface InspectionDraftInput {
  version: number;
  arrivedAt: string | null;
  leftAt: string | null;
  place: string | null;
  /** One per item of the record, in its order: the items themselves are the server's. */
  results: { result: InspectionResult | null; remark: string | null }[];
  /** Findings to keep (with their id) or add (without). */
  findings: { id?: string | undefined; text: string; severity: Severity; photoKeys: string[] }[];
  photos: InspectionPhoto[];
}

/**
 * The engineer records what was checked and found. Only a draft changes; photo keys must be keys
 * issued for this very visit and be in the bucket; a finding's photos must be among the visit's.
 */
export function makeRecordInspection(deps: FileDeps) {
  return async (
    actor: Actor,
    hospitalId: string,
    contractId: string,
    inspectionId: string,
    input: InspectionDraftInput,
  ): Promise<InspectionRecord> => {
    await requireLiveContract(deps, hospitalId, contractId);
    const before = await requireInspection(deps, hospitalId, contractId, inspectionId);
    checkVersion(before.version, input.version, what);
    if (before.state !== 'draft') throw frozen(before);
    if (input.results.length !== before.items.length)
      throw new AppError('invalid', `检查结果应有 ${before.items.length} 项`, { path: 'results' });
    const folder = inspectionPhotoFolder(hospitalId, contractId, inspectionId);
    const known = new Set(before.photos.map((p) => p.key));
    for (const [n, p] of input.photos.entries()) {
      if (!isIssuedKey(p.key, folder))
        throw new AppError('invalid', '该照片不是为此次巡检上传的', { path: `photos.${n}.key` });
      if (!known.has(p.key) && (await deps.files.head(p.key)) === null)
        throw new AppError('invalid', '没有找到上传的照片，请重新上传', {
          path: `photos.${n}.key`,
        });
    }
    const photoKeys = new Set(input.photos.map((p) => p.key));
    const kept = new Map(before.findings.map((f) => [f.id, f]));
    let nextFindingNo = before.nextFindingNo;
    const findings: InspectionFinding[] = input.findings.map((f, n) => {
      const bad = f.photoKeys.findIndex((k) => !photoKeys.has(k));
      if (bad >= 0)
        throw new AppError('invalid', '问题的照片须是本次巡检上传的照片', {
          path: `findings.${n}.photoKeys.${bad}`,
        });
      const earlier = f.id === undefined ? undefined : kept.get(f.id);
      if (f.id !== undefined && !earlier)
        throw new AppError('invalid', '没有这项发现问题', { path: `findings.${n}.id` });
      return {
        id: earlier?.id ?? `f${nextFindingNo++}`,
        text: f.text,
        severity: f.severity,
        photoKeys: f.photoKeys,
        ticketId: earlier?.ticketId ?? null,
      };
    });
    const removedWithTicket = before.findings.find(
      (f) => f.ticketId !== null && !findings.some((x) => x.id === f.id),
    );
    if (removedWithTicket)
      throw new AppError('invalid', '已开工单的发现问题不能删除', { path: 'findings' });
    return storeInspection(deps, actor, 'inspection.record', before, {
      ...before,
      arrivedAt: input.arrivedAt,
      leftAt: input.leftAt,
      place: input.place,
      items: before.items.map((i, n) => ({
        ...i,
        result: input.results[n]?.result ?? null,
        remark: input.results[n]?.remark ?? null,
      })),
      findings,
      nextFindingNo,
      photos: input.photos,
    });
  };
}

/**
 * 提交签字: the record is complete (every item checked, times in order) and is frozen; its
 * SHA-256 is what both hospital signers sign. Submitting a record already submitted answers it.
 */
export function makeSubmitInspection(deps: Deps) {
  return async (
    actor: Actor,
    hospitalId: string,
    contractId: string,
    inspectionId: string,
    input: { version: number },
  ): Promise<InspectionRecord> => {
    await requireLiveContract(deps, hospitalId, contractId);
    const before = await requireInspection(deps, hospitalId, contractId, inspectionId);
    if (before.state !== 'draft' && before.version === input.version) return before;
    const gap = gapsBeforeSignature(before)[0];
    return applyVersionedChange(deps, actor, {
      what,
      hospitalId,
      entity: { type: 'inspection', id: `${contractId}/${inspectionId}` },
      action: 'inspection.submit',
      before,
      expectedVersion: input.version,
      change: (b, at) => {
        if (b.state !== 'draft') throw frozen(b);
        if (gap) throw new AppError('invalid', gap.message, { path: gap.path });
        return {
          ...b,
          state: 'awaiting-signatures',
          contentSha256: inspectionSha256(b),
          submittedAt: at,
        };
      },
      save: (after, expectedVersion, audit) =>
        saveInspection(deps.db, after, { kind: 'update', expectedVersion }, audit),
    });
  };
}

/** The day of a visit as people name it: its arrival's Shanghai date. */
export const visitDay = (r: Pick<InspectionRecord, 'arrivedAt' | 'createdAt'>) =>
  shanghaiDateOf(Date.parse(r.arrivedAt ?? r.createdAt));
