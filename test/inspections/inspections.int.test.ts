import { beforeAll, describe, expect, it } from 'vitest';
import {
  findingTicketSchema,
  inspectionChecklistSchema,
  inspectionLinkDescriptionSchema,
  inspectionPhotoUploadSchema,
  inspectionSchema,
  inspectionSigningLinksSchema,
  obligationSchema,
} from '@weibao/api';
import { dynamoDbLocalClient } from '@weibao/local';
import { makeDb, verifyAuditChain } from '@weibao/store';
import { caller } from '../faults/support.ts';
import { assertSoffice, docxText } from '../support/soffice.ts';
import { useTestStack } from '../support/stack.ts';

const stack = await useTestStack();
const json = caller(stack);
beforeAll(() => assertSoffice());

const engineer = 'engineer@vendor.example';
const itCenter = 'it@whch.example';
const dept = 'dept@whch.example';
const otherHospital = 'it@second.example';
const contractId = '01KAW00000000000000000WHZX';
const base = `/api/hospitals/whzx/contracts/${contractId}`;

const errorPaths = (r: { body: unknown }) =>
  ((r.body as { errors?: { path: string }[] }).errors ?? []).map((e) => e.path);
/** The token of a signing link's page URL (…/links/inspection/<token>). */
const tokenOf = (url: string) => url.split('/links/inspection/')[1] ?? '';

/** The engineer records every item 正常, arrived two hours and left one hour ago, no findings. */
async function recordAllNormal(
  visit: string,
  started: { version: number; items: unknown[] },
): Promise<ReturnType<typeof inspectionSchema.parse>> {
  const answer = await json(engineer, 'PUT', visit, {
    version: started.version,
    arrivedAt: new Date(stack.now() - 7_200_000).toISOString(),
    leftAt: new Date(stack.now() - 3_600_000).toISOString(),
    place: null,
    results: started.items.map(() => ({ result: 'normal', remark: null })),
    findings: [],
    photos: [],
  });
  return inspectionSchema.parse(answer.body);
}

