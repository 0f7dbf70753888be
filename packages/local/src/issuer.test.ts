import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { demoUserByEmail, demoUsers } from './demo-users.ts';
import { createLocalIssuer } from './issuer.ts';

const issuerUrl = 'http://127.0.0.1:3000/local';
const hospitalIt = demoUserByEmail('it@whch.example')!;
const vendorAdmin = demoUserByEmail('admin@vendor.example')!;
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('the local issuer', () => {
  it('signs an ID token shaped like Cognito’s, with the tenant for hospital users only', async () => {
    // Prepare
    const issuer = await createLocalIssuer({ issuer: issuerUrl });
    // Act
    const claims = decodeJwt(await issuer.sign(hospitalIt, { now: new Date(1_767_196_800_000) }));
    const vendorClaims = decodeJwt(await issuer.sign(vendorAdmin));
    // Assess
    expect(claims).toMatchObject({
      sub: hospitalIt.sub,
      email: 'it@whch.example',
      'cognito:groups': ['hospital-it'],
      'custom:tenantId': 'whzx',
      iss: issuerUrl,
      aud: 'weibao-local',
      token_use: 'id',
      iat: 1_767_196_800,
      exp: 1_767_196_800 + 8 * 3600,
    });
    expect(vendorClaims['custom:tenantId']).toBeUndefined();
  });

  it('verifies its own tokens and refuses tampered, expired and foreign ones', async () => {
    const issuer = await createLocalIssuer({ issuer: issuerUrl });
    const other = await createLocalIssuer({ issuer: issuerUrl });
    const token = await issuer.sign(vendorAdmin);
    await expect(issuer.verify(token)).resolves.toMatchObject({ sub: vendorAdmin.sub });

    const [h, p, s] = token.split('.') as [string, string, string];
    const forged = Buffer.from(
      JSON.stringify({ ...decodeJwt(token), 'cognito:groups': ['vendor-admin', 'auditor'] }),
    ).toString('base64url');
    await expect(issuer.verify(`${h}.${forged}.${s}`)).rejects.toThrow();
    await expect(issuer.verify(`${h}.${p}.${s.slice(0, -4)}AAAA`)).rejects.toThrow();
    await expect(issuer.verify(await other.sign(vendorAdmin))).rejects.toThrow();
    const expired = await issuer.sign(vendorAdmin, { now: new Date(Date.now() - 9 * 3600_000) });
    await expect(issuer.verify(expired)).rejects.toThrow(/exp/);
  });

  it('keeps its key under the data dir so tokens survive a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'weibao-issuer-'));
    dirs.push(dir);
    const first = await createLocalIssuer({ issuer: issuerUrl, keyDir: dir });
    const token = await first.sign(demoUsers[0]!);

    const second = await createLocalIssuer({ issuer: issuerUrl, keyDir: dir });

    await expect(second.verify(token)).resolves.toMatchObject({ sub: demoUsers[0]!.sub });
    expect(second.jwks).toEqual(first.jwks);
    expect((await stat(join(dir, 'signing-key.jwk.json'))).mode & 0o777).toBe(0o600);
    expect(first.jwks.keys[0]).not.toHaveProperty('d');
  });
});
