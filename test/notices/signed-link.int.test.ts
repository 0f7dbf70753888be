import { hmacLinkKey } from '@weibao/adapters';
import { linkDescriptionSchema, listOf, noticeSchema } from '@weibao/api';
import { dynamoDbLocalClient, receivedEmails } from '@weibao/local';
import { makeDb, type Db } from '@weibao/store';
import { mintLinkToken, noticeLinkLifetimeMs, type LinkKey } from '@weibao/usecases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hospitalSnapshot } from '../security/support.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let db: Db;
let key: LinkKey;
beforeAll(async () => {
  stack = await startTestStack();
  db = makeDb(stack.env.tableName, dynamoDbLocalClient(stack.env.endpoints.dynamodb));
  // The key the stack's handlers use: links minted here go through the same code path.
  key = hmacLinkKey(Buffer.from(stack.env.linkSigningKey, 'base64'));
});
afterAll(async () => {
  await stack?.stop();
});

const itDirector = 'it-director@whch.example';

async function call(method: string, path: string, body?: unknown, as: string | null = null) {
  const res = await stack.fetchAs(as, path, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

async function announce(hospitalId: string, title: string) {
  const res = await call(
    'POST',
    `/api/hospitals/${hospitalId}/advance-notices`,
    {
      title,
      description: '数据库升级至新版本，期间医嘱系统只读。',
      windowStart: new Date(stack.now() + 3 * 86_400_000).toISOString(),
      windowEnd: new Date(stack.now() + 3 * 86_400_000 + 7_200_000).toISOString(),
      subsystemIds: ['s1'],
    },
    'manager@vendor.example',
  );
  expect(res.status).toBe(201);
  return noticeSchema.parse(res.body);
}

const acknowledge = (token: string) => call('POST', '/api/links/acknowledge-notice', { token });

async function noticeOf(hospitalId: string, id: string) {
  const res = await call(
    'GET',
    `/api/hospitals/${hospitalId}/advance-notices?limit=100`,
    undefined,
    'admin@vendor.example',
  );
  return listOf(noticeSchema)
    .parse(res.body)
    .items.find((n) => n.id === id);
}

const mint = (hospitalId: string, objectId: string, expiresAt?: string) =>
  mintLinkToken(key, {
    hospitalId,
    action: 'acknowledge-notice',
    objectId,
    email: itDirector,
    expiresAt: expiresAt ?? new Date(stack.now() + noticeLinkLifetimeMs).toISOString(),
  }).then((m) => m.token);

describe('acknowledging an advance notice with the signed link of its email', () => {
  it('emails the contract’s escalation contact a link that acknowledges the notice once', async () => {
    // Prepare
    const notice = await announce('whzx', '数据库升级（链接确认）');
    expect(notice.emailedTo).toEqual([itDirector]);
    const mail = (await receivedEmails(stack.urls.sesv2)).find((m) =>
      m.subject.includes(notice.title),
    );
    expect(mail?.destination.to).toEqual([itDirector]);
    const text = mail?.body.text ?? '';
    expect(text.indexOf('时间窗口')).toBeLessThan(text.indexOf('Window:'));
    expect(text).toContain('（北京时间）');
    const token = /\/links\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(text)?.[1];
    if (!token) throw new Error(`no link in the email: ${text}`);

    // Act: the confirm page asks first, then the click
    const described = await call('GET', `/api/links/describe?token=${token}`);
    const first = await acknowledge(token);
    const again = await acknowledge(token);

    // Assess
    expect(described.status).toBe(200);
    expect(linkDescriptionSchema.parse(described.body)).toMatchObject({
      hospitalName: '武汉市中心医院',
      notice: { title: notice.title, acknowledgedAt: null },
    });
    expect(first.status).toBe(200);
    expect(noticeSchema.parse(first.body).acknowledgedBy).toEqual({
      sub: expect.stringMatching(/^link:/),
      email: itDirector,
    });
    expect(await noticeOf('whzx', notice.id)).toMatchObject({
      acknowledgedBy: { email: itDirector },
    });
    expect(again.status).toBe(410);
    expect(again.body).toMatchObject({ detail: '该链接已使用', reason: 'used' });
    // A spent link reads nothing: not the notice, not the hospital
    const spent = await call('GET', `/api/links/describe?token=${token}`);
    expect(spent.status).toBe(410);
    expect(spent.body).toMatchObject({ reason: 'used' });
    expect(JSON.stringify(spent.body)).not.toContain(notice.title);
    expect(JSON.stringify(spent.body)).not.toContain('武汉市中心医院');
  });

  it('acts exactly once when the same link is used ten times at the same moment', async () => {
    const notice = await announce('whzx', '内存参数调整（并发）');
    const token = await mint('whzx', notice.id);
    const answers = await Promise.all(Array.from({ length: 10 }, () => acknowledge(token)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, ...Array<number>(9).fill(410)]);
  });

  it('refuses a link with one character changed as invalid and writes nothing', async () => {
    const notice = await announce('whzx', '补丁安装（篡改）');
    const token = await mint('whzx', notice.id);
    const i = 10;
    const tampered = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
    const before = await hospitalSnapshot(db, 'whzx');

    const res = await acknowledge(tampered);

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ detail: '该链接无效' });
    expect(await hospitalSnapshot(db, 'whzx')).toEqual(before);
    const described = await call('GET', `/api/links/describe?token=${tampered}`);
    expect(described.status).toBe(400);
    expect(JSON.stringify(described.body)).not.toContain(notice.title);
  });

  it('refuses an expired link with 410 and writes nothing', async () => {
    const notice = await announce('whzx', '网络割接（过期）');
    const token = await mint('whzx', notice.id, new Date(stack.now() - 1000).toISOString());
    const before = await hospitalSnapshot(db, 'whzx');

    const res = await acknowledge(token);

    expect(res.status).toBe(410);
    expect(await hospitalSnapshot(db, 'whzx')).toEqual(before);
    expect((await noticeOf('whzx', notice.id))?.acknowledgedBy).toBeNull();
  });

  it('never lets a link of one hospital act on another hospital’s notice', async () => {
    // Prepare: a notice of jcey, and a link signed for whzx naming its id
    const other = await announce('jcey', '服务器迁移（隔离）');
    const token = await mint('whzx', other.id);
    const before = await hospitalSnapshot(db, 'jcey');

    const res = await acknowledge(token);
    const described = await call('GET', `/api/links/describe?token=${token}`);

    expect(res.status).toBe(400);
    expect(described.status).toBe(400);
    expect(JSON.stringify(described.body)).not.toContain(other.title);
    expect(await hospitalSnapshot(db, 'jcey')).toEqual(before);
    expect((await noticeOf('jcey', other.id))?.acknowledgedBy).toBeNull();
  });

  it('records that no email went out when no contract in force names a contact', async () => {
    const hospitalId = `nolink${Date.now().toString(36)}`;
    const created = await call(
      'POST',
      '/api/hospitals',
      {
        id: hospitalId,
        name: '无合同医院',
        code: 'NOLK',
        campuses: [],
        intakeLocalPart: hospitalId,
      },
      'admin@vendor.example',
    );
    expect(created.status).toBe(201);
    const notice = await announce(hospitalId, '无联系人');
    expect(notice.emailedTo).toEqual([]);
  });
});
