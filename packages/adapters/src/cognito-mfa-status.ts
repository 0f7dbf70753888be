import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

/** Whether a Cognito user has an authenticator app (TOTP) enrolled and enabled as MFA. */
export interface MfaStatus {
  totpEnrolled(userPoolId: string, username: string): Promise<boolean>;
}

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
}

/** The credentials Lambda puts into every function's environment (its role's session). */
export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): AwsCredentials {
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN } = env;
  if (!AWS_ACCESS_KEY_ID || !AWS_SECRET_ACCESS_KEY)
    throw new Error(
      'no AWS credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)',
    );
  return {
    accessKeyId: AWS_ACCESS_KEY_ID,
    secretAccessKey: AWS_SECRET_ACCESS_KEY,
    sessionToken: AWS_SESSION_TOKEN,
  };
}

/** SHA-256 and HMAC-SHA256 from node:crypto in the shape the SDK's signer takes. */
class NodeSha256 {
  private hash: Hash | Hmac;
  private readonly secret: string | Buffer | undefined;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.secret =
      secret === undefined || typeof secret === 'string'
        ? secret
        : ArrayBuffer.isView(secret)
          ? Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength)
          : Buffer.from(secret);
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(
      typeof data === 'string'
        ? data
        : ArrayBuffer.isView(data)
          ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
          : Buffer.from(data),
    );
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

/** Where and as whom the Cognito calls go. */
export interface CognitoCallOptions {
  region: string;
  credentials: () => AwsCredentials;
  /** Default: the regional Cognito endpoint. */
  endpoint?: string;
  timeoutMs?: number;
}

/** A Cognito error answer: its `__type` (e.g. UsernameExistsException) and message. */
export class CognitoError extends Error {
  constructor(
    readonly operation: string,
    readonly type: string,
    detail: string,
  ) {
    super(`Cognito ${operation} failed (${detail ? `${type}: ${detail}` : type})`);
    this.name = 'CognitoError';
  }
}

/**
 * One call of Cognito's JSON protocol (`AWSCognitoIdentityProviderService.<operation>`), signed
 * with SigV4 by the AWS SDK's own signer. The Cognito SDK client is not among the repository's
 * dependencies; the few admin calls weibao makes need no more. An error answer throws CognitoError.
 */
export function cognitoCall(options: CognitoCallOptions) {
  const endpoint = new URL(
    options.endpoint ?? `https://cognito-idp.${options.region}.amazonaws.com/`,
  );
  return async <T = Record<string, unknown>>(operation: string, input: unknown): Promise<T> => {
    const signer = new SignatureV4({
      service: 'cognito-idp',
      region: options.region,
      credentials: options.credentials(),
      sha256: NodeSha256,
    });
    const body = JSON.stringify(input);
    const signed = await signer.sign({
      method: 'POST',
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      ...(endpoint.port ? { port: Number(endpoint.port) } : {}),
      path: endpoint.pathname,
      query: {},
      headers: {
        host: endpoint.host,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      },
      body,
    });
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: signed.headers,
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 3000),
    });
    const text = await res.text();
    if (!res.ok) {
      let type = `HTTP ${res.status}`;
      let detail = '';
      try {
        const parsed = JSON.parse(text) as { __type?: string; message?: string };
        // The type may come qualified: "com.amazonaws…#UsernameExistsException".
        type = (parsed.__type ?? type).split('#').pop() ?? type;
        detail = parsed.message ?? '';
      } catch {
        // Not JSON: the status says enough.
      }
      throw new CognitoError(operation, type, detail);
    }
    return (text ? JSON.parse(text) : {}) as T;
  };
}

/**
 * Cognito's AdminGetUser: whether an authenticator app is enrolled. Any failure throws: the
 * trigger then refuses the sign-in rather than let a vendor user in unchecked.
 */
export function cognitoMfaStatus(options: CognitoCallOptions): MfaStatus {
  const call = cognitoCall(options);
  return {
    async totpEnrolled(userPoolId, username) {
      const user = await call<{ UserMFASettingList?: unknown }>('AdminGetUser', {
        UserPoolId: userPoolId,
        Username: username,
      });
      return (
        Array.isArray(user.UserMFASettingList) &&
        user.UserMFASettingList.includes('SOFTWARE_TOKEN_MFA')
      );
    },
  };
}
