import { unzipSync, strFromU8 } from 'fflate';
import { hmacLinkKey } from '@weibao/adapters';
import {
  contractSchema,
  evaluationLinkDescriptionSchema,
  evaluationLinksSentSchema,
  evaluationWithHashSchema,
  deliverablesPackageSchema,
  milestoneViewSchema,
  ticketWithSlaSchema,
} from '@weibao/api';
import { receivedEmails } from '@weibao/local';
import { evaluationLinkObject, mintLinkToken, type LinkKey } from '@weibao/usecases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractQuarters } from '../support/contract-quarters.ts';
import { assertSoffice, docxText } from '../support/soffice.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let key: LinkKey;
beforeAll(async () => {
  assertSoffice();
  stack = await startTestStack();
  key = hmacLinkKey(Buffer.from(stack.env.linkSigningKey, 'base64'));
});
afterAll(async () => {
  await stack?.stop();
});

// The demo contract: signed 2026-01-05, so quarter 2 is 2026-04-05 to 2026-07-04 and the progress
// payment may be invoiced from 2026-07-05, after quarters 1 and 2.
const contractId = '01KAW00000000000000000WHZX';
const base = `/api/hospitals/whzx/contracts/${contractId}`;
const manager = 'manager@vendor.example';
const engineer = 'engineer@vendor.example';

/** The third parties have no demo account: tokens straight from the local issuer, as Cognito would. */
const thirdParty = (role: 'supervisor' | 'auditor') =>
  stack.issuer.sign({
    sub: `walk-${role}`,
    email: `${role}@third.example`,
    name: role,
    role,
    hospitalId: 'whzx',
  });

