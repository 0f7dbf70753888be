import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  GetScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { makeObligationSchedulesFromEnv } from '@weibao/adapters';
import {
  contractSchema,
  listOf,
  obligationSchema,
  proofUploadSchema,
  workRecordSchema,
} from '@weibao/api';
import {
  calendarForContract,
  contractFromTemplate,
  seedCpoeTemplate,
  shanghaiDateOf,
  type ContractTerms,
} from '@weibao/domain';
import { dynamoDbLocalClient, receivedEmails } from '@weibao/local';
import { makeDb, verifyAuditChain } from '@weibao/store';
import type { ObligationTimerPayload } from '@weibao/usecases';
import * as z from 'zod';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let scheduler: SchedulerClient;
beforeAll(async () => {
  stack = await startTestStack();
  scheduler = new SchedulerClient({});
});
afterAll(async () => {
  scheduler?.destroy();
  await stack?.stop();
});

const manager = 'manager@vendor.example';
const demoContract = '01KAW00000000000000000WHZX';
const tag = () => Math.random().toString(36).slice(2, 8);

async function json(
  email: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await stack.fetchAs(email, path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

const obligationsPath = (h: string, c: string) => `/api/hospitals/${h}/contracts/${c}/obligations`;

async function allObligations(h: string, c: string, email = manager) {
  const res = await json(email, 'GET', `${obligationsPath(h, c)}?limit=100`);
  expect(res.status).toBe(200);
  return listOf(obligationSchema).parse(res.body).items;
}

async function createContract(terms: ContractTerms) {
  const res = await json(manager, 'POST', '/api/hospitals/whzx/contracts', { terms });
  expect(res.status).toBe(201);
  return contractSchema.parse(res.body);
}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function scheduleOf(name: string) {
  try {
    return await scheduler.send(
      new GetScheduleCommand({ Name: name, GroupName: stack.env.timers.scheduleGroup }),
    );
  } catch (err) {
    if (err instanceof ResourceNotFoundException) return null;
    throw err;
  }
}

const countByKind = (list: { kind: string }[]) =>
  list.reduce<Record<string, number>>(
    (acc, o) => ({ ...acc, [o.kind]: (acc[o.kind] ?? 0) + 1 }),
    {},
  );

describe('the obligations of a contract, stored', () => {
  it('lists the seed’s demo contract: 4 inspections, deliverables and evaluations, 12 clean-ups, the annual evaluation, 3 payments, due on working days', async () => {
    // Act
    const list = await allObligations('whzx', demoContract, 'it@whch.example');
    // Assess
    expect(countByKind(list)).toMatchObject({
      inspection: 4,
      deliverables: 4,
      'quarterly-evaluation': 4,
      'clean-up': 12,
      'annual-evaluation': 1,
      payment: 3,
    });
    // …and 4 restore tests, 2 analyses, 2 trainings, 4 feedback collections.
    expect(list).toHaveLength(40);
    const terms = contractFromTemplate(seedCpoeTemplate, { signedOn: '2026-01-05' });
    const calendar = calendarForContract(terms);
    for (const o of list) {
      if (o.dueOn === null) expect(o.calendarGap?.year, o.id).toBe(2027);
      else expect(calendar.isWorkingDay(o.dueOn), `${o.id} due ${o.dueOn}`).toBe(true);
    }
    expect(list.find((o) => o.id === 'inspection-1')).toMatchObject({
      dueOn: '2026-04-07',
      state: expect.any(String),
    });
    // In due-date order, and past ones without proof are overdue.
    const days = list.map((o) => o.dueOn ?? o.nominalDueOn);
    expect(days).toEqual([...days].sort());
    const today = shanghaiDateOf(stack.now());
    expect(
      list.filter((o) => o.dueOn !== null && o.dueOn < today).every((o) => o.state === 'overdue'),
    ).toBe(true);
  });

  it('answers another hospital’s user 404 for the contract’s obligations', async () => {
    const res = await json('it@second.example', 'GET', obligationsPath('whzx', demoContract));
    expect(res.status).toBe(404);
  });

  it('shows overdue and due-soon obligations across hospitals to the vendor, earliest first', async () => {
    const res = await json(manager, 'GET', '/api/obligations/due?withinDays=30&limit=100');
    expect(res.status).toBe(200);
    const body = z
      .object({ items: z.array(obligationSchema), through: z.string() })
      .parse(res.body);
    expect(new Set(body.items.map((o) => o.hospitalId))).toEqual(new Set(['whzx', 'jcey']));
    expect(
      body.items.every((o) => o.state !== 'done' && (o.dueOn ?? o.nominalDueOn) <= body.through),
    ).toBe(true);
    const days = body.items.map((o) => o.dueOn ?? o.nominalDueOn);
    expect(days).toEqual([...days].sort());
    expect((await json('it@whch.example', 'GET', '/api/obligations/due')).status).toBe(403);
  });
});

describe('proof files through presigned URLs', () => {
  const path = `${obligationsPath('whzx', demoContract)}/inspection-1`;

  it('uploads a signed inspection sheet to S3 with the presigned URL and submits it to the hospital as the obligation’s proof', async () => {
    // Prepare
    const bytes = Buffer.from('%PDF-1.7\n巡检单（签字）\n%%EOF\n');
    // Act
    const asked = await json(manager, 'POST', `${path}/proof-uploads`, {
      filename: '2026年第一季度巡检单.pdf',
      contentType: 'application/pdf',
      sizeBytes: bytes.length,
    });
    expect(asked.status).toBe(201);
    const upload = proofUploadSchema.parse(asked.body);
    expect(new URL(upload.url).pathname).toContain('/weibao-files/hospitals/whzx/contracts/');
    // No checksum of an empty body signed in: S3 would refuse the real file's bytes.
    expect(new URL(upload.url).searchParams.has('x-amz-checksum-crc32')).toBe(false);
    const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: bytes });
    expect(put.status).toBe(200);
    const confirmed = await json(
      manager,
      'POST',
      `${path}/proof-uploads/${upload.uploadId}/confirm`,
    );
    // Assess
    expect(confirmed.status).toBe(200);
    const o = obligationSchema.parse(confirmed.body);
    // The vendor's proof waits for the IT center (test/obligations/proof-acceptance.int.test.ts).
    expect(o).toMatchObject({
      state: 'awaiting',
      doneOn: shanghaiDateOf(stack.now()),
      acceptance: { status: 'pending' },
    });
    expect(o.proofs).toEqual([
      expect.objectContaining({
        id: upload.uploadId,
        status: 'confirmed',
        sizeBytes: bytes.length,
        filename: '2026年第一季度巡检单.pdf',
      }),
    ]);
    expect(o.proofs[0]?.key.startsWith('hospitals/whzx/')).toBe(true);
    // Confirming again changes nothing.
    const again = await json(manager, 'POST', `${path}/proof-uploads/${upload.uploadId}/confirm`);
    expect(obligationSchema.parse(again.body).version).toBe(o.version);
    // The hospital reads it.
    const read = await json('it@whch.example', 'GET', path);
    expect(obligationSchema.parse(read.body).state).toBe('awaiting');
  });

  it('refuses a file type or size outside the allow-list with the field’s path, and writes nothing', async () => {
    // Prepare
    const target = `${obligationsPath('whzx', demoContract)}/inspection-2`;
    const before = obligationSchema.parse((await json(manager, 'GET', target)).body);
    // Act
    const exe = await json(manager, 'POST', `${target}/proof-uploads`, {
      filename: 'setup.exe',
      contentType: 'application/pdf',
      sizeBytes: 100,
    });
    const big = await json(manager, 'POST', `${target}/proof-uploads`, {
      filename: 'scan.pdf',
      contentType: 'application/pdf',
      sizeBytes: 20 * 1024 * 1024 + 1,
    });
    const mismatch = await json(manager, 'POST', `${target}/proof-uploads`, {
      filename: 'scan.png',
      contentType: 'application/pdf',
      sizeBytes: 100,
    });
    const html = await json(manager, 'POST', `${target}/proof-uploads`, {
      filename: 'a.html',
      contentType: 'text/html',
      sizeBytes: 100,
    });
    // Assess
    const paths = (r: { body: unknown }) =>
      (r.body as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect([exe.status, big.status, mismatch.status, html.status]).toEqual([400, 400, 400, 400]);
    expect(paths(exe)).toContain('filename');
    expect(paths(big)).toContain('sizeBytes');
    expect(paths(mismatch)).toContain('contentType');
    expect(paths(html)).toContain('contentType');
    const after = obligationSchema.parse((await json(manager, 'GET', target)).body);
    expect(after.version).toBe(before.version);
    expect(after.proofs).toEqual([]);
    // A hospital user may not upload proof.
    expect(
      (
        await json('it@whch.example', 'POST', `${target}/proof-uploads`, {
          filename: 'x.pdf',
          contentType: 'application/pdf',
          sizeBytes: 1,
        })
      ).status,
    ).toBe(403);
  });

  it('discards an upload whose size differs from the declared one and leaves the obligation open', async () => {
    // Prepare
    const target = `${obligationsPath('whzx', demoContract)}/inspection-3`;
    const asked = proofUploadSchema.parse(
      (
        await json(manager, 'POST', `${target}/proof-uploads`, {
          filename: 'sheet.png',
          contentType: 'image/png',
          sizeBytes: 10,
        })
      ).body,
    );
    const put = await fetch(asked.url, {
      method: 'PUT',
      headers: asked.headers,
      body: Buffer.alloc(12, 1),
    });
    // Act
    const confirmed = await json(
      manager,
      'POST',
      `${target}/proof-uploads/${asked.uploadId}/confirm`,
    );
    const unsent = proofUploadSchema.parse(
      (
        await json(manager, 'POST', `${target}/proof-uploads`, {
          filename: 'later.png',
          contentType: 'image/png',
          sizeBytes: 5,
        })
      ).body,
    );
    const early = await json(manager, 'POST', `${target}/proof-uploads/${unsent.uploadId}/confirm`);
    // Assess: S3 refused the wrong length outright (signed), or the confirm caught it.
    if (put.status === 200) {
      expect(confirmed.status).toBe(400);
      expect((confirmed.body as { errors: { path: string }[] }).errors[0]?.path).toBe('sizeBytes');
    } else expect(confirmed.status).toBe(400);
    expect(early.status).toBe(400);
    expect((early.body as { errors: { path: string }[] }).errors[0]?.path).toBe('uploadId');
    const after = obligationSchema.parse((await json(manager, 'GET', target)).body);
    expect(after.state).not.toBe('done');
    // The refused upload's entry is gone; the one never sent is still waiting.
    expect(after.proofs.map((p) => p.id)).toEqual(
      put.status === 200 ? [unsent.uploadId] : [asked.uploadId, unsent.uploadId],
    );
  });
});

describe('work records', () => {
  it('records a restore test with its result and a training with attendees; a clean-up’s record proves its obligation', async () => {
    // Prepare
    const base = `/api/hospitals/whzx/contracts/${demoContract}/work-records`;
    // Act
    const restore = await json(manager, 'POST', base, {
      kind: 'restore-test',
      performedOn: '2026-03-20',
      summary: '从备份恢复住院医嘱库到测试环境',
      restoreTest: { result: 'pass', durationMinutes: 42, notes: '数据一致' },
    });
    const training = await json(manager, 'POST', base, {
      kind: 'training',
      performedOn: '2026-03-21',
      summary: '临床路径系统培训',
      training: { topic: '临床路径', attendees: [{ name: '张医生', department: '心内科' }] },
    });
    const key = `clean-${tag()}`;
    const cleanUp = await json(
      manager,
      'POST',
      base,
      {
        kind: 'clean-up',
        obligationId: 'clean-up-1',
        performedOn: '2026-02-03',
        summary: '清理日志与磁盘碎片',
      },
      { 'idempotency-key': key },
    );
    const retried = await json(
      manager,
      'POST',
      base,
      {
        kind: 'clean-up',
        obligationId: 'clean-up-1',
        performedOn: '2026-02-03',
        summary: '清理日志与磁盘碎片',
      },
      { 'idempotency-key': key },
    );
    const noResult = await json(manager, 'POST', base, {
      kind: 'restore-test',
      performedOn: '2026-03-20',
      summary: 'x',
    });
    // Assess
    expect([restore.status, training.status, cleanUp.status, retried.status]).toEqual([
      201, 201, 201, 200,
    ]);
    expect(workRecordSchema.parse(retried.body).id).toBe(workRecordSchema.parse(cleanUp.body).id);
    expect(noResult.status).toBe(400);
    expect((noResult.body as { errors: { path: string }[] }).errors[0]?.path).toBe('restoreTest');
    const listed = listOf(workRecordSchema).parse(
      (await json('it@whch.example', 'GET', base)).body,
    ).items;
    expect(listed.map((r) => r.kind)).toEqual(['clean-up', 'training', 'restore-test']);
    expect(listed[2]?.restoreTest).toEqual({
      result: 'pass',
      durationMinutes: 42,
      notes: '数据一致',
    });
    const proven = obligationSchema.parse(
      (await json(manager, 'GET', `${obligationsPath('whzx', demoContract)}/clean-up-1`)).body,
    );
    expect(proven).toMatchObject({
      state: 'awaiting',
      doneOn: '2026-02-03',
      workRecordIds: [workRecordSchema.parse(cleanUp.body).id],
    });
  });
});

describe('re-planning when a contract’s dates change', () => {
  // The Scheduler is held: this contract's obligations are overdue, and each one's reminder is due
  // at its second of 08:30–09:30 Shanghai (at once if that has passed); one that fired between two
  // reads would change an obligation's version, and what this test compares would depend on the hour.
  beforeEach(() => stack.scheduler.hold());
  afterEach(() => stack.scheduler.startFiring());

  it('keeps proven obligations, moves open ones, removes those the term no longer has, and re-plans their schedules', async () => {
    // Prepare: signed 2025-12-01, one year; the first clean-up proven by a work record.
    const terms = contractFromTemplate(seedCpoeTemplate, {
      signedOn: '2025-12-01',
      totalFen: 1_000_000,
      serviceManager: { name: '测试经理', email: `mgr-${tag()}@vendor.example` },
    });
    const contract = await createContract(terms);
    const before = await allObligations('whzx', contract.id);
    expect(before).toHaveLength(40);
    const wr = await json(
      manager,
      'POST',
      `/api/hospitals/whzx/contracts/${contract.id}/work-records`,
      {
        kind: 'clean-up',
        obligationId: 'clean-up-1',
        performedOn: '2025-12-30',
        summary: '月度清理',
      },
    );
    expect(wr.status).toBe(201);
    const provenBefore = before.find((o) => o.id === 'clean-up-1');
    const openWithSchedule = await (async () => {
      for (const o of [...before].reverse())
        if (o.id !== 'clean-up-1' && (await scheduleOf(`obl-${contract.id}-${o.id}`))) return o;
      return undefined;
    })();

    // Act 1: the term starts two weeks later.
    const moved = await json(manager, 'PUT', `/api/hospitals/whzx/contracts/${contract.id}`, {
      terms: {
        ...terms,
        signedOn: '2025-12-15',
        term: { startsOn: '2025-12-15', endsOn: '2026-12-14' },
      },
      version: contract.version,
    });
    expect(moved.status).toBe(200);
    const after = await allObligations('whzx', contract.id);
    // Assess 1
    expect(after).toHaveLength(40);
    expect(after.find((o) => o.id === 'clean-up-1')).toMatchObject({
      state: 'awaiting',
      dueOn: provenBefore?.dueOn,
      period: provenBefore?.period,
    });
    expect(after.find((o) => o.id === 'inspection-1')?.period).toEqual({
      startsOn: '2025-12-15',
      endsOn: '2026-03-14',
    });
    expect(after.find((o) => o.id === 'inspection-1')?.dueOn).toBe('2026-03-16');
    if (openWithSchedule) {
      const s = await scheduleOf(`obl-${contract.id}-${openWithSchedule.id}`);
      const movedO = after.find((o) => o.id === openWithSchedule.id);
      if (movedO?.dueOn && movedO.dueOn >= shanghaiDateOf(stack.now())) {
        expect(s?.ScheduleExpressionTimezone).toBe('Asia/Shanghai');
        expect(JSON.parse(s?.Target?.Input ?? '{}')).toMatchObject({
          kind: 'obligation-reminder',
          obligationId: movedO.id,
        });
      }
    }
    expect(await scheduleOf(`obl-${contract.id}-clean-up-1`)).toBeNull();

    // Act 2: the term is cut to six months.
    const current = contractSchema.parse(moved.body);
    const cut = await json(manager, 'PUT', `/api/hospitals/whzx/contracts/${contract.id}`, {
      terms: { ...current.terms, term: { startsOn: '2025-12-15', endsOn: '2026-06-14' } },
      version: current.version,
    });
    expect(cut.status).toBe(200);
    const shorter = await allObligations('whzx', contract.id);
    // Assess 2: 6 clean-ups, 2 inspections…; the proven clean-up stays; removed ones have no schedule.
    expect(countByKind(shorter)).toMatchObject({
      'clean-up': 6,
      inspection: 2,
      'quarterly-evaluation': 2,
    });
    expect(shorter.some((o) => o.id === 'clean-up-1' && o.state === 'awaiting')).toBe(true);
    expect(shorter.some((o) => o.id === 'clean-up-12')).toBe(false);
    expect(await scheduleOf(`obl-${contract.id}-clean-up-12`)).toBeNull();
    expect(await scheduleOf(`evr-${contract.id}-4`)).toBeNull();
    // Safe to repeat: the same terms again change no obligation.
    const again = await json(manager, 'PUT', `/api/hospitals/whzx/contracts/${contract.id}`, {
      terms: contractSchema.parse(cut.body).terms,
      version: contractSchema.parse(cut.body).version,
    });
    expect(again.status).toBe(200);
    const unchanged = await allObligations('whzx', contract.id);
    expect(unchanged.map((o) => [o.id, o.version])).toEqual(shorter.map((o) => [o.id, o.version]));
  });
});

describe('reminders on the Scheduler stand-in', () => {
  it('fires a reminder due in a second, emails the service manager once though it fires twice', async () => {
    // Prepare
    const email = `mgr-${tag()}@vendor.example`;
    const contract = await createContract(
      contractFromTemplate(seedCpoeTemplate, {
        signedOn: '2026-01-05',
        totalFen: 1_000_000,
        serviceManager: { name: '提醒经理', email },
      }),
    );
    // Once their seconds of 08:30–09:30 Shanghai have passed, the new contract's overdue reminders
    // are due at once: let them run first, so that the two deliveries below are timed on an idle stand-in at any hour
    await stack.scheduler.tick();
    const today = shanghaiDateOf(stack.now());
    const payload: ObligationTimerPayload = {
      kind: 'obligation-reminder',
      hospitalId: 'whzx',
      contractId: contract.id,
      obligationId: 'deliverables-4',
      reminderKey: `${today}:before-99`,
    };
    const at = Math.ceil((stack.now() + 1500) / 1000) * 1000;
    const schedules = makeObligationSchedulesFromEnv();
    // Act: two schedules with the same payload, as a Scheduler delivering twice would.
    await schedules.put([
      { name: `dup-a-${tag()}`, atMs: at, payload, description: 'test' },
      { name: `dup-b-${tag()}`, atMs: at, payload, description: 'test' },
    ]);
    const mails = await until(async () => {
      const found = (await receivedEmails(stack.urls.sesv2)).filter(
        (m) => m.destination.to.includes(email) && m.subject.includes('还有99个工作日到期'),
      );
      return found.length > 0 ? found : undefined;
    }, 25_000);
    // Both deliveries, not a fixed pause: in 08:30–09:30 Shanghai the overdue reminders of this
    // file's contracts fire beside them, and the second delivery may settle seconds later.
    const ours = () =>
      stack.scheduler
        .invocations()
        .filter(
          (i) =>
            JSON.stringify(i.event).includes(payload.reminderKey) &&
            JSON.stringify(i.event).includes(contract.id),
        );
    await until(async () => (ours().length >= 2 ? true : undefined), 25_000);
    // Assess
    const fired = ours();
    expect(fired).toHaveLength(2);
    // Both at their time, never before it. How late is not this test's subject: a busy machine
    // delays the stand-in by seconds (3 s once, under load), and only the mail count matters here.
    for (const f of fired)
      expect(Date.parse(f.firedAt)).toBeGreaterThanOrEqual(Date.parse(f.dueAt));
    const all = (await receivedEmails(stack.urls.sesv2)).filter(
      (m) => m.destination.to.includes(email) && m.subject.includes('还有99个工作日到期'),
    );
    expect(all).toHaveLength(1);
    expect(mails[0]?.body.text).toContain(
      `/hospitals/whzx/contracts/${contract.id}/obligations/deliverables-4`,
    );
    const o = obligationSchema.parse(
      (await json(manager, 'GET', `${obligationsPath('whzx', contract.id)}/deliverables-4`)).body,
    );
    expect(o.remindersSent).toContain(payload.reminderKey);
  }, 60_000);

  it('drafts the quarter’s evaluation and emails the department’s and IT center’s evaluators each a signed link, once', async () => {
    // Prepare
    const dept = `dept-${tag()}@whch.example`;
    const it2 = `it-${tag()}@whch.example`;
    const contract = await createContract({
      ...contractFromTemplate(seedCpoeTemplate, { signedOn: '2026-01-05', totalFen: 1_000_000 }),
      evaluators: {
        department: { name: '科室评价人', email: dept, title: null },
        itCenter: { name: '信息中心评价人', email: it2, title: null },
      },
    });
    const payload: ObligationTimerPayload = {
      kind: 'evaluation-request',
      hospitalId: 'whzx',
      contractId: contract.id,
      obligationId: 'quarterly-evaluation-2',
      quarter: 2,
    };
    const at = Math.ceil((stack.now() + 1200) / 1000) * 1000;
    // Act
    await makeObligationSchedulesFromEnv().put([
      { name: `evr-a-${tag()}`, atMs: at, payload, description: 'test' },
      { name: `evr-b-${tag()}`, atMs: at + 1000, payload, description: 'test' },
    ]);
    await until(
      async () =>
        stack.scheduler
          .invocations()
          // Only the two evaluation requests: the new contract's overdue obligations fire their
          // own reminders once their seconds of 08:30–09:30 Shanghai have passed.
          .filter(
            (i) =>
              JSON.stringify(i.event).includes(contract.id) &&
              (i.event as { kind?: string }).kind === 'evaluation-request' &&
              i.outcome === 'succeeded',
          ).length >= 2
          ? true
          : undefined,
      25_000,
    );
    // Assess
    // Each evaluator gets one email with a signed link entering their part of the drafted q2.
    const received = await receivedEmails(stack.urls.sesv2);
    for (const evaluator of [dept, it2]) {
      const mails = received.filter((m) => m.destination.to.includes(evaluator));
      expect(mails).toHaveLength(1);
      expect(mails[0]?.body.text).toMatch(
        new RegExp(`${stack.urls.web}links/evaluation/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+`),
      );
    }
    const drafted = await json(
      manager,
      'GET',
      `/api/hospitals/whzx/contracts/${contract.id}/evaluations/q2`,
    );
    expect(drafted.status).toBe(200);
    const o = obligationSchema.parse(
      (await json(manager, 'GET', `${obligationsPath('whzx', contract.id)}/quarterly-evaluation-2`))
        .body,
    );
    expect(o.evaluationRequestedAt).not.toBeNull();
  }, 60_000);

  it('sends each service manager one digest a day of overdue and due-this-week obligations across hospitals', async () => {
    // Prepare
    const digest = { ...(await scheduleOf('obligation-digest')) };
    expect(digest).toMatchObject({
      ScheduleExpression: 'cron(0 8 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
    });
    const payloadTarget = stack.env.timers.obligationTimerArn.replace(
      'obligation-reminder',
      'obligation-digest',
    );
    const client = new SchedulerClient({});
    const { CreateScheduleCommand } = await import('@aws-sdk/client-scheduler');
    const at = new Date(Math.ceil((stack.now() + 1200) / 1000) * 1000).toISOString().slice(0, 19);
    // Act: the digest runs twice the same day.
    for (const n of ['a', 'b'])
      await client.send(
        new CreateScheduleCommand({
          Name: `digest-${n}-${tag()}`,
          GroupName: stack.env.timers.scheduleGroup,
          ScheduleExpression: `at(${at})`,
          FlexibleTimeWindow: { Mode: 'OFF' },
          Target: { Arn: payloadTarget, RoleArn: stack.env.timers.schedulerRoleArn, Input: '{}' },
        }),
      );
    await until(
      async () =>
        stack.scheduler.invocations().filter((i) => i.functionName?.endsWith('obligation-digest'))
          .length >= 2
          ? true
          : undefined,
      10_000,
    );
    client.destroy();
    // Assess
    const digests = (await receivedEmails(stack.urls.sesv2)).filter(
      (m) => m.destination.to.includes(manager) && m.subject.startsWith('【维保义务日报】'),
    );
    expect(digests).toHaveLength(1);
    expect(digests[0]?.body.text).toContain('武汉市中心医院');
    expect(digests[0]?.body.text).toContain('江城第二人民医院');
  });

  it('verifies and checkpoints every hospital’s audit log daily at 03:30 Shanghai through its own schedule and function', async () => {
    // Prepare: the recurring schedule the stack made, as CDK makes it on AWS
    expect({ ...(await scheduleOf('audit-checkpoint')) }).toMatchObject({
      ScheduleExpression: 'cron(30 3 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
    });
    const db = makeDb(stack.env.tableName, dynamoDbLocalClient(stack.env.endpoints.dynamodb));
    const before = await verifyAuditChain(db, 'whzx');
    const client = new SchedulerClient({});
    const { CreateScheduleCommand } = await import('@aws-sdk/client-scheduler');
    const at = new Date(Math.ceil((stack.now() + 1200) / 1000) * 1000).toISOString().slice(0, 19);

    // Act: the same target, fired once now
    await client.send(
      new CreateScheduleCommand({
        Name: `checkpoint-${tag()}`,
        GroupName: stack.env.timers.scheduleGroup,
        ScheduleExpression: `at(${at})`,
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Arn: stack.env.timers.obligationTimerArn.replace(
            'obligation-reminder',
            'audit-checkpoint',
          ),
          RoleArn: stack.env.timers.schedulerRoleArn,
          Input: '{}',
        },
      }),
    );
    const run = await until(
      async () =>
        stack.scheduler.invocations().find((i) => i.functionName?.endsWith('audit-checkpoint')),
      20_000,
    );
    client.destroy();

    // Assess: the run succeeded and whzx's log has one more checkpoint and is intact
    expect(run.outcome).toBe('succeeded');
    const after = await verifyAuditChain(db, 'whzx');
    expect(before).toMatchObject({ ok: true });
    expect(after).toMatchObject({ ok: true });
    expect(after.ok && before.ok && after.checkpoints - before.checkpoints).toBe(1);
  });
});
