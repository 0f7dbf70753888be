import { createHash, randomBytes } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { pathParamNames, type RouteDef } from '@weibao/api';
import type { Role } from '@weibao/domain';
import { dynamoDbLocalClient, localMailPrefix, type LocalStack } from '@weibao/local';
import { exportLine, hospitalItems, makeDb, type Db } from '@weibao/store';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import {
  hmacLinkKey,
  makeObligationSchedulesFromEnv,
  makeS3FileStore,
  makeSchedulerTimersFromEnv,
  makeSesMailer,
} from '@weibao/adapters';
import {
  ledgerOfContract,
  obligationById,
  quarantineMail,
  type QuarantinedMailRecord,
} from '@weibao/store';
import {
  evaluationLinkObject,
  makeDraftEvaluation,
  makeEnterEvaluationPart,
  makeSignEvaluation,
  makeCreateContract,
  makeCreateHospital,
  makeInvitePerson,
  makeCreateChannel,
  makeCreateQrLink,
  makeCreateFeedbackRound,
  makeCreateNotice,
  makeCreateTicket,
  makeRequestProofUpload,
  makeRequestTicketUpload,
  makeAddWorkRecord,
  makeRecordInspection,
  makeStartInspection,
  makeSubmitInspection,
  mintLinkToken,
  noticeLinkLifetimeMs,
  type Actor,
  type NoticeDeps,
  type TicketDeps,
} from '@weibao/usecases';
import { monotonicFactory } from 'ulid';
import {
  exampleTerms,
  routeExamples,
  wecomKeyOf,
  type ExampleContext,
  type HospitalFixture,
} from './route-examples.ts';

/** Who sends a request; null hospitalId for vendor staff. */
export interface Principal {
  sub: string;
  email: string;
  role: Role;
  hospitalId: string | null;
  /** The token's cognito:groups as written, instead of [role]: for malformed group claims. */
  groups?: readonly string[];
}

