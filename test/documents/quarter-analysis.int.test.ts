import { hospitalQuarterSchema, ticketWithSlaSchema } from '@weibao/api';
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
