import { describe, expect, it } from 'vitest';
import { listOf, obligationSchema, obligationsDueSchema, proofUploadSchema } from '@weibao/api';
import { chinaCalendar, objectionUntil, shanghaiDateOf } from '@weibao/domain';
import { dynamoDbLocalClient } from '@weibao/local';
import { makeDb, verifyAuditChain } from '@weibao/store';
import { caller } from '../faults/support.ts';
import { useTestStack } from '../support/stack.ts';

// Its own stack: the last case moves the stack's clock past an objection window.
const stack = await useTestStack();
const json = caller(stack);

const manager = 'manager@vendor.example';
const itCenter = 'it@whch.example';
const base = '/api/hospitals/whzx/contracts/01KAW00000000000000000WHZX';

const read = async (id: string, email = itCenter) =>
  obligationSchema.parse((await json(email, 'GET', `${base}/obligations/${id}`)).body);

const errorPaths = (r: { body: unknown }) =>
  ((r.body as { errors?: { path: string }[] }).errors ?? []).map((e) => e.path);

/** The service manager uploads a proof file through its presigned URL and confirms it. */
async function proveWithFile(id: string, filename: string) {
  const bytes = Buffer.from(`%PDF-1.7\n${filename}\n%%EOF\n`);
  const asked = await json(manager, 'POST', `${base}/obligations/${id}/proof-uploads`, {
    filename,
    contentType: 'application/pdf',
    sizeBytes: bytes.length,
  });
  expect(asked.status).toBe(201);
  const upload = proofUploadSchema.parse(asked.body);
  const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: bytes });
  expect(put.status).toBe(200);
  const confirmed = await json(
    manager,
    'POST',
    `${base}/obligations/${id}/proof-uploads/${upload.uploadId}/confirm`,
  );
  expect(confirmed.status).toBe(200);
  return obligationSchema.parse(confirmed.body);
}

const dueIds = async () =>
  obligationsDueSchema
    .parse((await json(manager, 'GET', '/api/obligations/due?withinDays=7&limit=100')).body)
    .items.map((o) => `${o.contractId}/${o.id}`);