async function call(
  as: string | { token: string } | null,
  method: string,
  path: string,
  body?: unknown,
) {
  const init: RequestInit = {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  };
  let res: Response;
  if (as !== null && typeof as === 'object') {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${as.token}`);
    res = await fetch(new URL(path, stack.urls.api), { ...init, headers });
  } else res = await stack.fetchAs(as, path, init);
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/** A phone report in quarter 2, answered `answeredAfterMinutes` later. */
async function answeredFault(
  reportedAt: string,
  answeredAfterMinutes: number,
  severity: 'fatal' | 'serious',
  title: string,
) {
  const created = await call(engineer, 'POST', '/api/hospitals/whzx/tickets', {
    contractId,
    kind: 'fault',
    severity,
    channel: 'phone',
    subsystemId: 's1',
    title,
    description: '住院医生站无法开立医嘱',
    reportedAt,
  });
  expect(created.status).toBe(201);
  const ticket = ticketWithSlaSchema.parse(created.body).ticket;
  const answered = await call(engineer, 'POST', `/api/hospitals/whzx/tickets/${ticket.id}/events`, {
    type: 'response',
    version: ticket.version,
    text: '已收到，正在排查',
    at: new Date(Date.parse(reportedAt) + answeredAfterMinutes * 60_000).toISOString(),
  });
  expect(answered.status).toBe(201);
  return ticketWithSlaSchema.parse(answered.body).ticket;
}

const quarters = contractQuarters(call, base, manager);
const { payments, progress, evaluation, attach, record, noneThisQuarter } = quarters;
const signBoth = async (id: string) =>
  quarters.sign(id, [
    { token: await thirdParty('supervisor') },
    { token: await thirdParty('auditor') },
  ]);

describe('a quarter of the demo contract, from the record to the progress payment', () => {
  it('turns late answers and an unannounced outage into a signed evaluation, and makes the progress payment eligible only with every quarter qualified and every deliverable in', async () => {
    // Prepare: nothing evaluated or delivered yet
    const before = await progress();
    expect(before.eligibility.status).toBe('not-eligible');
    expect(before.eligibility.reasons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'evaluation-missing', quarters: [1, 2] }),
        expect.objectContaining({ code: 'deliverables-missing', periods: [1, 2] }),
      ]),
    );

    // Act 1: in quarter 2, a serious fault answered after 90 minutes and a fatal outage answered
    // after 75 minutes that the post-incident review lays at the vendor's door, without notice.
    const slow = await answeredFault('2026-05-11T01:00:00.000Z', 90, 'serious', '医嘱提交缓慢');
    const outage = await answeredFault('2026-05-20T02:00:00.000Z', 75, 'fatal', '医嘱系统停机');
    const reviewed = await call(
      engineer,
      'POST',
      `/api/hospitals/whzx/tickets/${outage.id}/events`,
      {
        type: 'attribution',
        version: outage.version,
        cause: 'vendor',
        subsystemId: 's1',
        advanceNoticeId: null,
        note: '升级未提前通知导致停机',
      },
    );
    expect(reviewed.status).toBe(201);
    const drafted = await call(manager, 'PUT', `${base}/evaluations/q2`);

    // Assess 1: the draft's counts and amounts come from the record, with the tickets behind them
    expect(drafted.status).toBe(201);
    const draft = evaluationWithHashSchema.parse(drafted.body).evaluation;
    expect(draft.period).toEqual({
      kind: 'quarter',
      index: 2,
      startsOn: '2026-04-05',
      endsOn: '2026-07-04',
    });
    expect(draft.figures).toMatchObject({
      lateResponses: 2,
      lateResponseDeductionFen: 2 * 188_000,
      vendorFaultsWithoutNotice: { fatal: 1, serious: 0, minor: 0 },
      // 5% of the 1/8 share of 188,000.00 that subsystem s1 carries
      vendorFaultDeductionFen: 117_500,
      totalDeductionFen: 376_000 + 117_500,
    });
    expect(draft.tickets.lateResponses.sort()).toEqual([slow.id, outage.id].sort());
    expect(draft.tickets.vendorFaultsWithoutNotice.fatal).toEqual([outage.id]);
    expect(draft.status).toBe('draft');

    // Act 2: the manager emails the links; each evaluator enters their part through theirs
    const sent = evaluationLinksSentSchema.parse(
      (await call(manager, 'POST', `${base}/evaluations/q2/links`)).body,
    );
    expect(sent.sent.map((s) => [s.section, s.email])).toEqual([
      ['serviceLevel', 'dept@whch.example'],
      ['serviceQuality', 'it@whch.example'],
    ]);
    const inbox = (await receivedEmails(stack.urls.sesv2)).filter((m) =>
      m.subject.includes('【服务评价】'),
    );
    const tokenFor = (to: string) => {
      const mail = inbox.find((m) => m.destination.to.includes(to));
      const token = /\/links\/evaluation\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(
        mail?.body.text ?? '',
      )?.[1];
      if (!token) throw new Error(`no evaluation link in the mail to ${to}`);
      expect(mail?.body.text).toContain('响应大于1小时 2 次');
      return token;
    };
    const deptToken = tokenFor('dept@whch.example');
    const itToken = tokenFor('it@whch.example');
    const described = evaluationLinkDescriptionSchema.parse(
      (await call(null, 'GET', `/api/links/evaluation-part?token=${deptToken}`)).body,
    );
    const byDept = await call(null, 'POST', '/api/links/evaluation-part', {
      token: deptToken,
      spotChecks: { sampled: 10, passed: 10 },
      adverseEvents: 0,
    });
    const byIt = await call(null, 'POST', '/api/links/evaluation-part', {
      token: itToken,
      spotChecks: { sampled: 20, passed: 19 },
      adverseEvents: 0,
      note: '一次抽查未通过：医嘱打印格式',
    });

    // Assess 2: each link entered its own section once; the domain rated the report
    expect(described).toMatchObject({ section: 'serviceLevel' });
    expect(described.evaluation.figures.lateResponses).toBe(2);
    // The page rates the entry live with the contract's own thresholds.
    expect(described.thresholds).toEqual({
      excellentBp: 10_000,
      goodBp: 9_000,
      qualifiedBp: 8_000,
    });
    expect([byDept.status, byIt.status]).toEqual([200, 200]);
    const rated = evaluationWithHashSchema.parse(byIt.body).evaluation;
    expect(rated.serviceLevel).toMatchObject({
      via: 'link',
      enteredBy: { email: 'dept@whch.example', role: 'hospital-dept' },
    });
    expect(rated.serviceQuality?.enteredBy).toMatchObject({
      email: 'it@whch.example',
      role: 'hospital-it',
    });
    expect(rated.rating).toMatchObject({
      serviceLevel: { rating: 'excellent' },
      serviceQuality: { rating: 'good' },
      overall: 'good',
    });
    expect(rated.status).toBe('rated');

    // Act 3: the supervisor signs an older version, then the current one; the auditor signs
    const stale = await call(
      { token: await thirdParty('supervisor') },
      'POST',
      `${base}/evaluations/q2/signatures`,
      {
        version: draft.version,
      },
    );
    const signed = await signBoth('q2');

    // Assess 3: the stale signature is refused; both signatures cover the same content
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentVersion: rated.version });
    expect(signed.evaluation.status).toBe('signed');
    expect(signed.evaluation.signatures.map((s) => [s.role, s.email, s.contentSha256])).toEqual([
      ['supervisor', 'supervisor@third.example', signed.contentSha256],
      ['auditor', 'auditor@third.example', signed.contentSha256],
    ]);
    // Once signed, the department can no longer change its part.
    expect(
      (
        await call('dept@whch.example', 'PUT', `${base}/evaluations/q2/service-level`, {
          version: signed.evaluation.version,
          spotChecks: { sampled: 1, passed: 0 },
          adverseEvents: 0,
        })
      ).status,
    ).toBe(409);

    // Assess 3b: the printed 附件1 carries what was entered and who signed, with the content hash
    const printed = await stack.fetchAs(
      'it@whch.example',
      `${base}/documents/evaluation?quarter=2`,
    );
    expect(printed.status).toBe(200);
    const { text: report } = docxText(Buffer.from(await printed.arrayBuffer()));
    expect(report).toContain('supervisor@third.example');
    expect(report).toContain('auditor@third.example');
    expect(report).toContain(`签署记录：${signed.contentSha256.slice(0, 16)}`);
    expect(report).toContain('☑');

    // Act 4: quarter 1 is rated in the app and signed; both packages are delivered, all but one item
    await quarters.rate('q1', [
      { who: 'dept@whch.example', part: 'service-level' },
      { who: 'it@whch.example', part: 'service-quality' },
    ]);
    expect((await signBoth('q1')).evaluation.rating?.overall).toBe('excellent');
    for (const quarter of [1, 2]) {
      await attach(
        quarter,
        'inspection-report',
        `巡检报告-Q${quarter}.pdf`,
        `inspection ${quarter}`,
      );
      await attach(
        quarter,
        'evaluation-report',
        `评价报告-Q${quarter}.pdf`,
        `evaluation ${quarter}`,
      );
      await noneThisQuarter(quarter, ['change-request-list', 'training-records']);
    }
    await noneThisQuarter(1, ['meeting-minutes', 'tuning-records']);
    await attach(2, 'meeting-minutes', '季度会议纪要.pdf', 'minutes');
    const almost = await progress();

    // Assess 4: one item of quarter 2 is still owed, so the payment is still held
    expect(almost.eligibility.status).toBe('not-eligible');
    expect(almost.eligibility.reasons).toEqual([
      expect.objectContaining({ code: 'deliverables-missing', periods: [2] }),
    ]);

    // Act 5: the last item is marked none with its reason; the package is zipped
    const complete = await record(2, 'tuning-records', { state: 'none', reason: '本季度未做调优' });
    const eligible = await progress();
    const zipped = deliverablesPackageSchema.parse(
      (await call('it@whch.example', 'POST', `${base}/deliverables/2/package`)).body,
    );
    const zip = unzipSync(new Uint8Array(await (await fetch(zipped.downloadUrl)).arrayBuffer()));
    const invoiced = await call(
      manager,
      'POST',
      `${base}/payments/${eligible.milestone.id}/events`,
      {
        action: 'invoice-sent',
        version: 0,
        on: '2026-07-10',
        invoiceNumber: 'FP-2026-0710',
      },
    );

    // Assess 5: eligible now; the zip holds the manifest and the three files; the invoice is recorded
    expect(complete).toMatchObject({ complete: true, missing: [] });
    expect(eligible.eligibility).toEqual({
      status: 'eligible',
      invoiceableFrom: '2026-07-05',
      basis: 'rules',
    });
    expect(eligible.amount?.amountFen).toBe(5_640_000);
    expect(zipped).toMatchObject({ complete: true, missing: [] });
    expect(Object.keys(zip).sort()).toEqual([
      '1-巡检报告/巡检报告-Q2.pdf',
      '2-维保服务评价报告/评价报告-Q2.pdf',
      '3-会议纪要/季度会议纪要.pdf',
      '清单.txt',
    ]);
    expect(strFromU8(zip['3-会议纪要/季度会议纪要.pdf'] as Uint8Array)).toBe('minutes');
    expect(strFromU8(zip['清单.txt'] as Uint8Array)).toContain(
      '调优记录 —— 本季度无：本季度未做调优',
    );
    expect(invoiced.status).toBe(200);
    expect(milestoneViewSchema.parse(invoiced.body).record).toMatchObject({
      invoiceSentOn: '2026-07-10',
      invoiceNumber: 'FP-2026-0710',
    });
  });

  it('accrues liquidated damages on a payment received late, and shows the deductions on the final payment', async () => {
    // Prepare: the first payment's invoice reached the hospital on 2026-01-06
    const first = (await payments()).find((p) => p.milestone.kind === 'first');
    if (!first) throw new Error('no first milestone');
    const received = await call(
      'it@whch.example',
      'POST',
      `${base}/payments/${first.milestone.id}/events`,
      {
        action: 'invoice-received',
        version: first.record?.version ?? 0,
        on: '2026-01-06',
      },
    );
    expect(received.status).toBe(200);
    const view = milestoneViewSchema.parse(received.body);
    // Act: paid 2026-03-10, well after the 10 working days (the Spring Festival in between)
    const paid = await call(
      'it@whch.example',
      'POST',
      `${base}/payments/${first.milestone.id}/events`,
      {
        action: 'paid',
        version: view.record?.version ?? 0,
        on: '2026-03-10',
        amountFen: 5_640_000,
      },
    );
    // Assess
    expect(paid.status).toBe(200);
    const late = milestoneViewSchema.parse(paid.body);
    expect(late.dueOn).toBe('2026-01-20');
    expect(late.liquidatedDamages?.blocks).toBeGreaterThanOrEqual(5);
    expect(late.liquidatedDamages?.amountFen).toBe(late.liquidatedDamages!.blocks * 188_000);
    const final = (await payments()).find((p) => p.milestone.kind === 'final');
    expect(final?.deductionsFen).toBeGreaterThanOrEqual(376_000 + 117_500);
    expect(final?.amountNote).toBe('验收款按审定总额支付：审计确认审定总额后方可计算');
  });

  it('renews the contract after a qualified, signed annual evaluation, once, on the same terms', async () => {
    // Prepare: the annual evaluation, rated in the app and signed
    expect((await call(manager, 'PUT', `${base}/evaluations/annual`)).status).toBe(201);
    const early = await call(manager, 'POST', `${base}/renewal`, { signedOn: '2027-01-04' });
    expect(early.status).toBe(409);
    for (const [who, part] of [
      ['dept@whch.example', 'service-level'],
      ['it@whch.example', 'service-quality'],
    ] as const) {
      const { evaluation: e } = await evaluation('annual');
      expect(
        (
          await call(who, 'PUT', `${base}/evaluations/annual/${part}`, {
            version: e.version,
            spotChecks: { sampled: 40, passed: 37 },
            adverseEvents: 0,
          })
        ).status,
      ).toBe(200);
    }
    await signBoth('annual');
    // Act
    const renewed = await call(manager, 'POST', `${base}/renewal`, { signedOn: '2027-01-04' });
    const again = await call(manager, 'POST', `${base}/renewal`, { signedOn: '2027-01-04' });
    // Assess
    expect(renewed.status).toBe(201);
    const contract = contractSchema.parse(renewed.body);
    expect(contract.terms.term).toEqual({ startsOn: '2027-01-05', endsOn: '2028-01-04' });
    expect(contract.terms.renewal.count).toBe(1);
    expect(contract.terms.totalFen).toBe(18_800_000);
    expect(again.status).toBe(200);
    expect(contractSchema.parse(again.body).id).toBe(contract.id);
  });
});

describe('the signed link of an evaluation', () => {
  const mint = (
    objectId: string,
    expiresAt: string,
    action = 'enter-evaluation-service-level' as const,
  ) =>
    mintLinkToken(key, {
      hospitalId: 'whzx',
      action,
      objectId,
      email: 'dept@whch.example',
      expiresAt,
    }).then((m) => m.token);
  const enter = (token: string) =>
    call(null, 'POST', '/api/links/evaluation-part', {
      token,
      spotChecks: { sampled: 5, passed: 5 },
      adverseEvents: 0,
    });

  it('is refused once used, once expired, for another evaluation, or when it grants another action', async () => {
    // Prepare: a fresh draft of quarter 3
    expect((await call(manager, 'PUT', `${base}/evaluations/q3`)).status).toBe(201);
    const inAWeek = new Date(stack.now() + 7 * 86_400_000).toISOString();
    const good = await mint(evaluationLinkObject(contractId, 'q3'), inAWeek);
    const expired = await mint(
      evaluationLinkObject(contractId, 'q3'),
      new Date(stack.now() - 1000).toISOString(),
    );
    const otherObject = await mint(evaluationLinkObject(contractId, 'q4'), inAWeek);
    const otherContract = await mint(
      evaluationLinkObject('01KAW00000000000000000JCEY', 'q3'),
      inAWeek,
    );
    const noticeLink = (
      await mintLinkToken(key, {
        hospitalId: 'whzx',
        action: 'acknowledge-notice',
        objectId: evaluationLinkObject(contractId, 'q3'),
        email: 'dept@whch.example',
        expiresAt: inAWeek,
      })
    ).token;
    const [a, b] = good.split('.');
    const tampered = `${a}.${b?.startsWith('A') ? 'B' : 'A'}${b?.slice(1)}`;

    // Act
    const first = await enter(good);
    const results = {
      used: await enter(good),
      expired: await enter(expired),
      otherObject: await enter(otherObject),
      otherContract: await enter(otherContract),
      noticeLink: await enter(noticeLink),
      tampered: await enter(tampered),
    };

    // Assess
    expect(first.status).toBe(200);
    expect(Object.fromEntries(Object.entries(results).map(([k, v]) => [k, v.status]))).toEqual({
      used: 410,
      expired: 410,
      otherObject: 400,
      otherContract: 400,
      noticeLink: 400,
      tampered: 400,
    });
    const q3 = (await evaluation('q3')).evaluation;
    expect(q3.serviceLevel?.spotChecks).toEqual({ sampled: 5, passed: 5 });
    expect(q3.version).toBe(2);
    // A spent or expired link reads nothing of the evaluation either
    for (const [token, reason] of [
      [good, 'used'],
      [expired, 'expired'],
    ] as const) {
      const read = await fetch(
        new URL(`/api/links/evaluation-part?token=${token}`, stack.urls.api),
      );
      const body = (await read.json()) as Record<string, unknown>;
      expect(read.status, reason).toBe(410);
      expect(body).toMatchObject({ reason });
      expect(Object.keys(body).sort()).toEqual(['detail', 'reason', 'status', 'title', 'type']);
    }
  });
});
