import {
  inspectionSigners,
  shanghaiDateOf,
  stateAfterSignatures,
  type InspectionSigner,
} from '@weibao/domain';
import {
  hospitalById,
  linkWasUsed,
  usedLinkItem,
  type InspectionRecord,
  type InspectionSignature,
} from '@weibao/store';
import { AppError } from '../errors.ts';
import {
  invalidLink,
  linkObjectIds,
  mintLinkToken,
  partyActions,
  usedLink,
  verifyLinkToken,
  type LinkPayload,
} from '../links/signed-link.ts';
import { syncSchedules } from '../obligations/obligation-planning.ts';
import { changeObligation, requireLiveContract } from '../obligations/obligation-use-cases.ts';
import { markDone } from '../obligations/proof-files.ts';
import type { Actor, Deps, InspectionDeps, LinkKey, PlanningDeps } from '../ports.ts';
import { actOnceByLink } from '../links/link-use.ts';
import { whoOf } from '../who.ts';
import { requireInspection, storeInspection } from './inspection-use-cases.ts';

/** A signing link works for 7 days: the signers are usually on site the same day. */
export const inspectionLinkLifetimeMs = 7 * 24 * 60 * 60 * 1000;

/** Each signer's link acts for that signer alone. */
const signing = partyActions<InspectionSigner>({
  department: 'sign-inspection-department',
  'it-center': 'sign-inspection-it-center',
});

/** The role a signer signs for, as the hospital's accounts have it. */
const signerRole = { department: 'hospital-dept', 'it-center': 'hospital-it' } as const;
const signerZh: Record<InspectionSigner, string> = {
  department: '使用科室负责人',
  'it-center': '信息中心负责人',
};

function awaitingSignatureOf(r: InspectionRecord, signer: InspectionSigner): void {
  if (r.state === 'draft')
    throw new AppError('conflict', '巡检单尚未提交签字', {
      path: 'version',
      currentVersion: r.version,
    });
  if (r.signatures.some((s) => s.signer === signer))
    throw new AppError('conflict', `${signerZh[signer]}已签字`, { path: 'signer' });
}

function checkHash(r: InspectionRecord, given: string): void {
  if (given !== r.contentSha256)
    throw new AppError('conflict', '巡检单内容与您看到的不一致，请刷新核对后再签字', {
      path: 'contentSha256',
      currentVersion: r.version,
    });
}

/**
 * When both hospital signers have signed, the record proves the inspection obligation it names:
 * done on the day of the last signature and, the IT center having signed the record itself,
 * confirmed at once (no objection window). A vendor proof awaiting confirmation is confirmed by
 * it. Safe to run again: an obligation already done and confirmed is left as it is.
 */
async function proveObligation(deps: PlanningDeps, actor: Actor, r: InspectionRecord) {
  if (r.state !== 'signed') return;
  const it = r.signatures.find((s) => s.signer === 'it-center');
  if (!it) return;
  const itCenter: Actor = {
    sub: `inspection:${r.id}`,
    email: it.email,
    role: 'hospital-it',
    hospitalId: r.hospitalId,
    name: it.name,
  };
  const contract = await requireLiveContract(deps, r.hospitalId, r.contractId);
  const ref = { hospitalId: r.hospitalId, contractId: r.contractId, obligationId: r.obligationId };
  const day = shanghaiDateOf(Date.parse(it.signedAt));
  const after = await changeObligation(
    deps,
    actor,
    ref,
    'obligation.inspection-signed',
    (b, at) => {
      if (b.doneOn === null) return markDone(b, itCenter, at, day, null);
      if (b.acceptance?.status === 'pending')
        return {
          ...b,
          acceptance: {
            ...b.acceptance,
            status: 'confirmed',
            decidedAt: at,
            decidedBy: whoOf(itCenter),
          },
        };
      return null;
    },
  );
  await syncSchedules(deps, contract, [after]);
}

/** Adds one signature (and the state it leads to), then proves the obligation if it is the last. */
async function addSignature(
  deps: PlanningDeps,
  actor: Actor,
  before: InspectionRecord,
  signature: InspectionSignature,
  alsoCreate?: Record<string, unknown>[],
): Promise<InspectionRecord> {
  const signatures = [...before.signatures, signature];
  const after = await storeInspection(
    deps,
    actor,
    `inspection.sign.${signature.signer}`,
    before,
    { ...before, signatures, state: stateAfterSignatures(signatures.map((s) => s.signer)) },
    alsoCreate,
  );
  await proveObligation(deps, actor, after);
  return after;
}

/**
 * Both signers may sign at the same moment: the one whose write finds the record changed reads
 * it again and signs that (the content, and so its hash, cannot have moved). A few times, then
 * the conflict stands.
 */
async function againOnClash<T>(sign: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await sign();
    } catch (err) {
      const clash =
        err instanceof AppError && err.kind === 'conflict' && err.extra.path === 'version';
      if (!clash || attempt >= 3) throw err;
    }
  }
}

export function makeSignInspectionOnSite(deps: PlanningDeps) {
  /**
   * A hospital signer signs on the engineer's phone: the name as typed, the engineer of the
   * session recorded as witness. The same signer signing again with the same name answers the
   * record (a retry), and finishes proving the obligation if that was cut short.
   */
  return async (
    actor: Actor,
    hospitalId: string,
    contractId: string,
    inspectionId: string,
    input: { signer: InspectionSigner; name: string; contentSha256: string },
  ): Promise<InspectionRecord> => {
    await requireLiveContract(deps, hospitalId, contractId);
    return againOnClash(async () => {
      const before = await requireInspection(deps, hospitalId, contractId, inspectionId);
      const earlier = before.signatures.find((s) => s.signer === input.signer);
      if (earlier && earlier.via === 'engineer-phone' && earlier.name === input.name) {
        await proveObligation(deps, actor, before);
        return before;
      }
      awaitingSignatureOf(before, input.signer);
      checkHash(before, input.contentSha256);
      return addSignature(deps, actor, before, {
        signer: input.signer,
        name: input.name,
        signedAt: deps.clock.now().toISOString(),
        contentSha256: before.contentSha256 as string,
        via: 'engineer-phone',
        email: null,
        witness: whoOf(actor),
      });
    });
  };
}

