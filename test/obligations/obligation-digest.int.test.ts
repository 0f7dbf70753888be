import { SESv2Client } from '@aws-sdk/client-sesv2';
import { makeSesMailer } from '@weibao/adapters';
import {
  calendarForContract,
  contractFromTemplate,
  planObligations,
  seedCpoeTemplate,
  shanghaiDateOf,
} from '@weibao/domain';
import { freePort, receivedEmails, startSesLocal } from '@weibao/local';
import {
  contractItem,
  hospitalItem,
  makeDb,
  meterDynamoDbRequests,
  newObligationRecord,
  obligationItem,
  type ContractRecord,
  type Db,
  type MeteredRequest,
  type ObligationRecord,
} from '@weibao/store';
import {
  digestQueryPageSize,
  makeSendObligationDigests,
  type ObligationDeps,
} from '@weibao/usecases';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { batchWriteItems } from '../support/batch-write.ts';
import { createTestTable } from '../support/table.ts';

/** 200 by default; `DIGEST_HOSPITALS=1000` measures the figure docs/performance.md quotes. */
const hospitalCount = Number(process.env.DIGEST_HOSPITALS ?? 200);
const managers = Array.from({ length: 5 }, (_, i) => `digest-manager-${i}@vendor.example`);
const origin = 'https://weibao.example';
// 08:00 Shanghai on Wednesday 2026-04-01, when the digest's schedule fires.
const nowMs = Date.parse('2026-04-01T00:00:00.000Z');
const at = '2026-01-05T00:00:00.000Z';
const through = shanghaiDateOf(nowMs + 6 * 86_400_000);

const hospitalId = (i: number) => `dh-${String(i).padStart(4, '0')}`;
const hospitalName = (i: number) => `第${i}人民医院`;
/** Hospital 7's contract is removed and hospital 11's names no service manager: no lines of theirs. */
const removed = 7;
const unmanaged = 11;

let ses: Awaited<ReturnType<typeof startSesLocal>>;
let sesClient: SESv2Client;
let db: Db;
/** The links each manager's digest must list, worked out from the seeded records. */
const expected = new Map<string, string[]>();
/** Open obligations due by `through` of every contract, removed or unmanaged ones too: what the Query reads. */
let openInWindow = 0;

function seed(): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < hospitalCount; i += 1) {
    const h = hospitalId(i);
    const manager = managers[i % managers.length] as string;
    items.push(
      hospitalItem({
        id: h,
        name: hospitalName(i),
        code: `D${i}`,
        campuses: [],
        intakeLocalPart: h,
        version: 1,
        createdAt: at,
        updatedAt: at,
        deletedAt: null,
      }),
    );
    const terms = contractFromTemplate(seedCpoeTemplate, {
      signedOn: '2026-01-05',
      totalFen: 1_000_000,
      serviceManager: i === unmanaged ? null : { name: '经理', email: manager },
    });
    const contract: ContractRecord = {
      id: `01KAW${String(i).padStart(21, '0')}`,
      hospitalId: h,
      terms,
      version: 1,
      createdAt: at,
      updatedAt: at,
      deletedAt: i === removed ? at : null,
    };
    items.push(contractItem(contract));
    for (const p of planObligations(terms, calendarForContract(terms))) {
      // Every other hospital proved its first clean-up: done obligations leave the digest.
      const done = i % 2 === 0 && p.id === 'clean-up-1';
      const fresh = newObligationRecord(
        p,
        { hospitalId: contract.hospitalId, contractId: contract.id },
        at,
      );
      const o: ObligationRecord = done
        ? { ...fresh, doneOn: '2026-02-10', doneAt: '2026-02-10T02:00:00.000Z' }
        : fresh;
      items.push(obligationItem(o));
      if (!done && (o.dueOn ?? o.nominalDueOn) <= through) openInWindow += 1;
      const listed =
        !done && i !== removed && i !== unmanaged && (o.dueOn ?? o.nominalDueOn) <= through;
      if (listed)
        expected.set(manager, [
          ...(expected.get(manager) ?? []),
          `${origin}/hospitals/${h}/contracts/${contract.id}/obligations/${o.id}`,
        ]);
    }
  }
  return items;
}

