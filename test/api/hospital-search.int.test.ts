import { describe, expect, it } from 'vitest';
import { hospitalSchema, listOf, problemSchema } from '@weibao/api';
import { useTestStack } from '../support/stack.ts';

/**
 * The hospital list as the web app's pickers and lists read it: a page of a search's finds on the
 * server, and the named hospitals of a list, each only of the hospitals the caller may see.
 */
const stack = await useTestStack();

async function list(email: string, query: string) {
  const res = await stack.fetchAs(email, `/api/hospitals?${query}`);
  const json: unknown = await res.json();
  return { status: res.status, json };
}

async function page(email: string, query: string) {
  const res = await list(email, query);
  expect(res.status).toBe(200);
  return listOf(hospitalSchema).parse(res.json);
}

const stamp = `s${Date.now().toString(36)}`;
const created: string[] = [];

describe('the hospital list searched and named on the server', () => {
  it('pages through the 23 hospitals a search finds among the rest, 10 at a time, each once', async () => {
    for (let i = 0; i < 30; i += 1) {
      const id = `${stamp}-${String(i).padStart(2, '0')}`;
      // Every fourth is a 卫生院 without the stamp the search asks for; the rest carry it.
      const name = i % 4 === 3 ? `测试${i}号卫生院` : `${stamp}测试${i}号人民医院`;
      const res = await stack.fetchAs('admin@vendor.example', '/api/hospitals', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          id,
          name,
          code: `T${i.toString(36).toUpperCase()}${stamp.slice(-4).toUpperCase()}`.slice(0, 10),
          campuses: [],
          intakeLocalPart: id,
        }),
      });
      expect(res.status).toBe(201);
      created.push(id);
    }
    const found: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const p = await page(
        'admin@vendor.example',
        `q=${encodeURIComponent(`${stamp.toUpperCase()}测试`)}&limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(p.items.length).toBeLessThanOrEqual(10);
      found.push(...p.items.map((h) => h.id));
      cursor = p.next;
      pages += 1;
    } while (cursor && pages < 10);
    const expected = created.filter((_, i) => i % 4 !== 3);
    expect(expected).toHaveLength(23);
    expect(found).toEqual(expected);
    expect(pages).toBe(3);
  });

  it('finds 江城第二人民医院 by a part of its name and by its code in lower case', async () => {
    const byName = await page('admin@vendor.example', `q=${encodeURIComponent('第二人民')}`);
    expect(byName.items.map((h) => h.name)).toEqual(['江城第二人民医院']);
    const byCode = await page('admin@vendor.example', 'q=jcey');
    expect(byCode.items.map((h) => h.id)).toEqual(['jcey']);
    const none = await page('admin@vendor.example', `q=${encodeURIComponent('没有这家医院')}`);
    expect(none).toEqual({ items: [], next: null });
  });

  it('names the hospitals asked for in the order asked, leaving out unknown ones', async () => {
    const named = await page('admin@vendor.example', `ids=jcey,nosuch,whzx,jcey,${created[4]}`);
    expect(named.items.map((h) => h.id)).toEqual(['jcey', 'whzx', created[4]]);
    expect(named.next).toBeNull();
  });

  it('answers a hospital’s people and a limited engineer only of the hospitals they may see', async () => {
    // it@second.example works at jcey; engineer@vendor.example is limited to whzx.
    expect((await page('it@second.example', 'ids=whzx,jcey')).items.map((h) => h.id)).toEqual([
      'jcey',
    ]);
    expect((await page('it@second.example', `q=${encodeURIComponent('武汉')}`)).items).toEqual([]);
    expect((await page('engineer@vendor.example', 'ids=jcey,whzx')).items.map((h) => h.id)).toEqual(
      ['whzx'],
    );
    expect(
      (await page('engineer@vendor.example', `q=${encodeURIComponent('江城')}`)).items,
    ).toEqual([]);
    expect(
      (await page('engineer@vendor.example', `q=${encodeURIComponent('中心')}`)).items.map(
        (h) => h.id,
      ),
    ).toEqual(['whzx']);
  });

  it('refuses a malformed id, too many ids, and ids with a search, naming the field', async () => {
    const tooMany = Array.from({ length: 101 }, (_, i) => `h${i}`).join(',');
    for (const [query, message] of [
      ['ids=whzx,Bad_Id', null],
      [`ids=${tooMany}`, '最多 100 项'],
      ['ids=whzx&q=abc', '按医院编号查询时不能同时搜索或翻页'],
    ] as const) {
      const res = await list('admin@vendor.example', query);
      expect(res.status, query).toBe(400);
      const problem = problemSchema.parse(res.json);
      expect(problem.errors?.map((e) => e.path)[0], query).toMatch(/^query\.ids/);
      if (message) expect(problem.errors?.[0]?.message).toBe(message);
    }
  });
});
