import { describe, expect, it } from 'vitest';
import { hospitalQuarterSchema, vendorOverviewSchema } from '@weibao/api';
import { reportWhzxFault } from '../support/report-fault.ts';
import { useTestStack } from '../support/stack.ts';

const stack = await useTestStack({ followStream: true });

/** The overview, all demo hospitals on one page, once the stream's changes reached the rollups. */
async function overview(email = 'admin@vendor.example') {
  await stack.streamDrained();
  const res = await stack.fetchAs(email, '/api/overview?limit=100');
  expect(res.status).toBe(200);
  return vendorOverviewSchema.parse(await res.json());
}

const report = (body: Record<string, unknown>) => reportWhzxFault(stack, body);

describe('the vendor overview', () => {
  it('counts a late response’s deduction and a breached clock in this quarter for 武汉市中心医院, and the open ticket by severity', async () => {
    // Prepare
    const before = await overview();
    const whzxBefore = before.hospitals.find((h) => h.hospitalId === 'whzx');
    const current = before.quarters[before.quarters.length - 1]?.label;
    const nowQuarter = () => whzxBefore?.quarters.find((q) => q.quarter === current);
    // Act: a fatal fault reported by phone 65 minutes ago: response (1 h) breached, 1% booked.
    await report({
      severity: 'fatal',
      channel: 'phone',
      title: '医嘱系统停机',
      reportedAt: new Date(stack.now() - 65 * 60_000).toISOString(),
    });
    const after = await overview('manager@vendor.example');
    // Assess
    expect(after.quarters.map((q) => q.label)).toHaveLength(4);
    const whzx = after.hospitals.find((h) => h.hospitalId === 'whzx');
    expect(whzx?.name).toBe('武汉市中心医院');
    expect(whzx?.open.fatal).toBe((whzxBefore?.open.fatal ?? 0) + 1);
    const q = whzx?.quarters.find((x) => x.quarter === current);
    expect(q?.faults).toBe((nowQuarter()?.faults ?? 0) + 1);
    expect(q?.breached).toBe((nowQuarter()?.breached ?? 0) + 1);
    expect(q?.deductionsFen).toBe((nowQuarter()?.deductionsFen ?? 0) + 188_000);
    expect(after.currentQuarterFen).toBe(before.currentQuarterFen + 188_000);
    // This quarter is the contract's: its own index and dates, counting the same fault
    const contractQuarter = (o: typeof after) =>
      o.hospitals.find((h) => h.hospitalId === 'whzx')?.contractQuarters[0];
    expect(contractQuarter(after)).toMatchObject({
      contractId: '01KAW00000000000000000WHZX',
      index: contractQuarter(before)?.index,
      startsOn: contractQuarter(before)?.startsOn,
      faults: (contractQuarter(before)?.faults ?? 0) + 1,
      deductionsFen: (contractQuarter(before)?.deductionsFen ?? 0) + 188_000,
    });
    expect(after.hospitals.find((h) => h.hospitalId === 'jcey')?.quarters).toHaveLength(4);
  });

  it('shows an engineer assigned to one hospital only that hospital’s figures', async () => {
    // The demo engineer is assigned to 武汉市中心医院 only (packages/local/src/demo-users.ts).
    const mine = await overview('engineer@vendor.example');
    const all = await overview('manager@vendor.example');
    expect(mine.hospitals.map((h) => h.hospitalId)).toEqual(['whzx']);
    expect(mine.next).toBeNull();
    expect(mine.open).toEqual(mine.hospitals[0]?.open);
    expect(mine.currentQuarterFen).toBe(
      mine.hospitals[0]?.contractQuarters.reduce((n, q) => n + q.deductionsFen, 0),
    );
    expect(all.hospitals.map((h) => h.hospitalId)).toContain('jcey');
    const whzxFen = (o: typeof all) =>
      o.hospitals
        .find((h) => h.hospitalId === 'whzx')!
        .quarters.reduce((sum, q) => sum + q.deductionsFen, 0);
    expect(whzxFen(mine)).toBe(whzxFen(all));
  });

  it('pages the hospitals with the totals of all of them on every page, and refuses a cursor it did not give out', async () => {
    // Prepare
    const all = await overview('manager@vendor.example');
    const firstPage = await stack.fetchAs('manager@vendor.example', '/api/overview?limit=1');
    expect(firstPage.status).toBe(200);
    const first = vendorOverviewSchema.parse(await firstPage.json());
    // Act
    const second = vendorOverviewSchema.parse(
      await (
        await stack.fetchAs(
          'manager@vendor.example',
          `/api/overview?limit=1&cursor=${encodeURIComponent(first.next ?? '')}`,
        )
      ).json(),
    );
    const forged = (after: string) =>
      stack.fetchAs(
        'engineer@vendor.example',
        `/api/overview?limit=1&cursor=${Buffer.from(JSON.stringify({ after })).toString('base64url')}`,
      );
    // Assess
    // Nothing moved: the same page again is a 304 for the ETag it came with
    const etag = firstPage.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const again = await stack.fetchAs('manager@vendor.example', '/api/overview?limit=1', {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(first.hospitals.map((h) => h.hospitalId)).toEqual([all.hospitals[0]?.hospitalId]);
    expect(second.hospitals.map((h) => h.hospitalId)).toEqual([all.hospitals[1]?.hospitalId]);
    for (const page of [first, second]) {
      expect(page.currentQuarterFen).toBe(all.currentQuarterFen);
      expect(page.open).toEqual(all.open);
    }
    const openOfAll = all.hospitals.reduce(
      (n, h) => n + h.open.fatal + h.open.serious + h.open.minor,
      0,
    );
    expect(all.open.fatal + all.open.serious + all.open.minor).toBe(openOfAll);
    // The engineer limited to whzx: a cursor naming another hospital, or not a cursor at all
    expect((await forged('jcey')).status).toBe(400);
    expect(
      (await stack.fetchAs('engineer@vendor.example', '/api/overview?cursor=abc')).status,
    ).toBe(400);
    expect((await stack.fetchAs('manager@vendor.example', '/api/overview?cursor=abc')).status).toBe(
      400,
    );
  });

  it('is the vendor’s alone: a hospital user is refused', async () => {
    const res = await stack.fetchAs('it@whch.example', '/api/overview');
    expect(res.status).toBe(403);
  });
});

describe('a hospital’s own quarter figures', () => {
  it('gives the IT center, supervisor and auditor the same contract-quarter figures the vendor’s overview has for their hospital, and nobody else', async () => {
    // Prepare: a serious fault of whzx answered late enough to cost 1%
    await report({
      severity: 'serious',
      channel: 'phone',
      title: '检验系统打印失败（季度）',
      reportedAt: new Date(stack.now() - 61 * 60_000).toISOString(),
    });
    const vendor = (await overview()).hospitals.find(
      (h) => h.hospitalId === 'whzx',
    )?.contractQuarters;
    const own = async (email: string, hospitalId = 'whzx') => {
      const res = await stack.fetchAs(email, `/api/hospitals/${hospitalId}/quarter`);
      return {
        status: res.status,
        body: res.ok ? hospitalQuarterSchema.parse(await res.json()) : null,
      };
    };

    // Act
    const [it, supervisor, auditor, dept, otherHospital] = await Promise.all([
      own('it@whch.example'),
      own('supervisor@jianli.example'),
      own('auditor@shenji.example'),
      own('dept@whch.example'),
      own('it@second.example', 'whzx'),
    ]);

    // Assess: one deduction at least, the same numbers as the vendor's; the department and
    // another hospital's IT center are refused
    expect(vendor?.[0]?.deductionEntries).toBeGreaterThan(0);
    for (const r of [it, supervisor, auditor]) {
      expect(r.status).toBe(200);
      expect(r.body?.contractQuarters).toEqual(vendor);
    }
    expect(dept.status).toBe(403);
    expect([403, 404]).toContain(otherHospital.status);
  });
});