describe('the hospital side confirms the vendor’s proof', () => {
  it('waits for the IT center after the vendor’s upload; an objection needs a reason and re-opens the obligation; a new proof asks again and a confirmation makes it done', async () => {
    // Act 1: the vendor proves inspection-1 (due 2026-04-08) with a file
    const submitted = await proveWithFile('inspection-1', '第一季度巡检单.pdf');
    const today = shanghaiDateOf(stack.now());
    // Assess 1: awaiting, with the window's end in the contract's working days; off the vendor's due list
    expect(submitted).toMatchObject({
      state: 'awaiting',
      doneOn: today,
      acceptance: {
        status: 'pending',
        objectionUntil: objectionUntil(chinaCalendar, today),
        submittedBy: { email: manager },
        decidedBy: null,
      },
    });
    expect(await dueIds()).not.toContain(`${submitted.contractId}/inspection-1`);
    expect((await read('inspection-1')).state).toBe('awaiting');

    // Act 2: who may not decide, and what is refused
    const decide = (email: string, body: unknown) =>
      json(email, 'POST', `${base}/obligations/inspection-1/acceptance`, body);
    const byVendor = await decide(manager, { version: submitted.version, decision: 'confirm' });
    const byDept = await decide('dept@whch.example', {
      version: submitted.version,
      decision: 'confirm',
    });
    const noReason = await decide(itCenter, {
      version: submitted.version,
      decision: 'object',
      reason: '  ',
    });
    const stale = await decide(itCenter, {
      version: submitted.version - 1,
      decision: 'object',
      reason: '巡检单缺少信息中心签字',
    });
    // Assess 2: nothing changed
    expect([byVendor.status, byDept.status, noReason.status, stale.status]).toEqual([
      403, 403, 400, 409,
    ]);
    expect(errorPaths(noReason)).toContain('reason');
    expect(errorPaths(stale)).toContain('version');
    expect((await read('inspection-1')).version).toBe(submitted.version);

    // Act 3: the IT center objects, and sends the same objection again (a retry)
    const objection = {
      version: submitted.version,
      decision: 'object',
      reason: '巡检单缺少信息中心签字',
    };
    const objected = await decide(itCenter, objection);
    const again = await decide(itCenter, objection);
    // Assess 3: open again, overdue since its due date passed; back on the vendor's due list
    expect(objected.status).toBe(200);
    const o = obligationSchema.parse(objected.body);
    expect(o).toMatchObject({
      state: 'overdue',
      doneOn: null,
      acceptance: {
        status: 'objected',
        reason: '巡检单缺少信息中心签字',
        decidedBy: { email: itCenter },
      },
    });
    expect(again.status).toBe(200);
    expect(obligationSchema.parse(again.body).version).toBe(o.version);
    expect(await dueIds()).toContain(`${o.contractId}/inspection-1`);
    const nothingPending = await decide(itCenter, { version: o.version, decision: 'confirm' });
    expect(nothingPending.status).toBe(409);
    expect(errorPaths(nothingPending)).toContain('decision');

    // Act 4: the vendor submits the signed sheet; the IT center confirms it
    const resubmitted = await proveWithFile('inspection-1', '第一季度巡检单（已签字）.pdf');
    expect(resubmitted).toMatchObject({
      state: 'awaiting',
      acceptance: { status: 'pending', reason: null },
    });
    const confirmed = await decide(itCenter, { version: resubmitted.version, decision: 'confirm' });
    // Assess 4
    expect(confirmed.status).toBe(200);
    expect(obligationSchema.parse(confirmed.body)).toMatchObject({
      state: 'done',
      doneOn: today,
      acceptance: { status: 'confirmed', decidedBy: { email: itCenter } },
    });
    expect((await read('inspection-1', manager)).state).toBe('done');
    const db = makeDb(stack.env.tableName, dynamoDbLocalClient(stack.env.endpoints.dynamodb));
    expect(await verifyAuditChain(db, 'whzx')).toMatchObject({ ok: true });
  });

  it('counts a work record’s proof as done once the objection window has passed without an objection, and refuses a late objection', async () => {
    // Prepare: the vendor proves clean-up-2 with a work record
    const wr = await json(manager, 'POST', `${base}/work-records`, {
      kind: 'clean-up',
      obligationId: 'clean-up-2',
      performedOn: '2026-03-03',
      summary: '日志与磁盘清理',
    });
    expect(wr.status).toBe(201);
    const submitted = await read('clean-up-2');
    expect(submitted).toMatchObject({ state: 'awaiting', doneOn: '2026-03-03' });
    const last = submitted.acceptance?.objectionUntil ?? '';

    // Act: the stack's clock moves to the day after the window
    const dayAfter = Date.parse(`${last}T00:00:00+08:00`) + 86_400_000 + 60_000;
    stack.clock.setTo(Math.max(dayAfter, stack.now() + 1000));
    const late = await json(itCenter, 'POST', `${base}/obligations/clean-up-2/acceptance`, {
      version: submitted.version,
      decision: 'object',
      reason: '清理记录不完整',
    });

    // Assess: done without anyone's decision; the late objection is refused and says why
    const after = await read('clean-up-2');
    expect(after).toMatchObject({ state: 'done', acceptance: { status: 'pending' } });
    expect(after.version).toBe(submitted.version);
    expect(late.status).toBe(409);
    expect(JSON.stringify(late.body)).toContain('视为确认');
    const all = listOf(obligationSchema).parse(
      (await json(itCenter, 'GET', `${base}/obligations?limit=100`)).body,
    ).items;
    expect(all.filter((o) => o.state === 'awaiting').map((o) => o.id)).not.toContain('clean-up-2');
  });
});