export interface ApiRequest {
  method: string;
  path: string;
  /** Appended as given (already encoded) after `?`, when not empty. */
  rawQuery?: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface ApiAnswer {
  status: number;
  text: string;
}

/** The API of a running stack and its table, as the security tests use them. */
export interface SecurityTarget {
  send(principal: Principal | null, req: ApiRequest): Promise<ApiAnswer>;
  /** Ticket and notice use cases, with the stack's own link key (so fixtures mint working links). */
  deps: TicketDeps & NoticeDeps & { stackS3: StackS3 };
  db: Db;
}

/**
 * The stack's own S3 stand-in and buckets. Not process.env's: with two stacks in one process it
 * names the one started last, while each stack's handlers use their own.
 */
export interface StackS3 {
  client: S3Client;
  filesBucket: string;
  mailBucket: string;
}

export function stackTarget(stack: LocalStack): SecurityTarget {
  const db = makeDb(stack.env.tableName, dynamoDbLocalClient(stack.env.endpoints.dynamodb));
  const ulid = monotonicFactory();
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (p: Principal) => {
    const key = `${p.sub}|${p.role}|${p.hospitalId}|${JSON.stringify(p.groups ?? null)}`;
    let token = tokens.get(key);
    if (!token) {
      token = stack.issuer.sign({
        sub: p.sub,
        email: p.email,
        name: p.email,
        // The stand-in writes cognito:groups as [role]; a malformed group takes the role's place.
        role: (p.groups?.join(' ') ?? p.role) as Role,
        ...(p.hospitalId ? { hospitalId: p.hospitalId } : {}),
      });
      tokens.set(key, token);
    }
    return token;
  };
  return {
    db,
    // The stack has put the Scheduler stand-in's and SES's endpoints into process.env.
    deps: {
      db,
      clock: { now: () => new Date() },
      ids: { next: (atMs) => (atMs === undefined ? ulid() : ulid(atMs)) },
      timers: makeSchedulerTimersFromEnv(),
      mailer: makeSesMailer(new SESv2Client({}), stack.env.mailFrom),
      links: { ticket: (h, t) => `${stack.urls.web}hospitals/${h}/tickets/${t}` },
      linkKey: hmacLinkKey(Buffer.from(stack.env.linkSigningKey, 'base64')),
      signedLinkUrl: (token) => `${stack.urls.web}links/${token}`,
      stackS3: {
        client: new S3Client({
          endpoint: stack.env.endpoints.s3,
          region: stack.env.region,
          credentials: stack.env.credentials,
          forcePathStyle: true,
        }),
        filesBucket: stack.env.filesBucket,
        mailBucket: stack.env.mailBucket,
      },
    },
    async send(principal, req) {
      const headers = new Headers(req.headers);
      if (principal) headers.set('authorization', `Bearer ${await tokenOf(principal)}`);
      const url = new URL(req.path + (req.rawQuery ? `?${req.rawQuery}` : ''), stack.urls.api);
      const res = await fetch(url, {
        method: req.method,
        headers,
        ...(req.body !== undefined ? { body: req.body } : {}),
      });
      return { status: res.status, text: await res.text() };
    },
  };
}

/** A short random tag, so that runs on one table never reuse an id. */
export const runTag = () => randomBytes(3).toString('hex');

const setup: Actor = {
  sub: 'test:security-fixture',
  email: null,
  role: 'vendor-admin',
  hospitalId: null,
};

/**
 * A fresh hospital with one contract, a fault reported by phone 61 minutes ago and not yet
 * answered (so its contract's ledger holds one entry), and one advance notice with a signed
 * acknowledge link; made through the use cases as the API would.
 */
export async function hospitalFixture(
  deps: TicketDeps & NoticeDeps & { stackS3: StackS3 },
  id: string,
  name: string,
): Promise<HospitalFixture> {
  const { hospital } = await makeCreateHospital(deps)(setup, {
    id,
    name,
    code: 'MX',
    campuses: [],
    intakeLocalPart: id,
  });
  const { contract } = await makeCreateContract(deps)(setup, id, exampleTerms());
  // The report carries a photo, uploaded through its presigned URL as the form does.
  const files = makeS3FileStore(deps.stackS3.client, deps.stackS3.filesBucket);
  const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]);
  const photoUpload = await makeRequestTicketUpload({ ...deps, files })(id, {
    filename: '报错截图.jpg',
    contentType: 'image/jpeg',
    sizeBytes: photo.length,
  });
  const photoPut = await fetch(photoUpload.url, {
    method: 'PUT',
    headers: photoUpload.headers,
    body: photo,
  });
  if (!photoPut.ok) throw new Error(`the fixture's photo upload was refused: ${photoPut.status}`);
  const { ticket } = await makeCreateTicket({ ...deps, files })(setup, id, {
    attachments: [{ key: photoUpload.key, filename: '报错截图.jpg' }],
    kind: 'fault',
    severity: 'serious',
    channel: 'phone',
    subsystemId: 's1',
    title: '医嘱提交缓慢',
    description: '高峰时段提交医嘱需要一分钟',
    reportedAt: new Date(Date.now() - 61 * 60_000).toISOString(),
  });
  const [ledgerEntry] = (await ledgerOfContract(deps.db, id, contract.id)).items;
  if (!ledgerEntry) throw new Error('the fixture’s late report booked no deduction');
  const notice = await makeCreateNotice(deps)(setup, id, {
    title: '系统升级',
    description: '升级至 5.2',
    windowStart: new Date(Date.now() + 86_400_000).toISOString(),
    windowEnd: new Date(Date.now() + 90_000_000).toISOString(),
    subsystemIds: [],
  });
  // The link its email carries, minted as the create does, with the stack's key.
  const { token: noticeLinkToken } = await mintLinkToken(deps.linkKey, {
    hospitalId: id,
    action: 'acknowledge-notice',
    objectId: notice.id,
    email: 'it@fixture.example',
    expiresAt: new Date(Date.now() + noticeLinkLifetimeMs).toISOString(),
  });
  // Quarter 1 rated by both sections (ready to sign), and the annual evaluation signed, so the
  // evaluation, dispute and renewal routes have what they act on.
  const as = (role: Actor['role']): Actor => ({
    sub: `test:${role}`,
    email: null,
    role,
    hospitalId: id,
  });
  const part = { spotChecks: { sampled: 10, passed: 10 }, adverseEvents: 0 };
  const rate = async (evaluationId: string) => {
    let { evaluation } = await makeDraftEvaluation(deps)(setup, id, contract.id, evaluationId);
    for (const [role, section] of [
      ['hospital-dept', 'serviceLevel'],
      ['hospital-it', 'serviceQuality'],
    ] as const)
      evaluation = await makeEnterEvaluationPart(deps)(
        as(role),
        id,
        contract.id,
        evaluationId,
        section,
        {
          ...part,
          version: evaluation.version,
        },
      );
    return evaluation;
  };
  const evaluation = await rate('q1');
  let annual = await rate('annual');
  for (const role of ['supervisor', 'auditor'] as const)
    annual = await makeSignEvaluation(deps)(as(role), id, contract.id, 'annual', {
      version: annual.version,
    });
  const { token: evaluationLinkToken } = await mintLinkToken(deps.linkKey, {
    hospitalId: id,
    action: 'enter-evaluation-service-level',
    objectId: evaluationLinkObject(contract.id, 'q1'),
    email: 'dept-evaluator@fixture.example',
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  const quarantined = await quarantinedFixture(deps.db, deps.stackS3, id);
  // A proof file uploaded through its presigned URL and not yet confirmed.
  const bytes = Buffer.from('%PDF-1.7 fixture');
  const upload = await makeRequestProofUpload({
    ...deps,
    files: makeS3FileStore(deps.stackS3.client, deps.stackS3.filesBucket),
    schedules: makeObligationSchedulesFromEnv(),
    webOrigin: 'http://127.0.0.1',
  })(
    setup,
    { hospitalId: id, contractId: contract.id, obligationId: 'inspection-2' },
    { filename: '巡检单.pdf', contentType: 'application/pdf', sizeBytes: bytes.length },
  );
  const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: bytes });
  if (!put.ok) throw new Error(`the fixture's proof upload was refused: ${put.status}`);
  // The vendor's work record proving clean-up-1, awaiting the IT center's confirmation.
  await makeAddWorkRecord({ ...deps, schedules: makeObligationSchedulesFromEnv() })(
    setup,
    id,
    contract.id,
    {
      kind: 'clean-up',
      obligationId: 'clean-up-1',
      performedOn: '2026-01-05',
      summary: '日志与磁盘清理',
      restoreTest: null,
      training: null,
    },
  );
  const awaitingProof = await obligationById(deps.db, id, contract.id, 'clean-up-1');
  if (awaitingProof?.acceptance?.status !== 'pending')
    throw new Error(
      'the fixture’s work record left clean-up-1 without a proof awaiting the hospital',
    );
  // A visit in draft (inspection-3), and one submitted for signature (inspection-4) with a finding
  // and the department's signing link (through the same file store as the report's photo).
  const start = makeStartInspection(deps);
  const { inspection: draftInspection } = await start(setup, id, contract.id, {
    obligationId: 'inspection-3',
  });
  const { inspection: toSign } = await start(setup, id, contract.id, {
    obligationId: 'inspection-4',
  });
  const recorded = await makeRecordInspection({ ...deps, files })(
    setup,
    id,
    contract.id,
    toSign.id,
    {
      version: toSign.version,
      arrivedAt: '2026-10-20T01:00:00.000Z',
      leftAt: '2026-10-20T03:00:00.000Z',
      place: '信息中心机房',
      results: toSign.items.map(() => ({ result: 'normal', remark: null })),
      findings: [{ text: '备份日志未轮转', severity: 'minor', photoKeys: [] }],
      photos: [],
    },
  );
  const awaitingInspection = await makeSubmitInspection(deps)(setup, id, contract.id, toSign.id, {
    version: recorded.version,
  });
  const { token: inspectionLinkToken } = await mintLinkToken(deps.linkKey, {
    hospitalId: id,
    action: 'sign-inspection-department',
    objectId: `${contract.id}:${toSign.id}`,
    email: 'dept-evaluator@fixture.example',
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  const invite = makeInvitePerson(deps);
  const { person } = await invite(setup, id, {
    name: '科室用户',
    email: `dept-user@${id}.fixture.example`,
    phone: null,
    role: 'hospital-dept',
  });
  const { person: vendorPerson } = await invite(setup, null, {
    name: '服务经理',
    email: `manager-${id}@fixture.example`,
    phone: null,
    role: 'service-manager',
  });
  const channel = await makeCreateChannel(deps)(setup, id, {
    kind: 'wecom',
    name: '信息中心值班群',
    contractId: null,
    webhookUrl: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${wecomKeyOf(`fixture-${id}`)}`,
    signingSecret: null,
    events: ['ticket-fatal'],
  });
  const { link: qrLink } = await makeCreateQrLink({
    ...deps,
    qrLinkUrl: (token) => `http://fixture.example/r/${token}`,
  })(setup, id, { department: '心内科一病区' });
  const { round: feedbackRound } = await makeCreateFeedbackRound({
    ...deps,
    feedbackLinkUrl: (token) => `http://fixture.example/links/feedback/${token}`,
  })(setup, id, contract.id, {
    quarter: 2,
    departments: [{ name: '心内科一病区', email: `dept-user@${id}.fixture.example` }],
  });
  return {
    hospital,
    contract,
    ticket,
    ledgerEntry,
    notice,
    noticeLinkToken,
    evaluation,
    evaluationLinkToken,
    quarantined,
    proofUploadId: upload.uploadId,
    ticketAttachmentKey: photoUpload.key,
    awaitingProof: { obligationId: 'clean-up-1', version: awaitingProof.version },
    person,
    vendorPerson,
    channel,
    draftInspection,
    awaitingInspection,
    inspectionLinkToken,
    qrLink: { id: qrLink.id, version: qrLink.version, token: qrLink.url.split('/r/')[1] ?? '' },
    feedbackRound: {
      quarter: feedbackRound.quarter,
      version: feedbackRound.version,
      token: feedbackRound.departments[0]?.url.split('/links/feedback/')[1] ?? '',
    },
  };
}

/** A report sent to an address no hospital has, stored in the mail bucket and quarantined as the intake does. */
async function quarantinedFixture(db: Db, s3: StackS3, id: string): Promise<QuarantinedMailRecord> {
  const messageId = `<fixture-${id}-${randomBytes(4).toString('hex')}@fixture.example>`;
  const raw = [
    'From: it@fixture.example',
    `To: wrong-${id}@intake.example`,
    'Subject: 医嘱系统报错',
    `Message-ID: ${messageId}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    '医嘱提交失败。',
    '',
  ].join('\r\n');
  const rawKey = `${localMailPrefix}fixture-${id}`;
  await s3.client.send(new PutObjectCommand({ Bucket: s3.mailBucket, Key: rawKey, Body: raw }));
  const at = new Date().toISOString();
  const record: QuarantinedMailRecord = {
    id: createHash('sha256').update(messageId).digest('hex'),
    reason: 'unknown-intake-address',
    detail: `no hospital has the address wrong-${id}@intake.example`,
    rawKey,
    messageId,
    from: 'it@fixture.example',
    subject: '医嘱系统报错',
    recipients: [`wrong-${id}@intake.example`],
    receivedAt: at,
    verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
    status: 'waiting',
    decision: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  await quarantineMail(db, record);
  return record;
}

/** Everything of a hospital as export lines: any write, audit record included, changes it. */
export async function hospitalSnapshot(db: Db, hospitalId: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const item of hospitalItems(db, hospitalId)) lines.push(exportLine(item));
  return lines;
}

export function pathOf(route: RouteDef, params: Record<string, string>): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route.operationId}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
}

/** The route's example as a request against `c.target`; throws when the route has no example. */
export function exampleRequest(route: RouteDef, c: ExampleContext): ApiRequest {
  const example = routeExamples[route.operationId as keyof typeof routeExamples];
  if (!example)
    throw new Error(`no example for ${route.operationId} in test/security/route-examples.ts`);
  const params = {
    ...(pathParamNames(route.path).includes('hospitalId')
      ? { hospitalId: c.target.hospital.id }
      : {}),
    ...example.params?.(c),
  };
  const body = example.body?.(c);
  return {
    method: route.method,
    path: pathOf(route, params),
    rawQuery: new URLSearchParams(example.query?.(c) ?? {}).toString(),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...example.headers?.(c),
    },
  };
}

/** Runs `task` over `items`, `limit` at a time, keeping the order of results. */
export async function pool<T, R>(
  items: T[],
  limit: number,
  task: (t: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
