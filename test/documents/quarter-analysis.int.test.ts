import {
  hospitalQuarterSchema,
  problemSchema,
  quarterAnalysisSchema,
  ticketWithSlaSchema,
} from '@weibao/api';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertSoffice, docxText } from '../support/soffice.ts';
import { useTestStack } from '../support/stack.ts';

const stack = await useTestStack();
beforeAll(() => assertSoffice());

const whzxContract = '01KAW00000000000000000WHZX';
const stamp = Date.now();

async function report(body: Record<string, unknown>) {
  const res = await stack.fetchAs('engineer@vendor.example', '/api/hospitals/whzx/tickets', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'fault', channel: 'phone', description: '电话报障', ...body }),
  });
  expect(res.status).toBe(201);
  return ticketWithSlaSchema.parse(await res.json()).ticket;
}

async function currentQuarter() {
  const res = await stack.fetchAs('it@whch.example', '/api/hospitals/whzx/quarter');
  expect(res.status).toBe(200);
  const q = hospitalQuarterSchema
    .parse(await res.json())
    .contractQuarters.find((c) => c.contractId === whzxContract);
  expect(q).toBeDefined();
  return q!;
}

const analysis = (email: string, quarter: number) =>
  stack.fetchAs(
    email,
    `/api/hospitals/whzx/contracts/${whzxContract}/documents/analysis?quarter=${quarter}`,
  );

describe('季度系统分析报告 as the hospital opens it', () => {
  it('prints the quarter’s figures the hospital’s quarter page shows, by subsystem and severity, with recurring faults named', async () => {
    // Prepare: three faults of 临床路径系统 (s2) this quarter, one answered late enough to cost 1%
    const late = await report({
      severity: 'fatal',
      subsystemId: 's2',
      title: `临床路径停机 ${stamp}`,
      reportedAt: new Date(stack.now() - 65 * 60_000).toISOString(),
    });
    await report({ severity: 'minor', subsystemId: 's2', title: `路径模板错位 ${stamp}` });
    await report({ severity: 'serious', subsystemId: 's2', title: `路径无法入径 ${stamp}` });
    const q = await currentQuarter();
    expect(q.faults).toBeGreaterThanOrEqual(3);
    expect(q.deductionsFen).toBeGreaterThanOrEqual(188_000);

    // Act
    const res = await analysis('it@whch.example', q.index);

    // Assess: figures as the quarter page counts them, read back through LibreOffice
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain(
      `第${q.index}季度-季度系统分析报告.docx`,
    );
    const { text } = docxText(Buffer.from(await res.arrayBuffer()));
    const compliant =
      q.compliantBp === null ? '—' : `${(q.compliantBp / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
    expect(text).toContain(`季度系统分析报告（第${q.index}季度）`);
    expect(text).toContain('武汉市中心医院');
    expect(text).toContain(
      `故障报告：${q.faults} 次；超时：${q.breached} 次；达标率：${compliant}`,
    );
    const fen = (n: number) =>
      `¥${(n / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    expect(text).toContain(`扣款 ${q.deductionEntries} 条，应扣合计 ${fen(q.deductionsFen)}`);
    expect(text).toMatch(/临床路径系统：[3-9]\d* 次（/);
    expect(text).toContain(late.number);
    expect(text).toContain('致命');
    expect(text).toContain('本季度未收集用户反馈');
    expect(text).toContain('系统优化扩展方案');
    expect(text).not.toContain(whzxContract);
    expect(text).not.toMatch(/\b(fatal|serious|minor|pending|approved|s2|undefined|null)\b/);
  });

  it('is downloadable by the vendor and the hospital’s IT center, not by another hospital', async () => {
    const q = await currentQuarter();
    const [vendor, other] = await Promise.all([
      analysis('manager@vendor.example', q.index),
      analysis('it@second.example', q.index),
    ]);
    expect(vendor.status).toBe(200);
    expect([403, 404]).toContain(other.status);
  });
});

const textPath = (quarter: number) =>
  `/api/hospitals/whzx/contracts/${whzxContract}/analyses/${quarter}`;
const put = (email: string, quarter: number, body: Record<string, unknown>) =>
  stack.fetchAs(email, textPath(quarter), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the vendor’s conclusion and 系统优化扩展方案', () => {
  it('are written by vendor staff, version-checked, read by the IT center and printed in the report', async () => {
    // Prepare: a quarter of its own (the term's last), nothing written yet
    const quarter = 4;
    const empty = await stack.fetchAs('it@whch.example', textPath(quarter));
    expect(empty.status).toBe(200);
    expect(quarterAnalysisSchema.parse(await empty.json())).toMatchObject({
      version: 0,
      conclusion: '',
      recommendations: '',
    });
    const body = {
      version: 0,
      conclusion: `临床路径系统故障集中在入径环节 ${stamp}`,
      recommendations: `建议升级临床路径引擎并增加入径前校验 ${stamp}`,
    };

    // Act
    const [dept, it] = await Promise.all([
      put('dept@whch.example', quarter, body),
      put('it@whch.example', quarter, body),
    ]);
    const written = await put('manager@vendor.example', quarter, body);
    const retried = await put('manager@vendor.example', quarter, body);
    const stale = await put('engineer@vendor.example', quarter, {
      ...body,
      recommendations: '旧版本上的修改',
    });
    const wrongQuarter = await put('manager@vendor.example', 5, body);
    const read = await stack.fetchAs('auditor@shenji.example', textPath(quarter));
    const doc = await analysis('supervisor@jianli.example', quarter);

    // Assess
    expect(dept.status).toBe(403);
    expect(it.status).toBe(403);
    expect(written.status).toBe(200);
    expect(quarterAnalysisSchema.parse(await written.json()).version).toBe(1);
    expect(retried.status).toBe(200);
    expect(quarterAnalysisSchema.parse(await retried.json()).version).toBe(1);
    expect(stale.status).toBe(409);
    const conflict = problemSchema.parse(await stale.json());
    expect(conflict.detail).toContain('季度系统分析报告已被他人修改');
    expect(wrongQuarter.status).toBe(400);
    expect(problemSchema.parse(await wrongQuarter.json()).errors?.[0]?.path).toBe('quarter');
    expect(quarterAnalysisSchema.parse(await read.json())).toMatchObject({
      version: 1,
      recommendations: body.recommendations,
      updatedBy: expect.any(String),
    });
    expect(doc.status).toBe(200);
    const { text } = docxText(Buffer.from(await doc.arrayBuffer()));
    expect(text).toMatch(new RegExp(`分析结论\\s+${body.conclusion}`));
    expect(text).toMatch(new RegExp(`系统优化扩展方案\\s+${body.recommendations}`));
    expect(text).not.toContain('由服务方填写');
  });
});
