import {
  saveVendorProfile,
  vendorChainId,
  vendorProfile,
  type VendorProfileRecord,
} from '@weibao/store';
import { auditRecord } from '../audit-record.ts';
import type { Actor, Deps } from '../ports.ts';
import { mapStoreErrors } from '../store-errors.ts';
import { checkVersion } from '../versioned-change.ts';

const what = 'the vendor profile';

export interface VendorProfileInput {
  name: string;
  address: string | null;
  sealHolder: string | null;
  /** The version read (0 while the profile has not been entered). */
  version: number;
}

/** What a profile not entered yet reads as: no name, so documents leave 服务提供方 blank. */
export type VendorProfileView = Omit<VendorProfileRecord, 'name'> & { name: string | null };

const notEntered: VendorProfileView = {
  name: null,
  address: null,
  sealHolder: null,
  version: 0,
  createdAt: '',
  updatedAt: '',
};

export function makeGetVendorProfile(deps: Pick<Deps, 'db'>) {
  return async (): Promise<VendorProfileView> => (await vendorProfile(deps.db)) ?? notEntered;
}

/**
 * A vendor admin enters or corrects the company's profile (version-checked, 0 = not entered yet,
 * audited in the vendor's chain); every document generated after it prints the name as 服务提供方.
 */
export function makePutVendorProfile(deps: Deps) {
  return async (actor: Actor, input: VendorProfileInput): Promise<VendorProfileRecord> => {
    const before = await vendorProfile(deps.db);
    // A retry of a save that went through (its answer lost) finds its own content: answered as saved.
    if (before && sameContent(before, input)) return before;
    checkVersion(before?.version ?? 0, input.version, what);
    const at = deps.clock.now().toISOString();
    const after: VendorProfileRecord = {
      name: input.name.trim(),
      address: input.address?.trim() || null,
      sealHolder: input.sealHolder?.trim() || null,
      version: input.version + 1,
      createdAt: before?.createdAt ?? at,
      updatedAt: at,
    };
    const audit = auditRecord(
      deps,
      actor,
      at,
      vendorChainId,
      'vendor-profile.update',
      { type: 'vendor-profile', id: 'vendor' },
      before ?? null,
      after,
    );
    await mapStoreErrors(what, () =>
      saveVendorProfile(
        deps.db,
        after,
        before ? { kind: 'update', expectedVersion: before.version } : { kind: 'create' },
        audit,
      ),
    );
    return after;
  };
}

const sameContent = (p: VendorProfileRecord, input: VendorProfileInput) =>
  p.name === input.name.trim() &&
  p.address === (input.address?.trim() || null) &&
  p.sealHolder === (input.sealHolder?.trim() || null);

/** 服务提供方 as a document prints it: the name, and the address after it when entered. */
export function vendorLine(
  p: Pick<VendorProfileView, 'name' | 'address'> | undefined,
): string | null {
  if (!p?.name) return null;
  return p.address ? `${p.name}（${p.address}）` : p.name;
}
