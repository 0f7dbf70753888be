import { describe, expect, it } from 'vitest';
import { contractSchema, hospitalSchema, listOf, problemSchema } from '@weibao/api';
import { useTestStack } from '../support/stack.ts';

const stack = await useTestStack();

const whzxContractId = '01KAW00000000000000000WHZX';

async function call(
  email: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await stack.fetchAs(email, path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    json: text ? (JSON.parse(text) as Record<string, unknown>) : null,
  };
}

describe('hospitals and contracts through the local API', () => {
  it('lists 武汉市中心医院 for the vendor admin, with its CPOE contract of 18800000 fen and eight subsystems', async () => {
    const hospitals = await call('admin@vendor.example', 'GET', '/api/hospitals');
    expect(hospitals.status).toBe(200);
    const list = listOf(hospitalSchema).parse(hospitals.json);
    expect(list.items.map((h) => h.name)).toContain('武汉市中心医院');

    const contracts = await call('admin@vendor.example', 'GET', '/api/hospitals/whzx/contracts');
    const contract = listOf(contractSchema)
      .parse(contracts.json)
      .items.find((c) => c.id === whzxContractId);
    expect(contract?.terms.totalFen).toBe(18_800_000);
    expect(contract?.terms.subsystems).toHaveLength(8);
    expect(contract?.terms.deductionRules.every((r) => r.sourceText.length > 0)).toBe(true);
  });

  it('shows the second hospital’s IT center nothing of 武汉市中心医院: 404 everywhere', async () => {
    const asSecond = (method: string, path: string, body?: unknown) =>
      call('it@second.example', method, path, body);
    expect((await asSecond('GET', '/api/hospitals/whzx')).status).toBe(404);
    expect((await asSecond('GET', '/api/hospitals/whzx/contracts')).status).toBe(404);
    expect((await asSecond('GET', `/api/hospitals/whzx/contracts/${whzxContractId}`)).status).toBe(
      404,
    );
    expect((await asSecond('GET', '/api/hospitals/whzx/audit')).status).toBe(404);
    expect(
      (await asSecond('DELETE', `/api/hospitals/whzx/contracts/${whzxContractId}?version=1`))
        .status,
    ).toBe(404);
    const own = await asSecond('GET', '/api/hospitals');
    expect(
      listOf(hospitalSchema)
        .parse(own.json)
        .items.map((h) => h.id),
    ).toEqual(['jcey']);
  });

  it('refuses the department user any contract change with 403', async () => {
    const current = contractSchema.parse(
      (await call('dept@whch.example', 'GET', `/api/hospitals/whzx/contracts/${whzxContractId}`))
        .json,
    );
    const create = await call('dept@whch.example', 'POST', '/api/hospitals/whzx/contracts', {
      terms: current.terms,
    });
    expect(create.status).toBe(403);
    const update = await call(
      'dept@whch.example',
      'PUT',
      `/api/hospitals/whzx/contracts/${whzxContractId}`,
      { terms: current.terms, version: current.version },
    );
    expect(update.status).toBe(403);
  });

  it('answers 401 without a token', async () => {
    expect((await call(null, 'GET', '/api/hospitals')).status).toBe(401);
  });

  it('answers a malformed body with 400 problem+json naming the field, and writes nothing', async () => {
    const before = await call(
      'admin@vendor.example',
      'GET',
      `/api/hospitals/whzx/contracts/${whzxContractId}`,
    );
    const terms = {
      ...(before.json as { terms: Record<string, unknown> }).terms,
      totalFen: 'a lot',
    };
    const bad = await call('admin@vendor.example', 'POST', '/api/hospitals/whzx/contracts', {
      terms,
    });
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    const problem = problemSchema.parse(bad.json);
    expect(problem.errors?.map((e) => e.path)).toContain('terms.totalFen');
    // For the person: Chinese at the field and in the detail, no machine path in the detail
    expect(problem.errors?.find((e) => e.path === 'terms.totalFen')?.message).toBe('类型不正确');
    expect(problem.detail).toBe('填写有误：类型不正确');
    const after = await call('admin@vendor.example', 'GET', '/api/hospitals/whzx/contracts');
    expect((after.json as { items: unknown[] }).items).toHaveLength(1);
  });

  it('refuses an unknown field, naming it in Chinese', async () => {
    const res = await call('admin@vendor.example', 'PATCH', '/api/hospitals/whzx', {
      version: 1,
      colour: 'red',
    });
    expect(res.status).toBe(400);
    expect(problemSchema.parse(res.json).errors).toEqual([
      { path: '', message: '不接受的字段：colour' },
    ]);
  });

  it('says in Chinese that a hospital id or intake address is taken', async () => {
    const hospital = {
      id: 'whzx',
      name: '重复医院',
      code: 'CFYY',
      campuses: [],
      intakeLocalPart: 'whzx-again',
    };
    const sameId = await call('admin@vendor.example', 'POST', '/api/hospitals', hospital);
    const sameAddress = await call('admin@vendor.example', 'POST', '/api/hospitals', {
      ...hospital,
      id: 'cfyy',
      intakeLocalPart: 'whzx',
    });
    expect(sameId.status).toBe(409);
    expect(problemSchema.parse(sameId.json).detail).toBe('医院编号 whzx 已存在');
    expect(sameAddress.status).toBe(409);
    expect(problemSchema.parse(sameAddress.json)).toMatchObject({
      detail: '报障邮箱 whzx 已被其他医院使用',
      errors: [{ path: 'intakeLocalPart' }],
    });
  });

  it('refuses moving a hospital to an intake address another hospital holds, at that field and not as a stale version', async () => {
    const created = await call('admin@vendor.example', 'POST', '/api/hospitals', {
      id: 'move-test',
      name: '迁移测试医院',
      code: 'QYCS',
      campuses: [],
      intakeLocalPart: 'move-test',
    });
    expect(created.status).toBe(201);
    const moved = await call('admin@vendor.example', 'PATCH', '/api/hospitals/move-test', {
      version: 1,
      intakeLocalPart: 'whzx',
    });
    expect(moved.status).toBe(409);
    expect(problemSchema.parse(moved.json)).toMatchObject({
      detail: '报障邮箱 whzx 已被其他医院使用',
      errors: [{ path: 'intakeLocalPart' }],
    });
    const now = hospitalSchema.parse(
      (await call('admin@vendor.example', 'GET', '/api/hospitals/move-test')).json,
    );
    expect(now).toMatchObject({ version: 1, intakeLocalPart: 'move-test' });
  });

  it('refuses a stale version with 409 and the current version, writing nothing', async () => {
    const created = await call('admin@vendor.example', 'POST', '/api/hospitals', {
      id: 'stale-test',
      name: '版本测试医院',
      code: 'BBCS',
      campuses: [],
      intakeLocalPart: 'stale-test',
    });
    expect(created.status).toBe(201);
    const first = await call('admin@vendor.example', 'PATCH', '/api/hospitals/stale-test', {
      version: 1,
      name: '第一次',
    });
    expect(first.status).toBe(200);
    const stale = await call('admin@vendor.example', 'PATCH', '/api/hospitals/stale-test', {
      version: 1,
      name: '过期',
    });
    expect(stale.status).toBe(409);
    expect(stale.json?.currentVersion).toBe(2);
    const now = hospitalSchema.parse(
      (await call('admin@vendor.example', 'GET', '/api/hospitals/stale-test')).json,
    );
    expect(now.name).toBe('第一次');
  });

  it('creates, updates and soft-deletes a contract, each change in the audit log', async () => {
    const templates = await call('admin@vendor.example', 'GET', '/api/contract-templates');
    const example = (templates.json as { items: { example: unknown }[] }).items[0]?.example;
    const created = await call(
      'manager@vendor.example',
      'POST',
      '/api/hospitals/jcey/contracts',
      { terms: example },
      { 'idempotency-key': 'contract-1' },
    );
    expect(created.status).toBe(201);
    const contract = contractSchema.parse(created.json);
    const retried = await call(
      'manager@vendor.example',
      'POST',
      '/api/hospitals/jcey/contracts',
      { terms: example },
      { 'idempotency-key': 'contract-1' },
    );
    expect(retried.status).toBe(200);
    expect(contractSchema.parse(retried.json).id).toBe(contract.id);

    const changed = {
      ...contract.terms,
      escalationContacts: [
        { name: '信息科科长', email: 'head@second.example', phone: null, title: null },
      ],
    };
    const updated = await call(
      'manager@vendor.example',
      'PUT',
      `/api/hospitals/jcey/contracts/${contract.id}`,
      { terms: changed, version: 1 },
    );
    expect(updated.status).toBe(200);
    expect(contractSchema.parse(updated.json).version).toBe(2);

    const deleted = await call(
      'admin@vendor.example',
      'DELETE',
      `/api/hospitals/jcey/contracts/${contract.id}?version=2`,
    );
    expect(deleted.status).toBe(200);
    expect(
      (await call('admin@vendor.example', 'GET', `/api/hospitals/jcey/contracts/${contract.id}`))
        .status,
    ).toBe(404);

    const audit = await call('it@second.example', 'GET', '/api/hospitals/jcey/audit');
    const records = (
      audit.json as { items: { action: string; entity: { type: string; id: string } }[] }
    ).items.filter((r) => r.entity.id === contract.id);
    const actions = records.filter((r) => r.entity.type === 'contract').map((r) => r.action);
    expect(actions).toEqual(['contract.delete', 'contract.update', 'contract.create']);
    // Its obligations were planned with it and removed with it, each step audited too.
    const planning = records.filter((r) => r.entity.type === 'contract-obligations');
    expect(planning.at(-1)?.action).toBe('obligation.plan');
    expect(planning[0]?.action).toBe('obligation.replan');
  });

  it('serves the OpenAPI document generated from the route table', async () => {
    const doc = await call(null, 'GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.json?.paths as object)).toContain(
      '/api/hospitals/{hospitalId}/contracts/{contractId}',
    );
  });

  it('reports every component up', async () => {
    const health = await call(null, 'GET', '/api/health');
    expect(health.json).toMatchObject({
      status: 'up',
      components: {
        dynamodb: { status: 'up' },
        s3: { status: 'up' },
        ses: { status: 'up' },
        scheduler: { status: 'up' },
      },
    });
  });
});
