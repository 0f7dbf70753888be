import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxMediaType, problemSchema } from '@weibao/api';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { assertSoffice, docxText } from '../support/soffice.ts';

let stack: TestStack;
beforeAll(async () => {
  assertSoffice();
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const whzxContract = '01KAW00000000000000000WHZX';
const path = (kind: string, quarter: string, hospital = 'whzx') =>
  `/api/hospitals/${hospital}/contracts/${whzxContract}/documents/${kind}?quarter=${quarter}`;

describe('GET …/documents/{kind} through the local API', () => {
  it('answers the IT center with the quarter’s evaluation report as DOCX bytes that LibreOffice opens, named 武汉市中心医院-2026第2季度-维保服务评价报告.docx', async () => {
    const res = await stack.fetchAs('it@whch.example', path('evaluation', '2'));

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(docxMediaType);
    // Named as people file it, in UTF-8, with an ASCII name for clients that read only that
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="evaluation-q2\.docx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toBe(
      '武汉市中心医院-2026第2季度-维保服务评价报告.docx',
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    // A DOCX is a zip: the body arrives as bytes, not as the base64 text API Gateway is handed.
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const { text } = docxText(bytes);
    expect(text).toContain('武汉市中心医院');
    expect(text).toContain('售后维保服务评价报告（第2季度）');
    expect(text).toContain('大于1小时次数');
    // The contract's number as signed, never its internal id
    expect(text).toContain('WHZX-WB-2026-001');
    expect(text).not.toContain('01KAW00000000000000000WHZX');
  });

  it('names the evaluator in the DOCX by name with the address beside it, not the address twice', async () => {
    // Prepare: quarter 3 drafted; the department (陈静) enters its part in the app
    const base = `/api/hospitals/whzx/contracts/${whzxContract}/evaluations/q3`;
    const send = (email: string, method: string, url: string, body?: unknown) =>
      stack.fetchAs(email, url, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
    const drafted = (await (await send('manager@vendor.example', 'PUT', base)).json()) as {
      evaluation: { version: number };
    };
    const entered = await send('dept@whch.example', 'PUT', `${base}/service-level`, {
      version: drafted.evaluation.version,
      spotChecks: { sampled: 10, passed: 10 },
      adverseEvents: 0,
    });
    expect(entered.status).toBe(200);
    // Act
    const { text } = docxText(
      Buffer.from(
        await (await stack.fetchAs('it@whch.example', path('evaluation', '3'))).arrayBuffer(),
      ),
    );
    // Assess
    expect(text).toContain('评价人（使用科室）：陈静（dept@whch.example）');
  });

  it('answers a quarter outside the term with a problem naming the quarter, and another hospital’s contract with 404', async () => {
    const late = await stack.fetchAs('it@whch.example', path('evaluation', '9'));
    expect(late.status).toBe(400);
    const problem = problemSchema.parse(await late.json());
    expect(problem.errors?.[0]?.path).toBe('quarter');
    expect(problem.detail).toBe('该合同只有第1至第4季度（2026-01-05 至 2027-01-04），没有第9季度');

    const other = await stack.fetchAs('it@second.example', path('deductions', '1'));
    expect(other.status).toBe(404);

    const dept = await stack.fetchAs('dept@whch.example', path('deductions', '1'));
    expect(dept.status).toBe(403);
  });

  it('prints the vendor profile a vendor admin entered as 服务提供方, blank before; a stale save is refused in Chinese and changes nothing', async () => {
    const before = docxText(
      Buffer.from(
        await (await stack.fetchAs('it@whch.example', path('evaluation', '1'))).arrayBuffer(),
      ),
    ).text;
    expect(before).not.toContain('楚天医疗软件有限公司');

    const put = (email: string, body: unknown) =>
      stack.fetchAs(email, '/api/vendor-profile', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const profile = {
      name: '楚天医疗软件有限公司',
      address: '武汉市东湖新技术开发区光谷大道 77 号',
      sealHolder: '王建国',
      version: 0,
    };
    expect((await put('it@whch.example', profile)).status).toBe(403);
    const entered = await put('admin@vendor.example', profile);
    expect(entered.status).toBe(200);
    expect(await entered.json()).toMatchObject({ name: '楚天医疗软件有限公司', version: 1 });
    const stale = await put('admin@vendor.example', { ...profile, name: '过期的名称' });
    expect(stale.status).toBe(409);
    expect(problemSchema.parse(await stale.json()).detail).toContain('服务商信息已被他人修改');

    const read = await stack.fetchAs('manager@vendor.example', '/api/vendor-profile');
    expect(await read.json()).toMatchObject({ name: '楚天医疗软件有限公司', sealHolder: '王建国' });
    expect((await stack.fetchAs('it@whch.example', '/api/vendor-profile')).status).toBe(403);

    const after = docxText(
      Buffer.from(
        await (await stack.fetchAs('it@whch.example', path('evaluation', '1'))).arrayBuffer(),
      ),
    ).text;
    expect(after).toMatch(
      /服务提供方\s*楚天医疗软件有限公司（武汉市东湖新技术开发区光谷大道 77 号）/,
    );
  });
});
