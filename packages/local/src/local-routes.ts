import * as z from 'zod';
import { demoHospitals, demoUserByEmail, demoUsers } from './demo-users.ts';
import type { LocalDirectory } from './local-directory.ts';
import type { LocalIssuer } from './issuer.ts';
import { problem, problemContentType } from './problem.ts';
import { jsonReply, notFound, type Reply } from './reply.ts';

const tokenRequestSchema = z.object({ email: z.string().trim().min(1).max(254) });

function badRequest(detail: string, message: string): Reply {
  return jsonReply(
    400,
    problem(400, 'Bad Request', detail, [{ path: 'email', message }]),
    problemContentType,
  );
}

function methodNotAllowed(allow: string): Reply {
  return jsonReply(405, problem(405, 'Method Not Allowed', `Use ${allow}.`), problemContentType, {
    allow,
  });
}

/**
 * The Cognito stand-in's endpoints under /local: demo users, tokens for them, the public keys.
 * They exist only in the local server, never in the route table or on AWS.
 */
export function localRoute(
  method: string,
  rawPath: string,
  issuer: LocalIssuer,
  directory?: LocalDirectory,
):
  | { needsBody: true; handle(body: Buffer): Promise<Reply> }
  | { needsBody: false; reply: Reply | Promise<Reply> } {
  const path = rawPath.replace(/^\/local/, '');
  switch (path) {
    case '/users':
      if (method !== 'GET') return { needsBody: false, reply: methodNotAllowed('GET') };
      if (directory)
        return {
          needsBody: false,
          reply: directory.users().then((users) =>
            jsonReply(200, {
              items: users.map((u) => ({
                email: u.email,
                name: u.name,
                role: u.role,
                hospitalId: u.hospitalId ?? null,
                hospitalName: u.hospitalName,
                sub: u.sub,
              })),
            }),
          ),
        };
      return {
        needsBody: false,
        reply: jsonReply(200, {
          items: demoUsers.map((u) => ({
            email: u.email,
            name: u.name,
            role: u.role,
            hospitalId: u.hospitalId ?? null,
            // For the sign-in page, which cannot list hospitals before anyone is signed in.
            hospitalName: demoHospitals.find((h) => h.id === u.hospitalId)?.name ?? null,
            sub: u.sub,
          })),
        }),
      };
    case '/token':
      if (method !== 'POST') return { needsBody: false, reply: methodNotAllowed('POST') };
      return { needsBody: true, handle: (body) => issueToken(body, issuer, directory) };
    case '/.well-known/jwks.json':
      if (method !== 'GET') return { needsBody: false, reply: methodNotAllowed('GET') };
      return { needsBody: false, reply: jsonReply(200, issuer.jwks) };
    case '/.well-known/openid-configuration':
      if (method !== 'GET') return { needsBody: false, reply: methodNotAllowed('GET') };
      return {
        needsBody: false,
        reply: jsonReply(200, {
          issuer: issuer.issuer,
          jwks_uri: `${issuer.issuer}/.well-known/jwks.json`,
          id_token_signing_alg_values_supported: ['RS256'],
          subject_types_supported: ['public'],
          response_types_supported: ['id_token'],
        }),
      };
    default:
      return { needsBody: false, reply: notFound() };
  }
}

/**
 * GET /config.json in local mode: the SPA reads it at start to learn how to sign in. On AWS the same
 * path is a deployed file saying {"mode":"cognito",…}; here it names the Cognito stand-in.
 */
export function runtimeConfigReply(
  method: string,
  issuer: LocalIssuer,
  intakeDomain?: string,
): Reply {
  if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed('GET');
  const config = {
    mode: 'local',
    issuer: issuer.issuer,
    ...(intakeDomain ? { intakeDomain } : {}),
  };
  return jsonReply(200, config, 'application/json', { 'cache-control': 'no-store' });
}

async function issueToken(
  body: Buffer,
  issuer: LocalIssuer,
  directory?: LocalDirectory,
): Promise<Reply> {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return badRequest('The body must be JSON: {"email": "..."}.', 'required');
  }
  const parsed = tokenRequestSchema.safeParse(json);
  if (!parsed.success) {
    return badRequest('The body must be JSON: {"email": "..."}.', 'required, a string');
  }
  const user = directory
    ? await directory.find(parsed.data.email)
    : demoUserByEmail(parsed.data.email);
  if (user === 'deactivated')
    return jsonReply(
      403,
      {
        type: 'about:blank',
        title: '该用户已停用',
        status: 403,
        detail: `${parsed.data.email} 已被停用，不能登录`,
      },
      'application/problem+json',
    );
  if (!user) {
    return badRequest(
      `No demo user has the email ${JSON.stringify(parsed.data.email)}; GET /local/users lists them.`,
      'not a demo user',
    );
  }
  return jsonReply(200, { token: await issuer.sign(user) }, 'application/json', {
    'cache-control': 'no-store',
  });
}
