import { errorFromResponse, networkError } from './api-error.ts';
import { operations } from './operations.ts';
import type { CallArgs, CallInput, OperationId, ResponseOf } from './types.ts';

export interface ApiClientOptions {
  /** Where the API lives: '' for this origin (local server, CloudFront), else https://api…. */
  baseUrl: string;
  /** The bearer token of the signed-in user, read at each call. */
  token: () => string | null;
  /** Told about every 401, so the app can send the user to sign in again. */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
  /** Waits between repeats of an idempotent call (tests pass a quick one). */
  sleep?: (ms: number) => Promise<void>;
}

/** How often an idempotent call is sent at most when the server is briefly unavailable. */
export const idempotentAttempts = 3;

/** A brief outage (503, a gateway's 502/504, or no answer): the same request may succeed again. */
function isBriefOutage(status: number): boolean {
  return status === 502 || status === 503 || status === 504;
}

/** The wait the server asked for (Retry-After in seconds), between 0.2 and 2 s. */
function retryDelayMs(res: Response | null): number {
  const seconds = Number(res?.headers.get('retry-after') ?? '');
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, 2000) : 200;
}

/** A key for one request: random, never derived from what the request holds. */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/** /api/hospitals/{hospitalId} + {hospitalId: 'whzx'} → /api/hospitals/whzx */
export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '') {
      throw new Error(`missing path parameter ${name} for ${path}`);
    }
    return encodeURIComponent(String(value));
  });
}

export function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** attachment; filename="x.docx" → x.docx (the server sends plain ASCII names). */
/** The file name of a Content-Disposition: its UTF-8 `filename*=` when there, else `filename=`. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const utf8 = /filename\*=UTF-8''([^;\s]+)/i.exec(disposition);
  if (utf8?.[1]) {
    try {
      return decodeURIComponent(utf8[1]);
    } catch {
      // A malformed encoding: fall back to the plain name
    }
  }
  const match = /filename="?([^";]+)"?/i.exec(disposition);
  return match?.[1] ?? null;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/**
 * One typed call per operation of the route table:
 * `api.call('getContract', { params: { hospitalId, contractId } })`. Params, query, body and the
 * answer are typed from the route's zod schemas; any failure throws an ApiError.
 */
export function createApiClient(options: ApiClientOptions) {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  /** The last answer of each conditional URL with its ETag (a few: the queue pages seen). */
  const tagged = new Map<string, { etag: string; json: unknown }>();

  async function call<Id extends OperationId>(
    operationId: Id,
    ...[input]: CallArgs<Id>
  ): Promise<ResponseOf<Id>> {
    const op = operations[operationId];
    const { params, query, body, signal, idempotencyKey, conditional } = (input ??
      {}) as CallInput<OperationId> & {
      params?: Record<string, unknown>;
      query?: Record<string, unknown>;
      body?: unknown;
    };
    const url = `${options.baseUrl}${fillPath(op.path, params)}${queryString(query)}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    // An idempotent call carries one key through all its attempts: a repeat after a 503 whose
    // write had committed gets the first result, never a second ticket.
    const idempotent = 'idempotent' in op && op.idempotent === true;
    if (idempotent) headers['idempotency-key'] = idempotencyKey ?? newIdempotencyKey();
    const held = conditional && op.method === 'GET' ? tagged.get(url) : undefined;
    if (held) headers['if-none-match'] = held.etag;
    const attempts = idempotent ? idempotentAttempts : 1;

    let res: Response | null = null;
    for (let attempt = 1; ; attempt += 1) {
      const token = options.token();
      if (token) headers.authorization = `Bearer ${token}`;
      try {
        res = await doFetch(url, {
          method: op.method,
          headers,
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          ...(signal ? { signal } : {}),
        });
      } catch (err) {
        if (signal?.aborted) throw err;
        if (attempt >= attempts) throw networkError(err);
        res = null;
      }
      if (res && !isBriefOutage(res.status)) break;
      if (attempt >= attempts) break;
      await sleep(retryDelayMs(res));
    }
    if (!res) throw networkError(new Error('no answer'));
    // The server's answer is unchanged (its ETag is of the body): the one held is current.
    if (res.status === 304 && held) return held.json as ResponseOf<Id>;
    const json = await readJson(res);
    if (!res.ok) {
      if (res.status === 401) options.onUnauthorized?.();
      throw errorFromResponse(res.status, res.statusText, json);
    }
    const etag = res.headers.get('etag');
    if (conditional && op.method === 'GET' && etag) {
      tagged.delete(url);
      tagged.set(url, { etag, json });
      // The oldest goes first: a Map iterates in insertion order.
      if (tagged.size > 20) tagged.delete(tagged.keys().next().value as string);
    }
    return json as ResponseOf<Id>;
  }

  /**
   * A file answer (route.produces: DOCX, …): the bytes as a Blob with the file name the server
   * gave in content-disposition. Errors are problem+json like every other call.
   */
  async function download<Id extends OperationId>(
    operationId: Id,
    ...[input]: CallArgs<Id>
  ): Promise<{ blob: Blob; fileName: string | null }> {
    const op = operations[operationId];
    const { params, query, signal } = (input ?? {}) as CallInput<OperationId> & {
      params?: Record<string, unknown>;
      query?: Record<string, unknown>;
    };
    const url = `${options.baseUrl}${fillPath(op.path, params)}${queryString(query)}`;
    const headers: Record<string, string> = {};
    const token = options.token();
    if (token) headers.authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await doFetch(url, { method: op.method, headers, ...(signal ? { signal } : {}) });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw networkError(err);
    }
    if (!res.ok) {
      if (res.status === 401) options.onUnauthorized?.();
      throw errorFromResponse(res.status, res.statusText, await readJson(res));
    }
    return {
      blob: await res.blob(),
      fileName: fileNameOf(res.headers.get('content-disposition')),
    };
  }

  return { call, download, operationIds: Object.keys(operations) as OperationId[] };
}
