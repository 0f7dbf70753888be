import { Zip, ZipDeflate, strToU8 } from 'fflate';
import { isIssuedKey } from '../files/issued-keys.ts';
import {
  fileUrlLifetimeSeconds,
  presignedUpload,
  type PresignedUpload,
} from '../files/presigned-upload.ts';
import {
  deliverableItems,
  maxDeliverableBytes,
  mayBeNone,
  packageStatus,
  quarterPeriods,
  type DeliverableItemId,
  type PackageStatus,
  type ServicePeriod,
} from '@weibao/domain';
import {
  deliverablesOfContract,
  deliverablesOfQuarter,
  saveDeliverables,
  type DeliverableEntry,
  type DeliverablesRecord,
} from '@weibao/store';
import { auditRecord } from '../audit-record.ts';
import { AppError } from '../errors.ts';
import { requireContract } from '../evaluations/evaluation-use-cases.ts';
import { requireHospital } from '../hospitals/hospital-use-cases.ts';
import type { Actor, Deps, FileDeps, FileStore } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { checkVersion } from '../versioned-change.ts';
import { whoOf } from '../who.ts';

export { fileUrlLifetimeSeconds };

export interface QuarterDeliverables extends PackageStatus {
  quarter: number;
  startsOn: string;
  endsOn: string;
  items: {
    id: DeliverableItemId;
    nameZh: string;
    always: boolean;
    entry: DeliverableEntry | null;
  }[];
  completedAt: string | null;
  /** 0 while nothing was recorded: send it back with the first change. */
  version: number;
}

/** The contract quarter asked for, or a clear error naming the quarters the term has. */
export function contractQuarterOf(periods: ServicePeriod[], quarter: number): ServicePeriod {
  const p = periods[quarter - 1];
  if (!p)
    throw new AppError('invalid', `该合同只有第1至第${periods.length}季度`, {
      path: 'quarter',
    });
  return p;
}

function view(p: ServicePeriod, r: DeliverablesRecord | undefined): QuarterDeliverables {
  const items = r?.items ?? {};
  return {
    quarter: p.index,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    items: deliverableItems.map((i) => ({
      id: i.id,
      nameZh: i.nameZh,
      always: i.always,
      entry: items[i.id] ?? null,
    })),
    ...packageStatus(items),
    completedAt: r?.completedAt ?? null,
    version: r?.version ?? 0,
  };
}

export function makeListDeliverables(deps: Deps) {
  /** Every quarter of the contract with its six items as they stand. */
  return async (hospitalId: string, contractId: string): Promise<QuarterDeliverables[]> => {
    const contract = await requireContract(deps, hospitalId, contractId);
    const records = await mapStoreErrors('the deliverables', () =>
      deliverablesOfContract(deps.db, hospitalId, contractId),
    );
    const byQuarter = new Map(records.map((r) => [r.quarter, r]));
    return quarterPeriods(contract.terms.term).map((p) => view(p, byQuarter.get(p.index)));
  };
}

/** Where an item's files go: under the hospital, so a key names its tenant as table keys do. */
export const deliverableKeyPrefix = (
  hospitalId: string,
  contractId: string,
  quarter: number,
  item: DeliverableItemId,
) => `hospitals/${hospitalId}/contracts/${contractId}/deliverables/q${quarter}/${item}/`;

export function makeCreateDeliverableUpload(deps: FileDeps) {
  /**
   * A presigned PUT for one file of one item: the browser uploads straight to S3 (no 6 MB Lambda
   * limit), then records the item with the returned key.
   */
  return async (
    hospitalId: string,
    contractId: string,
    quarter: number,
    item: DeliverableItemId,
    input: { fileName: string; contentType: string; sizeBytes: number },
  ): Promise<PresignedUpload> => {
    const contract = await requireContract(deps, hospitalId, contractId);
    contractQuarterOf(quarterPeriods(contract.terms.term), quarter);
    return presignedUpload(
      deps,
      deliverableKeyPrefix(hospitalId, contractId, quarter, item),
      input,
    );
  };
}

export type DeliverableInput = { version: number } & (
  | { state: 'attached' | 'generated'; fileKey: string; fileName: string }
  | { state: 'none'; reason: string }
);

export function makeRecordDeliverable(deps: FileDeps) {
  /**
   * One item of a quarter's package: a file attached (uploaded first) or generated, or "none this
   * quarter" with the reason where the seed allows it (如有). The first time every item is in,
   * the package counts as submitted (completedAt).
   */
  return async (
    actor: Actor,
    hospitalId: string,
    contractId: string,
    quarter: number,
    item: DeliverableItemId,
    input: DeliverableInput,
  ): Promise<QuarterDeliverables> => {
    const contract = await requireContract(deps, hospitalId, contractId);
    const period = contractQuarterOf(quarterPeriods(contract.terms.term), quarter);
    const before = await deliverablesOfQuarter(deps.db, hospitalId, contractId, quarter);
    checkVersion(before?.version ?? 0, input.version, 'the deliverables package');
    if (input.state === 'none' && !mayBeNone(item))
      throw new AppError('invalid', `${deliverableNameZh(item)}每季度必交，不能填“本季度无”`, {
        path: 'state',
      });
    if (input.state !== 'none') {
      // Exactly a key issued for this item (a prefix check let `…/../<other hospital>/…` through)
      if (!isIssuedKey(input.fileKey, deliverableKeyPrefix(hospitalId, contractId, quarter, item)))
        throw new AppError('invalid', '该文件不是为此项目上传的', {
          path: 'fileKey',
        });
      const stored = await deps.files.head(input.fileKey);
      if (stored === null) throw new AppError('invalid', '没有找到上传的文件', { path: 'fileKey' });
      if (stored.sizeBytes > maxDeliverableBytes)
        throw new AppError(
          'invalid',
          `文件超过 ${Math.round(maxDeliverableBytes / 1024 / 1024)} MB 的上限`,
          {
            path: 'fileKey',
          },
        );
    }
    const at = deps.clock.now().toISOString();
    const by = whoOf(actor);
    const entry: DeliverableEntry =
      input.state === 'none'
        ? { state: 'none', reason: input.reason, recordedAt: at, recordedBy: by }
        : {
            state: input.state,
            fileKey: input.fileKey,
            fileName: input.fileName,
            recordedAt: at,
            recordedBy: by,
          };
    const items = { ...(before?.items ?? {}), [item]: entry };
    const after: DeliverablesRecord = {
      hospitalId,
      contractId,
      quarter,
      items,
      completedAt: before?.completedAt ?? (packageStatus(items).complete ? at : null),
      version: (before?.version ?? 0) + 1,
      createdAt: before?.createdAt ?? at,
      updatedAt: at,
    };
    await mapStoreErrors('the deliverables package', () =>
      saveDeliverables(
        deps.db,
        after,
        before ? { kind: 'update', expectedVersion: before.version } : { kind: 'create' },
        auditRecord(
          deps,
          actor,
          at,
          hospitalId,
          'deliverables.record',
          { type: 'deliverables', id: `${contractId}:q${quarter}` },
          before ?? null,
          after,
        ),
      ),
    );
    return view(period, after);
  };
}