export interface InspectionSigningLink {
  signer: InspectionSigner;
  url: string;
  expiresAt: string;
}

export function makeCreateInspectionSigningLinks(
  deps: Deps & { linkKey: LinkKey; inspectionLinkUrl(token: string): string },
) {
  /**
   * Signed links for the hospital signers who have not signed yet, for the engineer to pass on
   * (a message, a QR code): each lets one signer sign this frozen record once, without an
   * account. A contract that names its evaluators binds the link to their address.
   */
  return async (
    hospitalId: string,
    contractId: string,
    inspectionId: string,
  ): Promise<{ links: InspectionSigningLink[] }> => {
    const contract = await requireLiveContract(deps, hospitalId, contractId);
    const r = await requireInspection(deps, hospitalId, contractId, inspectionId);
    if (r.state === 'draft')
      throw new AppError('conflict', '巡检单提交签字后才能生成签字链接', {
        path: 'version',
        currentVersion: r.version,
      });
    const evaluators = contract.terms.evaluators;
    const addressOf: Record<InspectionSigner, string> = {
      department: evaluators?.department?.email ?? '',
      'it-center': evaluators?.itCenter?.email ?? '',
    };
    const expiresAt = new Date(deps.clock.now().getTime() + inspectionLinkLifetimeMs).toISOString();
    const links: InspectionSigningLink[] = [];
    for (const signer of inspectionSigners) {
      if (r.signatures.some((s) => s.signer === signer)) continue;
      const { token } = await mintLinkToken(deps.linkKey, {
        hospitalId,
        action: signing.actionOf[signer],
        objectId: `${contractId}:${inspectionId}`,
        email: addressOf[signer],
        expiresAt,
      });
      links.push({ signer, url: deps.inspectionLinkUrl(token), expiresAt });
    }
    return { links };
  };
}

/** The inspection a valid link names; the hospital comes from the signed payload. */
async function linkedInspection(deps: Deps, link: LinkPayload): Promise<InspectionRecord> {
  const [contractId, inspectionId] = linkObjectIds(link);
  try {
    return await requireInspection(deps, link.hospitalId, contractId, inspectionId);
  } catch (err) {
    if (err instanceof AppError && err.kind === 'not-found') throw invalidLink();
    throw err;
  }
}

type LinkSigningDeps = PlanningDeps & Pick<InspectionDeps, 'linkKey'>;

export function makeSignInspectionByLink(deps: LinkSigningDeps) {
  /**
   * A hospital signer signs with their link: the token is the whole authorization (one signer of
   * one record, once); its use is recorded in the same transaction as the signature. A retry of a
   * signature that landed answers the record.
   */
  return async (
    token: string,
    input: { name: string; contentSha256: string },
  ): Promise<InspectionRecord> => {
    const link = await verifyLinkToken(deps.linkKey, deps.clock, token, signing.actions);
    const signer = signing.partyOf(link.action);
    const actor: Actor = {
      sub: `link:${link.nonce}`,
      email: link.email || null,
      role: signerRole[signer],
      hospitalId: link.hospitalId,
      name: input.name,
    };
    return againOnClash(async () => {
      const before = await linkedInspection(deps, link);
      if (await linkWasUsed(deps.db, link.hospitalId, link.nonce)) {
        const mine = before.signatures.find((s) => s.signer === signer && s.via === 'link');
        if (mine && mine.name === input.name) {
          await proveObligation(deps, actor, before);
          return before;
        }
        throw usedLink();
      }
      awaitingSignatureOf(before, signer);
      checkHash(before, input.contentSha256);
      const at = deps.clock.now().toISOString();
      return actOnceByLink(deps.db, link, () =>
        addSignature(
          deps,
          actor,
          before,
          {
            signer,
            name: input.name,
            signedAt: at,
            contentSha256: before.contentSha256 as string,
            via: 'link',
            email: link.email || null,
            witness: null,
          },
          [usedLinkItem(link.hospitalId, link.nonce, link, at)],
        ),
      );
    });
  };
}

export interface InspectionLinkDescription {
  signer: InspectionSigner;
  hospitalName: string;
  contractName: string;
  inspection: InspectionRecord;
  expiresAt: string;
}

export function makeDescribeInspectionLink(deps: Deps & Pick<InspectionDeps, 'linkKey'>) {
  /** What a signing link is for, with the record to read before signing; does nothing. */
  return async (token: string): Promise<InspectionLinkDescription> => {
    const link = await verifyLinkToken(deps.linkKey, deps.clock, token, signing.actions);
    if (await linkWasUsed(deps.db, link.hospitalId, link.nonce)) throw usedLink();
    const inspection = await linkedInspection(deps, link);
    const hospital = await hospitalById(deps.db, link.hospitalId);
    if (!hospital || hospital.deletedAt) throw invalidLink();
    const contract = await requireLiveContract(deps, link.hospitalId, inspection.contractId).catch(
      () => {
        throw invalidLink();
      },
    );
    return {
      signer: signing.partyOf(link.action),
      hospitalName: hospital.name,
      contractName: contract.terms.name,
      inspection,
      expiresAt: link.expiresAt,
    };
  };
}
