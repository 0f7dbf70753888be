import {
  feedbackAnswerResultSchema,
  feedbackLinkDescriptionSchema,
  feedbackRemindersSchema,
  feedbackRoundSchema,
  hospitalQuarterSchema,
  obligationSchema,
  problemSchema,
  qrLinkSchema,
} from '@weibao/api';
import { dynamoDbLocalClient, receivedEmails } from '@weibao/local';
import { makeDb, verifyAuditChain } from '@weibao/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { caller } from '../faults/support.ts';
import { assertSoffice, docxText } from '../support/soffice.ts';
import { useTestStack } from '../support/stack.ts';

beforeAll(() => assertSoffice());
const stack = await useTestStack();
const call = caller(stack);

const it_ = 'it@whch.example';
const manager = 'manager@vendor.example';
const otherHospitalIt = 'it@second.example';
const contractId = '01KAW00000000000000000WHZX';
const base = `/api/hospitals/whzx/contracts/${contractId}`;
const rounds = `${base}/feedback-rounds`;
const tag = Date.now();

/** A public request, as the department's phone sends it: no sign-in at all. */
async function anonymous(method: string, path: string, body?: unknown) {
  const res = await fetch(new URL(path, stack.urls.api), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

const tokenOf = (url: string) => new URL(url).pathname.replace(/^\/links\/feedback\//, '');

async function currentQuarter(): Promise<number> {
  const res = await call(it_, 'GET', '/api/hospitals/whzx/quarter');
  expect(res.status).toBe(200);
  const q = hospitalQuarterSchema
    .parse(res.body)
    .contractQuarters.find((c) => c.contractId === contractId);
  expect(q).toBeDefined();
  return q!.index;
}

const subsystems = async (token: string) =>
  feedbackLinkDescriptionSchema.parse(
    (await anonymous('GET', `/api/links/feedback?token=${token}`)).body,
  ).subsystems;

/** Every subsystem scored `score`, the first one also `first` with a remark. */
const answer = (token: string, names: string[], first: number, score: number, remark: string) => ({
  token,
  name: '王护士长',
  role: '护士长',
  ratings: names.map((subsystem, i) =>
    i === 0 ? { subsystem, score: first, comment: remark } : { subsystem, score },
  ),
});

describe('the quarter’s user feedback survey (用户意见收集)', () => {
  let quarter = 0;
  let round: ReturnType<typeof feedbackRoundSchema.parse>;
  const dept = (name: string) => round.departments.find((d) => d.name === name)!;

  it('opens once per quarter for the departments picked, one signed link each, retried safely with its Idempotency-Key', async () => {
    // Prepare
    quarter = await currentQuarter();
    const body = {
      quarter,
      departments: [
        { name: '心内科一病区', email: `cardio-${tag}@whch.example` },
        { name: '骨科二病区', email: `ortho-${tag}@whch.example` },
        { name: '急诊科' },
      ],
    };
    const key = { 'idempotency-key': `feedback-${tag}` };
    // Act
    const first = await call(it_, 'POST', rounds, body, key);
    const retry = await call(it_, 'POST', rounds, body, key);
    const again = await call(manager, 'POST', rounds, body);
    // Assess
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    round = feedbackRoundSchema.parse(first.body);
    expect(round.state).toBe('open');
    expect(round.departments.map((d) => d.name)).toEqual(['心内科一病区', '骨科二病区', '急诊科']);
    expect(new Set(round.departments.map((d) => d.url)).size).toBe(3);
    expect(retry.status).toBe(200);
    expect(feedbackRoundSchema.parse(retry.body).departments.map((d) => d.url)).toEqual(
      round.departments.map((d) => d.url),
    );
    expect(again.status).toBe(409);
    expect(problemSchema.parse(again.body).detail).toContain('已经发起');
  });

  it('refuses a department named twice and an unreadable score with Chinese messages at the field', async () => {
    const twice = await call(it_, 'POST', rounds, {
      quarter,
      departments: [{ name: '检验科' }, { name: '检验科' }],
    });
    expect(twice.status).toBe(400);
    const t = problemSchema.parse(twice.body);
    expect(t.detail).toContain('重复');
    const names = await subsystems(tokenOf(dept('急诊科').url));
    const bad = await anonymous('POST', '/api/links/feedback', {
      ...answer(tokenOf(dept('急诊科').url), names, 4, 4, '好'),
      ratings: names.map((subsystem) => ({ subsystem, score: 6 })),
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('满意度请选择 1 至 5 分');
    const missing = await anonymous('POST', '/api/links/feedback', {
      ...answer(tokenOf(dept('急诊科').url), names, 4, 4, '好'),
      ratings: names.slice(1).map((subsystem) => ({ subsystem, score: 4 })),
    });
    expect(missing.status).toBe(400);
    expect(problemSchema.parse(missing.body).detail).toContain(`请为“${names[0]}”选择满意度`);
  });

  it('takes one answer per department through its link without an account; a second answer is refused in Chinese, the same one again is a retry', async () => {
    // Prepare
    const cardio = tokenOf(dept('心内科一病区').url);
    const ortho = tokenOf(dept('骨科二病区').url);
    const described = feedbackLinkDescriptionSchema.parse(
      (await anonymous('GET', `/api/links/feedback?token=${cardio}`)).body,
    );
    expect(described).toMatchObject({
      hospitalName: '武汉市中心医院',
      department: '心内科一病区',
      quarter,
    });
    const names = described.subsystems;
    expect(names.length).toBeGreaterThan(1);
    // Act
    const first = await anonymous(
      'POST',
      '/api/links/feedback',
      answer(cardio, names, 5, 4, '医嘱录入很顺'),
    );
    const retry = await anonymous(
      'POST',
      '/api/links/feedback',
      answer(cardio, names, 5, 4, '医嘱录入很顺'),
    );
    const other = await anonymous(
      'POST',
      '/api/links/feedback',
      answer(cardio, names, 1, 1, '改主意了'),
    );
    const reopened = await anonymous('GET', `/api/links/feedback?token=${cardio}`);
    const second = await anonymous(
      'POST',
      '/api/links/feedback',
      answer(ortho, names, 2, 4, '临床路径入径太慢'),
    );
    // Assess
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(feedbackAnswerResultSchema.parse(first.body).department).toBe('心内科一病区');
    expect(retry.status).toBe(200);
    expect(other.status).toBe(410);
    expect(problemSchema.parse(other.body).detail).toBe(
      '本科室本季度的满意度调查已经提交，不能重复提交。感谢您的反馈！',
    );
    expect(reopened.status).toBe(410);
    expect(second.status).toBe(201);
  });

  it('refuses a tampered token, a token signed for another purpose, and a signed-in user of another hospital', async () => {
    const token = tokenOf(dept('急诊科').url);
    const [payload, mac] = token.split('.') as [string, string];
    const flipped = `${payload}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'BA' : 'AA'}`;
    const edited = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
      string,
      string
    >;
    const otherObject = `${Buffer.from(JSON.stringify({ ...edited, objectId: `${contractId}:${quarter}:01KAW00000000000000000XXXX` })).toString('base64url')}.${mac}`;
    const qr = await call(it_, 'POST', '/api/hospitals/whzx/qr-links', {
      department: '急诊科',
      campus: '南京路院区',
    });
    expect(qr.status).toBe(201);
    const qrToken = new URL(qrLinkSchema.parse(qr.body).url).pathname.replace(/^\/r\//, '');
    const names = await subsystems(token);
    for (const bad of [flipped, otherObject, qrToken]) {
      const res = await anonymous('POST', '/api/links/feedback', answer(bad, names, 3, 3, '试试'));
      expect(res.status, bad).toBe(400);
      expect(problemSchema.parse(res.body).detail).toBe('该链接无效');
    }
    const foreign = await call(otherHospitalIt, 'GET', rounds);
    expect(foreign.status).toBe(404);
    // The department's own link still works: nothing above used it.
    expect((await anonymous('GET', `/api/links/feedback?token=${token}`)).status).toBe(200);
  });

  it('shows the quarter’s results per subsystem: average in hundredths, count, distribution, who answered, the remarks with their department', async () => {
    const res = await call(manager, 'GET', rounds);
    expect(res.status).toBe(200);
    const r = feedbackRoundSchema
      .array()
      .parse((res.body as { items: unknown[] }).items)
      .find((x) => x.quarter === quarter)!;
    const [firstSubsystem, secondSubsystem] = r.subsystems;
    // 心内科 gave the first subsystem 5, 骨科 gave it 2: (5 + 2) / 2 = 3.50
    expect(firstSubsystem).toMatchObject({
      count: 2,
      averageHundredths: 350,
      distribution: [0, 1, 0, 0, 1],
    });
    expect(secondSubsystem).toMatchObject({
      count: 2,
      averageHundredths: 400,
      distribution: [0, 0, 0, 2, 0],
    });
    expect(r.departments.filter((d) => d.answeredAt).map((d) => d.name)).toEqual([
      '心内科一病区',
      '骨科二病区',
    ]);
    expect(r.departments.find((d) => d.name === '急诊科')?.answeredAt).toBeNull();
    expect(r.comments).toEqual([
      expect.objectContaining({ department: '心内科一病区', comment: '医嘱录入很顺', score: 5 }),
      expect.objectContaining({ department: '骨科二病区', comment: '临床路径入径太慢', score: 2 }),
    ]);
  });

  it('marks the quarter’s 用户意见收集 obligation done once the round has answers', async () => {
    const res = await call(manager, 'GET', `${base}/obligations/feedback-${quarter}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const o = obligationSchema.parse(res.body);
    expect(o.kind).toBe('feedback');
    expect(o.state).toBe('done');
    expect(o.doneOn).not.toBeNull();
  });

  it('reminds by mail the departments that have not answered and have an address, once a day', async () => {
    // Prepare: a round of another quarter, where nobody answered yet
    const other = quarter > 1 ? quarter - 1 : quarter + 1;
    const next = await call(it_, 'POST', rounds, {
      quarter: other,
      departments: [
        { name: '心内科一病区', email: `cardio-${tag}@whch.example` },
        { name: '急诊科' },
      ],
    });
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    const url = feedbackRoundSchema.parse(next.body).departments[0]!.url;
    // Act
    const first = await call(it_, 'POST', `${rounds}/${other}/reminders`);
    const again = await call(it_, 'POST', `${rounds}/${other}/reminders`);
    // Assess
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const sent = feedbackRemindersSchema.parse(first.body);
    expect(sent.reminded).toEqual(['心内科一病区']);
    expect(sent.withoutAddress).toEqual(['急诊科']);
    expect(feedbackRemindersSchema.parse(again.body).reminded).toEqual([]);
    const mails = (await receivedEmails(stack.urls.sesv2)).filter((m) =>
      m.destination.to.includes(`cardio-${tag}@whch.example`),
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(`第${other}季度系统满意度调查`);
    // The same link the round's page shows, at the web app's origin.
    expect(new URL(url).origin).toBe(new URL(stack.urls.api).origin);
    expect(mails[0]!.body.text).toContain(url);
  });

  it('closes the round, version-checked: its links answer 410 from then on', async () => {
    const r = feedbackRoundSchema
      .array()
      .parse(((await call(it_, 'GET', rounds)).body as { items: unknown[] }).items)
      .find((x) => x.quarter === quarter)!;
    const stale = await call(it_, 'POST', `${rounds}/${quarter}/close`, { version: r.version + 1 });
    expect(stale.status).toBe(409);
    const closed = await call(it_, 'POST', `${rounds}/${quarter}/close`, { version: r.version });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(feedbackRoundSchema.parse(closed.body).state).toBe('closed');
    const token = tokenOf(dept('急诊科').url);
    const late = await anonymous('GET', `/api/links/feedback?token=${token}`);
    expect(late.status).toBe(410);
    expect(problemSchema.parse(late.body).detail).toContain('已经结束');
  });

  it('prints the 系统应用效果评价报告 with the quarter’s averages and the ticket record, read back through LibreOffice', async () => {
    // Act
    const res = await stack.fetchAs(it_, `${base}/documents/feedback?quarter=${quarter}`);
    // Assess
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain(
      `第${quarter}季度-系统应用效果评价报告.docx`,
    );
    const { text } = docxText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain(`系统应用效果评价报告（第${quarter}季度）`);
    expect(text).toContain('调查科室 3 个，已答 2 个，未答：急诊科');
    expect(text).toContain('3.50');
    expect(text).toContain('4.00');
    expect(text).toContain('临床路径入径太慢');
    expect(text).toContain('骨科二病区');
    expect(text).toMatch(/故障报告：\d+ 次；超时：\d+ 次/);
    expect(text).toContain('响应时限');
  });

  it('summarises the survey in the quarter’s 季度系统分析报告 too', async () => {
    const res = await stack.fetchAs(it_, `${base}/documents/analysis?quarter=${quarter}`);
    expect(res.status).toBe(200);
    const { text } = docxText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain('满意度调查：调查科室 3 个，已答 2 个；总体平均分');
    expect(text).not.toContain('本季度未收集用户反馈');
  });

  it('kept every change in the hospital’s audit chain', async () => {
    const db = makeDb(stack.env.tableName, dynamoDbLocalClient(stack.env.endpoints.dynamodb));
    expect(await verifyAuditChain(db, 'whzx')).toMatchObject({ ok: true });
  });
});
