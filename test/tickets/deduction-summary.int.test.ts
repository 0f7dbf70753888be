import { describe, expect, it } from 'vitest';
import { deductionSummarySchema, problemSchema } from '@weibao/api';
import { periodContaining, quarterPeriods, shanghaiDateOf } from '@weibao/domain';
import { demoContracts } from '@weibao/usecases';
import { ledgerOf, quarterSums } from '../support/ledger-quarters.ts';
import { reportWhzxFault } from '../support/report-fault.ts';
import { useTestStack } from '../support/stack.ts';

/** The vendor's deductions per contract quarter (GET /api/deductions/summary), from the rollups. */
const stack = await useTestStack({ followStream: true });

const whzxContract = demoContracts.find((c) => c.hospitalId === 'whzx')!;

function whzxQuarterNow() {
  const today = shanghaiDateOf(new Date(stack.now()).toISOString());
  const period = periodContaining(quarterPeriods(whzxContract.terms.term), today);
  if (!period) throw new Error(`the demo contract has no quarter on ${today}`);
  return period;
}

const dayBefore = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

async function summary(email: string, query: string) {
  await stack.streamDrained();
  const res = await stack.jsonAs(email, 'GET', `/api/deductions/summary?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return deductionSummarySchema.parse(res.body);
}

/** Every page of the summary, a hospital a page: the rows, and the total each page gave. */
async function everyPage(email: string, range: string) {
  const rows: ReturnType<typeof deductionSummarySchema.parse>['items'] = [];
  const totals = new Set<number>();
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await summary(
      email,
      `${range}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    rows.push(...page.items);
    totals.add(page.totalFen);
    cursor = page.next;
    pages += 1;
  } while (cursor && pages < 50);
  return { rows, totals, pages };
}

describe('the deduction summary', () => {
  it('gives each contract quarter ending in the range whole, as the ledger has it, and leaves out one ending after it', async () => {
    // Prepare: a fatal fault answered late (1 % booked at once) in today's contract quarter
    await reportWhzxFault(stack, {
      severity: 'fatal',
      channel: 'phone',
      title: '医嘱系统停机（扣款汇总）',
      reportedAt: new Date(stack.now() - 65 * 60_000).toISOString(),
    });
    const quarter = whzxQuarterNow();
    // Act
    const got = await summary(
      'admin@vendor.example',
      `from=${quarter.endsOn}&to=${quarter.endsOn}&limit=100`,
    );
    const before = await summary(
      'admin@vendor.example',
      `from=${quarter.startsOn}&to=${dayBefore(quarter.endsOn)}&limit=100`,
    );
    // Assess: the row is the quarter's, and its sums are the ledger's entries reported in it
    const ledger = await ledgerOf(stack, 'whzx', whzxContract.id);
    const row = got.items.find((r) => r.hospitalId === 'whzx' && r.contractId === whzxContract.id);
    expect(row).toMatchObject({
      contractName: whzxContract.terms.name,
      quarter: quarter.index,
      startsOn: quarter.startsOn,
      endsOn: quarter.endsOn,
      ...quarterSums(ledger, quarter),
    });
    expect(row?.amountFen).toBeGreaterThanOrEqual(188_000);
    expect(got.totalFen).toBe(got.items.reduce((s, r) => s + r.amountFen, 0));
    expect(got.next).toBeNull();
    // The range ends the day before the quarter does: the quarter is not in it
    expect(before.items.find((r) => r.hospitalId === 'whzx')).toBeUndefined();
  });

  it('pages the hospitals with the total of all of them on every page, and refuses a cursor it did not give out', async () => {
    const quarter = whzxQuarterNow();
    const range = `from=${quarter.startsOn}&to=${quarter.endsOn}`;
    const whole = await summary('manager@vendor.example', `${range}&limit=100`);
    const paged = await everyPage('manager@vendor.example', range);
    expect(paged.pages).toBeGreaterThan(1);
    expect(paged.rows).toEqual(whole.items);
    expect([...paged.totals]).toEqual([whole.totalFen]);
    const forged = Buffer.from(JSON.stringify({ after: 'zzzz' })).toString('base64url');
    const res = await stack.jsonAs(
      'manager@vendor.example',
      'GET',
      `/api/deductions/summary?${range}&cursor=${forged}`,
    );
    expect(res.status).toBe(400);
  });

  it('gives an engineer assigned to one hospital that hospital’s quarters and total only', async () => {
    const quarter = whzxQuarterNow();
    const range = `from=${quarter.startsOn}&to=${quarter.endsOn}&limit=100`;
    const mine = await summary('engineer@vendor.example', range);
    const all = await summary('manager@vendor.example', range);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(new Set(mine.items.map((r) => r.hospitalId))).toEqual(new Set(['whzx']));
    expect(mine.items).toEqual(all.items.filter((r) => r.hospitalId === 'whzx'));
    expect(mine.totalFen).toBe(mine.items.reduce((s, r) => s + r.amountFen, 0));
  });

  it('refuses a range that ends before it starts at the field `to`, in Chinese, and hospital staff', async () => {
    const res = await stack.jsonAs(
      'manager@vendor.example',
      'GET',
      '/api/deductions/summary?from=2026-12-05&to=2026-12-01',
    );
    expect(res.status).toBe(400);
    expect(problemSchema.parse(res.body).errors?.find((e) => e.path === 'query.to')?.message).toBe(
      '结束日期不能早于开始日期',
    );
    const hospital = await stack.jsonAs(
      'it@whch.example',
      'GET',
      '/api/deductions/summary?from=2026-01-01&to=2026-12-31',
    );
    expect(hospital.status).toBe(403);
  });
});
