import { fetchLocalToken } from '@weibao/local';
import { describe, expect, it } from 'vitest';
import { useTestStack } from '../support/stack.ts';

// The directory of people: invitations through the API, sign-in through the local issuer.
const stack = await useTestStack();
const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const patch = (body: unknown): RequestInit => ({ ...json(body), method: 'PATCH' });
const api = (token: string, path: string) =>
  fetch(new URL(path, stack.urls.api), { headers: { authorization: `Bearer ${token}` } });
interface Person {
  id: string;
  email: string;
  role: string;
  state: string;
  version: number;
}

describe('the directory of people', () => {
  it('lets a hospital’s IT center invite a department user, who then signs in locally and sees only that hospital', async () => {
    // Act
    const res = await stack.fetchAs(
      'it@whch.example',
      '/api/hospitals/whzx/people',
      json({
        name: '钱护士长',
        email: 'qian@whch.example',
        phone: '027-1234 5678',
        role: 'hospital-dept',
      }),
    );

    // Assess
    expect(res.status, await res.clone().text()).toBe(200);
    const person = (await res.json()) as Person;
    expect(person).toMatchObject({
      email: 'qian@whch.example',
      role: 'hospital-dept',
      state: 'active',
    });
    const token = await fetchLocalToken(stack.urls.web, 'qian@whch.example');
    const hospitals = (await (await api(token, '/api/hospitals')).json()) as {
      items: { id: string }[];
    };
    expect(hospitals.items.map((h) => h.id)).toEqual(['whzx']);
    expect((await api(token, '/api/hospitals/jcey')).status).toBe(404);
    const users = (await (await fetch(stack.urls.users)).json()) as { items: { email: string }[] };
    expect(users.items.map((u) => u.email)).toContain('qian@whch.example');
  });

  it('refuses the local sign-in of a person once deactivated, and allows it again once reactivated', async () => {
    // Prepare
    const invited = (await (
      await stack.fetchAs(
        'admin@vendor.example',
        '/api/hospitals/whzx/people',
        json({ name: '李四', email: 'lisi@whch.example', phone: null, role: 'hospital-it' }),
      )
    ).json()) as Person;
    await fetchLocalToken(stack.urls.web, 'lisi@whch.example');

    // Act
    const off = await stack.fetchAs(
      'it@whch.example',
      `/api/hospitals/whzx/people/${invited.id}`,
      patch({ version: invited.version, state: 'deactivated' }),
    );

    // Assess
    expect(off.status, await off.clone().text()).toBe(200);
    const refused = await fetch(stack.urls.token, json({ email: 'lisi@whch.example' }));
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('已被停用');
    const users = (await (await fetch(stack.urls.users)).json()) as { items: { email: string }[] };
    expect(users.items.map((u) => u.email)).not.toContain('lisi@whch.example');
    const after = (await off.json()) as Person;
    const on = await stack.fetchAs(
      'admin@vendor.example',
      `/api/hospitals/whzx/people/${invited.id}`,
      patch({ version: after.version, state: 'active' }),
    );
    expect(on.status).toBe(200);
    await fetchLocalToken(stack.urls.web, 'lisi@whch.example');
  });

  it('answers a change made on an older version with 409 in Chinese', async () => {
    const invited = (await (
      await stack.fetchAs(
        'admin@vendor.example',
        '/api/hospitals/whzx/people',
        json({ name: '王五', email: 'wangwu@whch.example', phone: null, role: 'hospital-dept' }),
      )
    ).json()) as Person;
    await stack.fetchAs(
      'admin@vendor.example',
      `/api/hospitals/whzx/people/${invited.id}`,
      patch({ version: invited.version, role: 'hospital-it' }),
    );
    const stale = await stack.fetchAs(
      'admin@vendor.example',
      `/api/hospitals/whzx/people/${invited.id}`,
      patch({ version: invited.version, state: 'deactivated' }),
    );
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('已被他人修改');
  });

  it('refuses a hospital IT user who invites into another hospital (404) or invites a vendor role (403)', async () => {
    const other = await stack.fetchAs(
      'it@whch.example',
      '/api/hospitals/jcey/people',
      json({ name: '外院', email: 'x@second.example', phone: null, role: 'hospital-dept' }),
    );
    expect(other.status).toBe(404);
    const vendorRole = await stack.fetchAs(
      'it@whch.example',
      '/api/hospitals/whzx/people',
      json({ name: '假经理', email: 'fake@whch.example', phone: null, role: 'service-manager' }),
    );
    expect(vendorRole.status).toBe(403);
    expect(await vendorRole.text()).toContain('不能邀请为服务经理');
    const vendorRoute = await stack.fetchAs(
      'it@whch.example',
      '/api/people',
      json({ name: '假监理', email: 'fake2@whch.example', phone: null, role: 'supervisor' }),
    );
    expect(vendorRoute.status).toBe(403);
    const people = (await (
      await stack.fetchAs('admin@vendor.example', '/api/hospitals/jcey/people')
    ).json()) as { items: Person[] };
    expect(people.items.map((p) => p.email)).not.toContain('x@second.example');
  });

  it('keeps one person when the same e-mail is invited twice', async () => {
    const body = { name: '赵六', email: 'Zhao6@whch.example', phone: null, role: 'hospital-dept' };
    const first = (await (
      await stack.fetchAs('it@whch.example', '/api/hospitals/whzx/people', json(body))
    ).json()) as Person;
    const again = await stack.fetchAs(
      'manager@vendor.example',
      '/api/hospitals/whzx/people',
      json({ ...body, email: 'ZHAO6@WHCH.example' }),
    );
    expect(again.status).toBe(200);
    expect(((await again.json()) as Person).id).toBe(first.id);
    const people = (await (
      await stack.fetchAs('it@whch.example', '/api/hospitals/whzx/people')
    ).json()) as { items: Person[] };
    expect(people.items.filter((p) => p.email === 'zhao6@whch.example')).toHaveLength(1);
  });

  it('has the demo supervisor and auditor in the directory, on the demo contract, able to sign in', async () => {
    const people = (await (await stack.fetchAs('admin@vendor.example', '/api/people')).json()) as {
      items: (Person & { contracts: { contractId: string }[] })[];
    };
    for (const role of ['supervisor', 'auditor']) {
      const p = people.items.find((x) => x.role === role);
      expect(
        p?.contracts.map((c) => c.contractId),
        role,
      ).toEqual(['01KAW00000000000000000WHZX']);
      await fetchLocalToken(stack.urls.web, p!.email);
    }
  });

  it('lets a vendor admin change the contracts a supervisor oversees within their hospital, and refuses another hospital’s', async () => {
    // Prepare: a supervisor of the whzx contract
    const email = `sup-${Date.now()}@jianli.example`;
    const whzx = { hospitalId: 'whzx', contractId: '01KAW00000000000000000WHZX' };
    const jcey = { hospitalId: 'jcey', contractId: '01KAW00000000000000000JCEY' };
    const invited = (await (
      await stack.fetchAs(
        'admin@vendor.example',
        '/api/people',
        json({ name: '周监理', email, phone: null, role: 'supervisor', contracts: [whzx] }),
      )
    ).json()) as Person;
    const change = (body: unknown) =>
      stack.fetchAs('admin@vendor.example', `/api/people/${invited.id}`, patch(body));

    // Act
    const elsewhere = await change({ version: invited.version, contracts: [whzx, jcey] });
    const none = await change({ version: invited.version, contracts: [] });
    const same = await change({ version: invited.version, contracts: [whzx, whzx] });

    // Assess: another hospital and an empty list are refused at contracts; the same hospital's
    // list is saved once, version-checked
    expect(elsewhere.status).toBe(400);
    expect(JSON.stringify(await elsewhere.json())).toContain('另行邀请');
    expect(none.status).toBe(400);
    expect(same.status).toBe(200);
    const after = (await same.json()) as Person & { contracts: unknown[] };
    expect(after.contracts).toEqual([whzx]);
    expect(after.version).toBe(invited.version + 1);
    const stale = await change({ version: invited.version, contracts: [whzx] });
    expect(stale.status).toBe(409);
  });

  it('refuses to invite a supervisor for contracts of two hospitals, naming the first of the other hospital', async () => {
    // Prepare
    const email = `sup2-${Date.now()}@jianli.example`;
    const whzx = { hospitalId: 'whzx', contractId: '01KAW00000000000000000WHZX' };
    const jcey = { hospitalId: 'jcey', contractId: '01KAW00000000000000000JCEY' };
    const invite = (contracts: unknown[]) =>
      stack.fetchAs(
        'admin@vendor.example',
        '/api/people',
        json({ name: '吴监理', email, phone: null, role: 'auditor', contracts }),
      );

    // Act
    const two = await invite([whzx, whzx, jcey]);
    const people = (await (await stack.fetchAs('admin@vendor.example', '/api/people')).json()) as {
      items: Person[];
    };
    const one = await invite([jcey]);

    // Assess: refused at the other hospital's contract, nobody made; one hospital's is invited
    expect(two.status).toBe(400);
    const problem = (await two.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors[0]).toMatchObject({ path: 'contracts.2' });
    expect(problem.errors[0]?.message).toContain('同一家医院');
    expect(people.items.filter((p) => p.email === email)).toHaveLength(0);
    expect(one.status, await one.clone().text()).toBe(200);
    expect(((await one.json()) as { contracts: unknown[] }).contracts).toEqual([jcey]);
  });
});
