import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  SignJWT,
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  type JWK,
  type JWTPayload,
} from 'jose';
import type { DemoUser } from './demo-users.ts';

/** The app client id tokens are issued for; the local server accepts no other audience. */
export const localAudience = 'weibao-local';
/** Cognito ID tokens last at most a day; a working day is enough locally. */
export const tokenLifetimeSeconds = 8 * 60 * 60;

export interface LocalIssuer {
  /** http://127.0.0.1:PORT/local: the `iss` of every token. */
  issuer: string;
  audience: string;
  /** An ID token for a demo user, shaped like Cognito's. */
  sign(user: DemoUser, options?: { now?: Date; lifetimeSeconds?: number }): Promise<string>;
  /** Verifies signature, iss, aud and exp as the API Gateway JWT authorizer does; throws if any fails. */
  verify(token: string): Promise<JWTPayload>;
  /** The public key set served at /local/.well-known/jwks.json. */
  jwks: { keys: JWK[] };
}

const keyFileName = 'signing-key.jwk.json';

async function loadOrCreateKey(keyDir: string | undefined): Promise<JWK> {
  if (keyDir) {
    try {
      return JSON.parse(await readFile(join(keyDir, keyFileName), 'utf8')) as JWK;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  jwk.kid = await calculateJwkThumbprint(jwk);
  jwk.alg = 'RS256';
  jwk.use = 'sig';
  if (keyDir) {
    // Kept so tokens survive a restart; written whole, then renamed, so a crash leaves no half key.
    await mkdir(keyDir, { recursive: true });
    const tmp = join(keyDir, `${keyFileName}.${process.pid}.tmp`);
    await writeFile(tmp, JSON.stringify(jwk), { mode: 0o600 });
    await rename(tmp, join(keyDir, keyFileName));
  }
  return jwk;
}

function publicPart(jwk: JWK): JWK {
  const { kty, n, e, kid, alg, use } = jwk;
  return { kty, n, e, kid, alg, use };
}

/** The claims Cognito puts in an ID token, for one demo user. */
export function idTokenClaims(user: DemoUser): JWTPayload {
  return {
    sub: user.sub,
    email: user.email,
    email_verified: true,
    name: user.name,
    'cognito:username': user.email,
    'cognito:groups': [user.role],
    ...(user.hospitalId ? { 'custom:tenantId': user.hospitalId } : {}),
    token_use: 'id',
  };
}

/**
 * The Cognito stand-in: signs RS256 ID tokens with a key pair that lives under keyDir (memory
 * only when keyDir is undefined). Local mode only; nothing here is ever deployed.
 */
export async function createLocalIssuer(options: {
  issuer: string;
  keyDir?: string;
}): Promise<LocalIssuer> {
  const jwk = await loadOrCreateKey(options.keyDir);
  const privateKey = await importJWK(jwk, 'RS256');
  const jwks = { keys: [publicPart(jwk)] };
  const keySet = createLocalJWKSet(jwks);
  const { issuer } = options;

  return {
    issuer,
    audience: localAudience,
    jwks,
    async sign(user, { now = new Date(), lifetimeSeconds = tokenLifetimeSeconds } = {}) {
      const iat = Math.floor(now.getTime() / 1000);
      return new SignJWT(idTokenClaims(user))
        .setProtectedHeader({ alg: 'RS256', kid: jwk.kid as string, typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(localAudience)
        .setIssuedAt(iat)
        .setExpirationTime(iat + lifetimeSeconds)
        .sign(privateKey);
    },
    async verify(token) {
      const { payload } = await jwtVerify(token, keySet, {
        issuer,
        audience: localAudience,
        algorithms: ['RS256'],
      });
      return payload;
    },
  };
}