/** The package's own list: what each item is, and why an item is not in it. */
/** A deliverable by its Chinese name: 会议纪要, not meeting-minutes. */
function deliverableNameZh(id: string): string {
  return deliverableItems.find((d) => d.id === id)?.nameZh ?? id;
}

function manifest(v: QuarterDeliverables, hospitalName: string, contractName: string): string {
  const lines = [
    `${hospitalName}《${contractName}》第${v.quarter}季度项目提交物（${v.startsOn} 至 ${v.endsOn}）`,
    '',
    ...v.items.map((i, n) => {
      const e = i.entry;
      const state = !e
        ? '未提交'
        : e.state === 'none'
          ? `本季度无：${e.reason}`
          : `${e.state === 'generated' ? '系统生成' : '附件'}：${n + 1}-${i.nameZh}/${e.fileName}`;
      return `${n + 1}. ${i.nameZh} —— ${state}`;
    }),
    '',
    v.complete
      ? '提交物齐全。'
      : `尚缺：${v.missing.map((id) => v.items.find((i) => i.id === id)?.nameZh ?? id).join('、')}`,
  ];
  return lines.join('\r\n');
}

/**
 * A zip of the entries, read from the file store and written out a chunk at a time: nothing holds
 * a whole file, so one file of several GB packs as well as a page (the package is written to S3
 * in parts as it comes).
 */
export async function* zipStream(
  files: Pick<FileStore, 'read'>,
  entries: ({ name: string; key: string } | { name: string; key: null; text: string })[],
): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let failed: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failed = err;
    else out.push(chunk);
  });
  const drain = function* () {
    if (failed) throw failed;
    yield* out.splice(0);
  };
  for (const entry of entries) {
    const file = new ZipDeflate(entry.name, { level: 6 });
    zip.add(file);
    if (entry.key === null) file.push(strToU8(entry.text), true);
    else {
      for await (const chunk of files.read(entry.key)) {
        file.push(chunk);
        yield* drain();
      }
      file.push(new Uint8Array(0), true);
    }
    yield* drain();
  }
  zip.end();
  yield* drain();
}

export function makePackageDeliverables(deps: FileDeps) {
  /**
   * The quarter's package as one zip (a manifest and every file, one folder per item), written to
   * S3 and handed out as a presigned GET: no Lambda response limit applies to the download.
   */
  return async (
    hospitalId: string,
    contractId: string,
    quarter: number,
  ): Promise<{
    downloadUrl: string;
    fileKey: string;
    expiresAt: string;
    bytes: number;
    complete: boolean;
    missing: DeliverableItemId[];
  }> => {
    const hospital = await requireHospital(deps, hospitalId);
    const contract = await requireContract(deps, hospitalId, contractId);
    const period = contractQuarterOf(quarterPeriods(contract.terms.term), quarter);
    const record = await deliverablesOfQuarter(deps.db, hospitalId, contractId, quarter);
    const v = view(period, record);
    const fileKey = `hospitals/${hospitalId}/contracts/${contractId}/packages/q${quarter}-${deps.ids.next()}.zip`;
    const bytes = await deps.files.putStream(
      fileKey,
      zipStream(deps.files, [
        { name: '清单.txt', key: null, text: manifest(v, hospital.name, contract.terms.name) },
        ...v.items.flatMap((i, n) => {
          const e = i.entry;
          if (!e || e.state === 'none') return [];
          // A record written before keys were checked must not reach another tenant's file.
          if (!isIssuedKey(e.fileKey, deliverableKeyPrefix(hospitalId, contractId, quarter, i.id)))
            throw new AppError(
              'conflict',
              `本季度的${deliverableNameZh(i.id)}引用了不属于它的文件`,
              {
                path: i.id,
              },
            );
          return [
            { name: `${n + 1}-${i.nameZh}/${e.fileName.replace(/[/\\]/g, '_')}`, key: e.fileKey },
          ];
        }),
      ]),
      'application/zip',
    );
    const downloadName = `项目提交物-第${quarter}季度.zip`;
    return {
      downloadUrl: await deps.files.presignGet(fileKey, downloadName, fileUrlLifetimeSeconds),
      fileKey,
      expiresAt: new Date(deps.clock.now().getTime() + fileUrlLifetimeSeconds * 1000).toISOString(),
      bytes,
      complete: v.complete,
      missing: v.missing,
    };
  };
}
