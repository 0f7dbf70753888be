import { describe, expect, it } from 'vitest';
import { problemSchema, ticketSearchPageSchema, ticketWithSlaSchema } from '@weibao/api';
import { reportByPhone } from '../support/report-fault.ts';
import { useTestStack } from '../support/stack.ts';

/** 工单查询 across hospitals, searched on the server (GET /api/tickets), as the web app reads it. */
const stack = await useTestStack();
const stamp = `跨院${Date.now().toString(36)}`;

async function report(hospitalId: string, title: string) {
  const res = await reportByPhone(stack, hospitalId, { title });
  expect(res.status).toBe(201);
  return ticketWithSlaSchema.parse(res.body).ticket;
}

async function search(email: string, query: string) {
  const res = await stack.jsonAs(email, 'GET', `/api/tickets?${query}`);
  return res;
}

describe('工单查询 on the server', () => {
  it('finds the words in every hospital’s tickets for the manager, and only the assigned hospital’s for a limited engineer', async () => {
    // Prepare
    const whzx = await report('whzx', `${stamp} 门诊打印异常`);
    const jcey = await report('jcey', `${stamp} 检验报告乱码`);
    const q = `q=${encodeURIComponent(stamp)}`;
    // Act
    const all = await search('manager@vendor.example', q);
    const mine = await search('engineer@vendor.example', q);
    const notMine = await search('engineer@vendor.example', `${q}&hospitalId=jcey`);
    const one = await search('manager@vendor.example', `${q}&hospitalId=jcey`);
    // Assess: newest first; the demo engineer is assigned to 武汉市中心医院 only
    const numbers = (r: { body: unknown }) =>
      ticketSearchPageSchema.parse(r.body).items.map((t) => t.number);
    expect(all.status).toBe(200);
    expect(numbers(all)).toEqual([jcey.number, whzx.number]);
    expect(ticketSearchPageSchema.parse(all.body).readThrough).toBeNull();
    expect(numbers(mine)).toEqual([whzx.number]);
    expect(numbers(notMine)).toEqual([]);
    expect(numbers(one)).toEqual([jcey.number]);
  });

  it('refuses report days that end before they start at the field `to`, in Chinese', async () => {
    const res = await search('manager@vendor.example', 'from=2026-12-05&to=2026-12-01');
    expect(res.status).toBe(400);
    const problem = problemSchema.parse(res.body);
    expect(problem.errors?.find((e) => e.path === 'query.to')?.message).toBe(
      '结束日期不能早于开始日期',
    );
  });

  it('refuses a forged cursor and hospital staff', async () => {
    const forged = Buffer.from(JSON.stringify({ tickets: { 0: 'x' } })).toString('base64url');
    expect((await search('manager@vendor.example', `cursor=${forged}`)).status).toBe(400);
    expect((await search('it@whch.example', 'q=x')).status).toBe(403);
  });
});