describe('an inspection visit, from the checklist to the signed 巡检单', () => {
  it('keeps the contract’s checklist editable by vendor staff only, version-checked', async () => {
    // Prepare
    const read = inspectionChecklistSchema.parse(
      (await json(engineer, 'GET', `${base}/inspection-checklist`)).body,
    );
    expect(read).toMatchObject({ version: 0, edited: false });
    expect(read.items.map((i) => i.item)).toContain('数据备份情况');
    const items = [...read.items, { area: 'host' as const, item: '机房温湿度' }];

    // Act
    const byDept = await json(dept, 'PUT', `${base}/inspection-checklist`, { version: 0, items });
    const edited = await json(engineer, 'PUT', `${base}/inspection-checklist`, {
      version: 0,
      items,
    });
    const stale = await json(engineer, 'PUT', `${base}/inspection-checklist`, {
      version: 0,
      items,
    });
    const twice = await json(engineer, 'PUT', `${base}/inspection-checklist`, {
      version: 1,
      items: [...items, { area: 'host', item: '机房温湿度' }],
    });

    // Assess
    expect([byDept.status, edited.status, stale.status, twice.status]).toEqual([
      403, 200, 409, 400,
    ]);
    expect(inspectionChecklistSchema.parse(edited.body)).toMatchObject({
      version: 1,
      edited: true,
    });
    expect(errorPaths(stale)).toContain('version');
    expect((stale.body as { detail: string }).detail).toMatch(/^巡检检查项已被他人修改/);
    expect(errorPaths(twice)).toContain(`items.${items.length}.item`);
  });

  it('records a visit with two findings and a photo, the department and IT center sign through their links, the obligation is done and the 巡检单 holds it all', async () => {
    // Act 1: the engineer starts the visit for the first quarter's inspection (a retry answers it)
    const arrivedAt = new Date(stack.now() - 3 * 3_600_000).toISOString();
    const leftAt = new Date(stack.now() - 3_600_000).toISOString();
    const start = { obligationId: 'inspection-1', arrivedAt };
    const key = { 'idempotency-key': 'visit-q1-0001' };
    const started = await json(engineer, 'POST', `${base}/inspections`, start, key);
    const retried = await json(engineer, 'POST', `${base}/inspections`, start, key);
    const byDept = await json(dept, 'POST', `${base}/inspections`, start);
    const notAnInspection = await json(engineer, 'POST', `${base}/inspections`, {
      obligationId: 'clean-up-1',
    });
    // Assess 1
    expect([started.status, retried.status, byDept.status, notAnInspection.status]).toEqual([
      201, 200, 403, 400,
    ]);
    const draft = inspectionSchema.parse(started.body);
    expect(inspectionSchema.parse(retried.body).id).toBe(draft.id);
    expect(draft).toMatchObject({ state: 'draft', quarter: 1, engineer: { email: engineer } });
    expect(draft.items.at(-1)).toMatchObject({ item: '机房温湿度', result: null });
    const visit = `${base}/inspections/${draft.id}`;
    expect(
      (
        await json(
          otherHospital,
          'GET',
          `/api/hospitals/whzx/contracts/${contractId}/inspections/${draft.id}`,
        )
      ).status,
    ).toBe(404);
    expect((await json(dept, 'GET', visit)).status).toBe(200);

    // Act 2: not complete yet, it cannot go to the signers
    const early = await json(engineer, 'POST', `${visit}/submit`, { version: draft.version });
    // Assess 2
    expect(early.status).toBe(400);
    expect(errorPaths(early)).toEqual(['leftAt']);

    // Act 3: a photo through its presigned URL
    const photo = Buffer.from('\x89PNG\r\n\x1a\n-the-disk-alarm-');
    const asked = await json(engineer, 'POST', `${visit}/photo-uploads`, {
      fileName: '磁盘告警.png',
      contentType: 'image/png',
      sizeBytes: photo.length,
    });
    expect(asked.status).toBe(201);
    const upload = inspectionPhotoUploadSchema.parse(asked.body);
    const put = await fetch(upload.uploadUrl, {
      method: 'PUT',
      headers: upload.headers,
      body: photo,
    });
    expect(put.status).toBe(200);

    // Act 4: the results, two findings (one with the photo); refused variants first
    const results = draft.items.map((i) =>
      i.item === '磁盘空间使用率'
        ? { result: 'abnormal', remark: '数据盘使用率 91%' }
        : { result: 'normal', remark: null },
    );
    const record = {
      version: draft.version,
      arrivedAt,
      leftAt,
      place: '信息中心机房',
      results,
      findings: [
        {
          text: '数据盘使用率 91%，需清理归档日志',
          severity: 'serious',
          photoKeys: [upload.fileKey],
        },
        { text: '备份任务日志未轮转', severity: 'minor', photoKeys: [] },
      ],
      photos: [{ key: upload.fileKey, fileName: '磁盘告警.png' }],
    };
    const foreignKey = upload.fileKey.replace('/whzx/', '/jcey/');
    const foreign = await json(engineer, 'PUT', visit, {
      ...record,
      photos: [{ key: foreignKey, fileName: 'x.png' }],
      findings: [],
    });
    const stale = await json(engineer, 'PUT', visit, { ...record, version: draft.version + 1 });
    const recorded = await json(engineer, 'PUT', visit, record);
    // Assess 4
    expect([foreign.status, stale.status, recorded.status]).toEqual([400, 409, 200]);
    expect(errorPaths(foreign)).toEqual(['photos.0.key']);
    const filled = inspectionSchema.parse(recorded.body);
    expect(filled.findings.map((f) => [f.id, f.photoKeys.length])).toEqual([
      ['f1', 1],
      ['f2', 0],
    ]);

    // Act 5: submitted for signature, the content is frozen
    const submitted = await json(engineer, 'POST', `${visit}/submit`, { version: filled.version });
    const frozen = inspectionSchema.parse(submitted.body);
    const afterwards = await json(engineer, 'PUT', visit, { ...record, version: frozen.version });
    // Assess 5
    expect(submitted.status).toBe(200);
    expect(frozen).toMatchObject({ state: 'awaiting-signatures' });
    expect(frozen.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(afterwards.status).toBe(409);

    // Act 6: the signing links; the department signs through its link
    const linksAnswer = await json(engineer, 'POST', `${visit}/signing-links`);
    expect(linksAnswer.status).toBe(200);
    const links = inspectionSigningLinksSchema.parse(linksAnswer.body).links;
    expect(links.map((l) => l.signer)).toEqual(['department', 'it-center']);
    const [deptLink, itLink] = links.map((l) => tokenOf(l.url));
    const described = await fetch(
      new URL(`/api/links/inspection-signature?token=${deptLink}`, stack.urls.api),
    );
    expect(described.status).toBe(200);
    expect(inspectionLinkDescriptionSchema.parse(await described.json())).toMatchObject({
      signer: 'department',
      hospitalName: '武汉市中心医院',
      inspection: { id: draft.id, contentSha256: frozen.contentSha256 },
    });
    const signByLink = (token: string | undefined, name: string, contentSha256: string) =>
      fetch(new URL('/api/links/inspection-signature', stack.urls.api), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, name, contentSha256 }),
      });
    const wrongHash = await signByLink(deptLink, '陈静', '0'.repeat(64));
    const deptSigned = await signByLink(deptLink, '陈静', frozen.contentSha256 as string);
    const deptAgain = await signByLink(deptLink, '陈静', frozen.contentSha256 as string);
    const deptReused = await signByLink(deptLink, '别人', frozen.contentSha256 as string);
    // Assess 6
    expect([wrongHash.status, deptSigned.status, deptAgain.status, deptReused.status]).toEqual([
      409, 200, 200, 410,
    ]);
    const halfSigned = inspectionSchema.parse(await deptSigned.json());
    expect(halfSigned.state).toBe('awaiting-signatures');
    expect(halfSigned.signatures).toMatchObject([
      { signer: 'department', name: '陈静', via: 'link', contentSha256: frozen.contentSha256 },
    ]);
    const openStill = obligationSchema.parse(
      (await json(itCenter, 'GET', `${base}/obligations/inspection-1`)).body,
    );
    expect(openStill.doneOn).toBeNull();

    // Act 7: the IT center signs through its link
    const itSigned = await signByLink(itLink, '王主任', frozen.contentSha256 as string);
    // Assess 7: signed, and the quarter's inspection obligation is done without a confirmation step
    expect(itSigned.status).toBe(200);
    expect(inspectionSchema.parse(await itSigned.json()).state).toBe('signed');
    const done = obligationSchema.parse(
      (await json(itCenter, 'GET', `${base}/obligations/inspection-1`)).body,
    );
    expect(done).toMatchObject({
      state: 'done',
      acceptance: null,
      doneBy: { role: 'hospital-it', name: '王主任' },
    });

    // Act 8: finding f1 opens a ticket in one step, twice
    const opened = await json(engineer, 'POST', `${visit}/findings/f1/ticket`);
    const openedAgain = await json(engineer, 'POST', `${visit}/findings/f1/ticket`);
    const byHospital = await json(itCenter, 'POST', `${visit}/findings/f2/ticket`);
    // Assess 8
    expect([opened.status, openedAgain.status, byHospital.status]).toEqual([201, 200, 403]);
    const first = findingTicketSchema.parse(opened.body);
    expect(findingTicketSchema.parse(openedAgain.body).ticket.id).toBe(first.ticket.id);
    expect(first.ticket).toMatchObject({ severity: 'serious', channel: 'on-site', kind: 'fault' });
    expect(first.ticket.description).toContain('第1季度巡检');
    expect(first.inspection.findings[0]?.ticketId).toBe(first.ticket.id);
    expect(first.inspection.contentSha256).toBe(frozen.contentSha256);

    // Act 9: the 巡检单 of quarter 1, read back through LibreOffice
    const doc = await stack.fetchAs(itCenter, `${base}/documents/inspection?quarter=1`);
    expect(doc.status).toBe(200);
    const { text } = docxText(Buffer.from(await doc.arrayBuffer()));
    // Assess 9: both copies, the results, the findings with the ticket, both hospital signatures
    expect(text).toContain('第一联 医院留存');
    expect(text).toContain('第二联 厂商留存');
    expect(text).toContain('数据盘使用率 91%');
    expect(text).toContain('☑异常');
    expect(text).toContain('机房温湿度');
    expect(text).toContain('备份任务日志未轮转');
    expect(text).toContain(`已开工单 ${first.ticket.number}`);
    expect(text).toContain('使用科室负责人：陈静（dept@whch.example）');
    expect(text).toContain('信息中心负责人：王主任');
    expect(text).toContain(`签署记录：${(frozen.contentSha256 as string).slice(0, 16)}`);
    expect(text.split('信息中心负责人：王主任').length - 1).toBe(2);
    expect(text).not.toContain(draft.id);
    const db = makeDb(stack.env.tableName, dynamoDbLocalClient(stack.env.endpoints.dynamodb));
    expect(await verifyAuditChain(db, 'whzx')).toMatchObject({ ok: true });
  });

  it('takes both signatures on the engineer’s phone with the engineer as witness, only for what was submitted', async () => {
    // Prepare: a complete visit for the second quarter's inspection
    const started = inspectionSchema.parse(
      (await json(engineer, 'POST', `${base}/inspections`, { obligationId: 'inspection-2' })).body,
    );
    const visit = `${base}/inspections/${started.id}`;
    const sign = (who: string, body: unknown) => json(who, 'POST', `${visit}/signatures`, body);
    const early = await sign(engineer, {
      signer: 'department',
      name: '陈静',
      contentSha256: 'a'.repeat(64),
    });
    const recorded = await recordAllNormal(visit, started);
    const frozen = inspectionSchema.parse(
      (await json(engineer, 'POST', `${visit}/submit`, { version: recorded.version })).body,
    );
    const hash = frozen.contentSha256 as string;

    // Act
    const byDeptAccount = await sign(dept, {
      signer: 'department',
      name: '陈静',
      contentSha256: hash,
    });
    const wrongHash = await sign(engineer, {
      signer: 'department',
      name: '陈静',
      contentSha256: 'b'.repeat(64),
    });
    const deptSigned = await sign(engineer, {
      signer: 'department',
      name: '陈静',
      contentSha256: hash,
    });
    const retry = await sign(engineer, { signer: 'department', name: '陈静', contentSha256: hash });
    const other = await sign(engineer, { signer: 'department', name: '李四', contentSha256: hash });
    const itSigned = await sign(engineer, {
      signer: 'it-center',
      name: '刘洋',
      contentSha256: hash,
    });

    // Assess
    expect([early.status, byDeptAccount.status, wrongHash.status]).toEqual([409, 403, 409]);
    expect(errorPaths(wrongHash)).toEqual(['contentSha256']);
    expect([deptSigned.status, retry.status, other.status, itSigned.status]).toEqual([
      200, 200, 409, 200,
    ]);
    const signed = inspectionSchema.parse(itSigned.body);
    expect(signed.state).toBe('signed');
    expect(signed.signatures).toMatchObject([
      { signer: 'department', name: '陈静', via: 'engineer-phone', witness: { email: engineer } },
      { signer: 'it-center', name: '刘洋', via: 'engineer-phone', contentSha256: hash },
    ]);
    expect(
      obligationSchema.parse(
        (await json(itCenter, 'GET', `${base}/obligations/inspection-2`)).body,
      ),
    ).toMatchObject({ state: 'done', acceptance: null });
  });

  it('takes both link signatures made at the same moment, the later one on the record as the earlier left it', async () => {
    // Prepare: a submitted visit for the third quarter and its two links
    const started = inspectionSchema.parse(
      (await json(engineer, 'POST', `${base}/inspections`, { obligationId: 'inspection-3' })).body,
    );
    const visit = `${base}/inspections/${started.id}`;
    const recorded = await recordAllNormal(visit, started);
    const stale = await json(engineer, 'PUT', visit, {
      version: started.version,
      arrivedAt: null,
      leftAt: null,
      place: null,
      results: [],
      findings: [],
      photos: [],
    });
    expect((stale.body as { detail: string }).detail).toMatch(/^巡检记录已被他人修改/);
    const frozen = inspectionSchema.parse(
      (await json(engineer, 'POST', `${visit}/submit`, { version: recorded.version })).body,
    );
    const links = inspectionSigningLinksSchema.parse(
      (await json(engineer, 'POST', `${visit}/signing-links`)).body,
    ).links;

    // Act: both sign at once
    const answers = await Promise.all(
      links.map((l, i) =>
        fetch(new URL('/api/links/inspection-signature', stack.urls.api), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            token: tokenOf(l.url),
            name: i === 0 ? '陈静' : '刘洋',
            contentSha256: frozen.contentSha256,
          }),
        }),
      ),
    );

    // Assess: both landed, the record is signed and the obligation done
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const final = inspectionSchema.parse((await json(itCenter, 'GET', visit)).body);
    expect(final.state).toBe('signed');
    expect(final.signatures.map((x) => x.signer).sort()).toEqual(['department', 'it-center']);
    expect(
      obligationSchema.parse((await json(itCenter, 'GET', `${base}/obligations/inspection-3`)).body)
        .state,
    ).toBe('done');
  });
});
