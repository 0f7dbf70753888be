import { describe, expect, it } from 'vitest';
import { authorize } from './authorize.ts';
import { claimList, principalFromClaims } from './claims.ts';
import { routeById } from './routes.ts';

// Claims as the API Gateway JWT authorizer hands them over: every value a string.
const admin = { sub: 'u1', email: 'admin@vendor.example', 'cognito:groups': '[vendor-admin]' };
const whzxIt = { sub: 'u2', 'cognito:groups': '[hospital-it]', 'custom:tenantId': 'whzx' };
const whzxDept = { sub: 'u3', 'cognito:groups': '[hospital-dept]', 'custom:tenantId': 'whzx' };
const engineer = { sub: 'u5', 'cognito:groups': '[support-engineer]' };
const manager = { sub: 'u6', 'cognito:groups': '[service-manager]' };
const secondIt = { sub: 'u4', 'cognito:groups': '[hospital-it]', 'custom:tenantId': 'jcey' };

describe('authorize', () => {
  it('reads array claims in the authorizer’s "[a b]" form and as real arrays', () => {
    expect(claimList('[vendor-admin other]')).toEqual(['vendor-admin', 'other']);
    expect(claimList(['hospital-it'])).toEqual(['hospital-it']);
    expect(claimList('hospital-it')).toEqual(['hospital-it']);
    expect(claimList(undefined)).toEqual([]);
  });

  it('refuses a groups claim that does not read unambiguously, such as a group named junk,vendor-admin', () => {
    // Prepare: the claim as API Gateway renders the array ["junk,vendor-admin"]
    const rendered = { sub: 'u9', 'cognito:groups': '[junk,vendor-admin]' };
    // Act and assess
    expect(claimList(rendered['cognito:groups'])).toBeNull();
    expect(principalFromClaims(rendered)).toEqual({
      error: 'the token’s groups cannot be read unambiguously',
    });
    expect(authorize(routeById('listHospitals'), rendered, {})).toMatchObject({ allow: false });
    for (const odd of ['[vendor-admin,hospital-it]', '[[vendor-admin]]', '[a  vendor-admin]', 7]) {
      expect(claimList(odd), String(odd)).toBeNull();
    }
    expect(claimList(['junk,vendor-admin'])).toBeNull();
    // exact names still work, and unknown groups beside one role are ignored as before
    expect(
      principalFromClaims({ sub: 'u1', 'cognito:groups': '[other vendor-admin]' }),
    ).toMatchObject({ role: 'vendor-admin' });
  });

  it('takes the person’s name from the ID token when it is one line of at most 64 characters', () => {
    expect(principalFromClaims({ ...engineer, name: ' 李强 ' })).toMatchObject({ name: '李强' });
    for (const odd of ['', '   ', '李\n强', 'x'.repeat(65), 7, ['李强']])
      expect(
        principalFromClaims({ ...engineer, name: odd }),
        JSON.stringify(odd),
      ).not.toHaveProperty('name');
  });

  it('lets a vendor admin reach any hospital named in the path', () => {
    const d = authorize(routeById('getContract'), admin, { hospitalId: 'whzx', contractId: 'x' });
    expect(d).toMatchObject({ allow: true, hospitalId: 'whzx' });
  });

  it('answers 404, not 403, when a hospital user asks for another hospital', () => {
    expect(authorize(routeById('getHospital'), secondIt, { hospitalId: 'whzx' })).toMatchObject({
      allow: false,
      status: 404,
    });
    expect(authorize(routeById('createContract'), secondIt, { hospitalId: 'whzx' })).toMatchObject({
      allow: false,
      status: 404,
    });
  });

  it('refuses a department user a contract change with 403', () => {
    expect(authorize(routeById('createContract'), whzxDept, { hospitalId: 'whzx' })).toMatchObject({
      allow: false,
      status: 403,
    });
    expect(
      authorize(routeById('updateContract'), whzxDept, { hospitalId: 'whzx', contractId: 'x' }),
    ).toMatchObject({ allow: false, status: 403 });
  });

  it('scopes a hospital user to the hospital of the token', () => {
    expect(authorize(routeById('getHospital'), whzxIt, { hospitalId: 'whzx' })).toMatchObject({
      allow: true,
      hospitalId: 'whzx',
    });
    expect(authorize(routeById('listHospitals'), whzxIt, {})).toMatchObject({
      allow: true,
      hospitalId: 'whzx',
    });
  });

  it('refuses tokens without a subject, without a role, with two roles or a hospital role without hospital', () => {
    const route = routeById('getMe');
    expect(authorize(route, undefined, {})).toMatchObject({ allow: false, status: 401 });
    expect(authorize(route, { sub: 'x', 'cognito:groups': '[strangers]' }, {})).toMatchObject({
      allow: false,
      status: 401,
    });
    expect(
      authorize(route, { sub: 'x', 'cognito:groups': '[vendor-admin auditor]' }, {}),
    ).toMatchObject({ allow: false, status: 401 });
    expect(authorize(route, { sub: 'x', 'cognito:groups': '[hospital-it]' }, {})).toMatchObject({
      allow: false,
      status: 403,
    });
  });

  it('keeps vendor-only routes from hospital users', () => {
    expect(authorize(routeById('createHospital'), whzxIt, {})).toMatchObject({
      allow: false,
      status: 403,
    });
    expect(authorize(routeById('listContractTemplates'), whzxIt, {})).toMatchObject({
      allow: false,
      status: 403,
    });
  });

  it('lets anyone read the public routes', () => {
    expect(authorize(routeById('getHealth'), undefined, {})).toMatchObject({
      allow: true,
      principal: null,
    });
  });

  it('answers 404 when an engineer asks for a hospital not assigned to them, as for another hospital', () => {
    const params = { hospitalId: 'jcey', contractId: 'x' };
    expect(authorize(routeById('getContract'), engineer, params, ['whzx'])).toMatchObject({
      allow: false,
      status: 404,
    });
    // Before the role check: a route the engineer may not use at all still says 404 there.
    expect(
      authorize(routeById('deleteHospital'), engineer, { hospitalId: 'jcey' }, ['whzx']),
    ).toMatchObject({
      allow: false,
      status: 404,
    });
    expect(
      authorize(routeById('getContract'), engineer, { ...params, hospitalId: 'whzx' }, ['whzx']),
    ).toMatchObject({ allow: true, hospitalId: 'whzx', hospitalLimit: ['whzx'] });
  });

  it('hands an engineer’s assignment to vendor-wide lists, and none to an unassigned engineer', () => {
    expect(authorize(routeById('getVendorQueue'), engineer, {}, ['whzx'])).toMatchObject({
      allow: true,
      hospitalLimit: ['whzx'],
    });
    expect(authorize(routeById('getVendorQueue'), engineer, {})).toMatchObject({
      allow: true,
      hospitalLimit: null,
    });
  });

  it('never limits roles other than support engineers, whatever is passed', () => {
    expect(
      authorize(routeById('getHospital'), manager, { hospitalId: 'jcey' }, ['whzx']),
    ).toMatchObject({
      allow: true,
      hospitalLimit: null,
    });
    expect(authorize(routeById('getHospital'), admin, { hospitalId: 'jcey' }, [])).toMatchObject({
      allow: true,
    });
  });
});
