/**
 * What the SPA learns at start from /config.json, so one build runs everywhere: the local server
 * answers it in local mode; on AWS it is a file deployed beside index.html.
 */
export type RuntimeConfig =
  | {
      mode: 'local';
      /** The Cognito stand-in, e.g. http://127.0.0.1:3000/local. */
      issuer: string;
      apiBaseUrl: string;
      intakeDomain?: string;
    }
  | {
      mode: 'cognito';
      /** The user pool's issuer: https://cognito-idp.<region>.amazonaws.com/<pool id>. */
      authority: string;
      clientId: string;
      /** Must be one of the app client's callback URLs: https://…/auth/callback. */
      redirectUri: string;
      /** Where Cognito returns after sign-out; one of the client's logout URLs. Default: this origin. */
      logoutUri: string;
      scope: string;
      /** The API's origin when it is not this one (API Gateway's own domain). */
      apiBaseUrl: string;
      /** The domain of the hospitals' intake addresses (whzx@<domain>); absent in older files. */
      intakeDomain?: string;
    };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function text(o: Record<string, unknown>, key: string, fallback?: string): string {
  const v = o[key];
  if (typeof v === 'string' && v !== '') return v;
  if (v === undefined && fallback !== undefined) return fallback;
  throw new ConfigError(`config.json: "${key}" must be a non-empty string`);
}

function httpUrl(value: string, key: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`config.json: "${key}" must be a URL, got "${value}"`);
  }
  // Plain http only for the machine itself: tokens must never cross a network in clear text.
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigError(`config.json: "${key}" must use https, got "${value}"`);
  }
  return value.replace(/\/$/, '');
}

function domainName(value: string): string {
  if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(value))
    throw new ConfigError(`config.json: "intakeDomain" must be a domain name, got "${value}"`);
  return value.toLowerCase();
}

export function parseRuntimeConfig(json: unknown, origin: string): RuntimeConfig {
  if (typeof json !== 'object' || json === null)
    throw new ConfigError('config.json: not an object');
  const o = json as Record<string, unknown>;
  const apiBase = o.apiBaseUrl === undefined ? '' : httpUrl(text(o, 'apiBaseUrl'), 'apiBaseUrl');
  const intake =
    o.intakeDomain === undefined ? {} : { intakeDomain: domainName(text(o, 'intakeDomain')) };
  switch (o.mode) {
    case 'local':
      return { mode: 'local', issuer: text(o, 'issuer'), apiBaseUrl: apiBase, ...intake };
    case 'cognito':
      return {
        mode: 'cognito',
        authority: httpUrl(text(o, 'authority'), 'authority'),
        clientId: text(o, 'clientId'),
        redirectUri: httpUrl(text(o, 'redirectUri'), 'redirectUri'),
        logoutUri: httpUrl(text(o, 'logoutUri', origin), 'logoutUri'),
        scope: text(o, 'scope', 'openid email profile'),
        apiBaseUrl: apiBase,
        ...intake,
      };
    default:
      throw new ConfigError('config.json: "mode" must be "local" or "cognito"');
  }
}

export async function loadRuntimeConfig(
  fetchFn: typeof fetch = (i, init) => fetch(i, init),
  origin: string = window.location.origin,
): Promise<RuntimeConfig> {
  const res = await fetchFn('/config.json', { cache: 'no-store' });
  if (!res.ok) throw new ConfigError(`config.json: HTTP ${res.status}`);
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw new ConfigError('config.json: not JSON');
  }
  return parseRuntimeConfig(json, origin);
}
