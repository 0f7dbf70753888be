import { describe, expect, it } from 'vitest';
import { useTestStack } from '../support/stack.ts';

const stack = await useTestStack();
const engineer = 'engineer@vendor.example';

describe('conditional refreshes of the queue on the local stack', () => {
  it('answers a repeated GET /api/queue with 304 and no body, and 200 with a new ETag after a ticket change', async () => {
    // Arrange: the queue as the engineer sees it, with its ETag
    const first = await stack.fetchAs(engineer, '/api/queue?limit=50');
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/".+"$/);
    await first.text();

    // Act: the same request with If-None-Match
    const again = await stack.fetchAs(engineer, '/api/queue?limit=50', {
      headers: { 'if-none-match': etag as string },
    });
    // Assess: nothing changed, nothing sent
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');

    // Act: a new open ticket, then the same conditional request
    const created = await stack.jsonAs(engineer, 'POST', '/api/hospitals/whzx/tickets', {
      kind: 'fault',
      severity: 'serious',
      channel: 'phone',
      subsystemId: 's1',
      title: '检验系统打印异常（ETag 测试）',
      description: '报告无法打印',
      reporter: { name: '刘洋', phone: '027-00000000' },
      reportedAt: new Date(stack.now() - 60_000).toISOString(),
    });
    expect(created.status).toBe(201);
    const changed = await stack.fetchAs(engineer, '/api/queue?limit=50', {
      headers: { 'if-none-match': etag as string },
    });
    // Assess: a full answer with the new ticket and another ETag
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const body = (await changed.json()) as { items: { title: string }[] };
    expect(body.items.map((t) => t.title)).toContain('检验系统打印异常（ETag 测试）');
  });

  it('refuses a forged queue cursor with 400', async () => {
    const forged = Buffer.from(
      JSON.stringify({ pk: 'H#whzx', sk: 'TICKET#x', gsi1pk: 'QUEUE', gsi1sk: 'x' }),
    ).toString('base64url');
    const res = await stack.jsonAs(engineer, 'GET', `/api/queue?cursor=${forged}`);
    expect(res.status).toBe(400);
  });
});