const notUsed = (what: string) =>
  new Proxy(
    {},
    {
      get: () => () => {
        throw new Error(`the digest does not use ${what}`);
      },
    },
  );

function digestDeps(): ObligationDeps {
  return {
    db,
    clock: { now: () => new Date(nowMs) },
    ids: notUsed('ids') as ObligationDeps['ids'],
    schedules: notUsed('schedules') as ObligationDeps['schedules'],
    files: notUsed('files') as ObligationDeps['files'],
    mailer: makeSesMailer(sesClient, 'service@vendor.example'),
    webOrigin: origin,
  };
}

beforeAll(async () => {
  const table = await createTestTable('obligation-digest');
  db = makeDb(table.tableName, table.client);
  ses = await startSesLocal({ port: await freePort() });
  sesClient = new SESv2Client({
    region: 'us-east-1',
    endpoint: ses.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await batchWriteItems(db, seed());
}, 120_000);
afterEach(() => meterDynamoDbRequests(undefined));
afterAll(async () => {
  sesClient?.destroy();
  await ses?.stop();
});

const count = (sent: MeteredRequest[], command: string) =>
  sent.filter((r) => r.command === command).length;

describe('the daily obligation digest across many hospitals', () => {
  it(`reads ${hospitalCount} hospitals’ contracts and names in BatchGetItems of 100, not one GetItem each, and mails each manager the right lines once`, async () => {
    // Prepare
    const sent: MeteredRequest[] = [];
    meterDynamoDbRequests((r) => sent.push(r));
    const started = performance.now();
    // Act
    const result = await makeSendObligationDigests(digestDeps())();
    const ms = performance.now() - started;
    meterDynamoDbRequests(undefined);
    const again = await makeSendObligationDigests(digestDeps())();
    const lines = [...expected.values()].reduce((n, l) => n + l.length, 0);
    if (process.env.DIGEST_HOSPITALS)
      console.info(
        `digest at ${hospitalCount} hospitals: ${sent.length} requests (${count(sent, 'Query')} Query, ${count(sent, 'BatchGetItem')} BatchGetItem, ${count(sent, 'GetItem')} GetItem, ${count(sent, 'PutItem')} PutItem), ${openInWindow} open obligations read, ${lines} lines, ${Math.round(ms)} ms`,
      );
    // Assess: the reads. Contracts of every hospital with an open obligation; names of the
    // hospitals whose contract is live and has a manager (all but two).
    expect(count(sent, 'GetItem')).toBe(0);
    expect(count(sent, 'BatchGetItem')).toBe(
      Math.ceil(hospitalCount / 100) + Math.ceil((hospitalCount - 2) / 100),
    );
    // A page ends at digestQueryPageSize items or at 1 MB (some 800 obligations), whichever comes
    // first; and one Query of the removed hospitals, once for all pages.
    expect(count(sent, 'Query')).toBeLessThanOrEqual(
      Math.ceil((openInWindow + 1) / Math.min(digestQueryPageSize, 800)) + 1,
    );
    expect(count(sent, 'PutItem')).toBe(managers.length);
    // Assess: the mail
    expect([...result.sent].sort()).toEqual([...managers].sort());
    expect(again).toEqual({ sent: [], skipped: expect.arrayContaining(managers) });
    const received = (await receivedEmails(ses.endpoint)).filter((m) =>
      m.subject.startsWith(`【维保义务日报】${shanghaiDateOf(nowMs)}`),
    );
    for (const manager of managers) {
      const mails = received.filter((m) => m.destination.to.includes(manager));
      expect(mails, manager).toHaveLength(1);
      const listed = [...(mails[0]?.body.text ?? '').matchAll(/^- \S+ (\S+) · .* · (\S+)$/gmu)];
      expect(listed.map((m) => m[2]).sort(), manager).toEqual(
        [...(expected.get(manager) ?? [])].sort(),
      );
      for (const [, name, link] of listed) {
        const i = Number(/\/hospitals\/dh-(\d+)\//.exec(link ?? '')?.[1]);
        expect(name, link).toBe(hospitalName(i));
      }
    }
  }, 120_000);
});
