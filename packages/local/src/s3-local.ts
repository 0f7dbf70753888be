import { createServer } from 'node:http';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import S3rver from 's3rver';
import { localCredentials } from './env.ts';
import { closeServer, listenOnLoopback } from './listen.ts';
import { checkSigV4, s3ErrorXml } from './sigv4-check.ts';

export interface S3Local {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
  /** Stops answering (connections refused) until resume(): S3 being down, for tests. */
  pause(): Promise<void>;
  resume(): Promise<void>;
}

/**
 * What S3's bucket CORS allows on AWS for the web origin, here for any loopback page (the local
 * stack's ports move with PORT). s3rver refuses every preflight without it.
 */
const loopbackCors = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>http://127.0.0.1:*</AllowedOrigin>
    <AllowedOrigin>http://localhost:*</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <MaxAgeSeconds>600</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

/**
 * s3rver in this process, serving the given buckets (created when missing). With no dataDir the
 * objects live in a temporary folder removed on stop.
 */
export async function startS3Local(options: {
  port: number;
  buckets: readonly string[];
  dataDir?: string;
  basePort?: number;
  /** Buckets the SPA PUTs to with presigned URLs (proofs, deliverables): CORS for loopback pages. */
  browserBuckets?: readonly string[];
  /** The key pair requests must be signed with (SigV4, checked here: s3rver takes any V4 signature). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}): Promise<S3Local> {
  const temporary = options.dataDir === undefined;
  const directory = temporary
    ? await mkdtemp(join(tmpdir(), 'weibao-s3-'))
    : resolve(options.dataDir as string);
  await mkdir(directory, { recursive: true });
  const s3rver = new S3rver({
    directory,
    silent: true,
    configureBuckets: options.buckets.map((name) => ({
      name,
      ...(options.browserBuckets?.includes(name) ? { configs: [loopbackCors] } : {}),
    })),
  });
  await s3rver.configureBuckets();
  // Our own server rather than s3rver.run(), whose listen ignores errors such as a taken port.
  const callback = s3rver.callback();
  const buckets = new Set(options.buckets);
  const credentials = options.credentials ?? localCredentials;
  const server = createServer((req, res) => {
    // A verifying front, as S3 is: a presigned URL whose key, bucket, type, length or expiry was
    // changed, or a request not signed by the local key pair, is refused before s3rver sees it.
    // Preflights carry no signature on S3 either.
    if (req.method !== 'OPTIONS') {
      const refusal = checkSigV4(
        { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers },
        credentials,
        Date.now(),
      );
      if (refusal) {
        const origin = req.headers.origin;
        res.writeHead(refusal.status, {
          'content-type': 'application/xml',
          // So that a page sees the refusal rather than a CORS error (S3 adds these too).
          ...(origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {}),
        });
        res.end(s3ErrorXml(refusal, (req.url ?? '/').split('?')[0] ?? '/'));
        // Whatever body was on its way is not wanted; do not read a large upload to the end.
        req.resume();
        return;
      }
    }
    // s3rver answers HeadBucket by listing up to 1000 objects from disk, which takes seconds once
    // proof files pile up (and fails the health check's 2 s probe); S3 answers it at once.
    const bucket = /^\/([a-z0-9.-]+)\/?$/.exec(req.url ?? '')?.[1];
    if (req.method === 'HEAD' && bucket !== undefined && buckets.has(bucket)) {
      res.writeHead(200, { 'x-amz-bucket-region': 'us-east-1' }).end();
      return;
    }
    callback(req, res);
  });
  try {
    const port = await listenOnLoopback(
      server,
      options.port,
      'S3 (s3rver)',
      options.basePort ?? options.port,
    );
    return {
      endpoint: `http://127.0.0.1:${port}`,
      port,
      pause: async () => {
        await closeServer(server);
        server.closeAllConnections();
      },
      resume: async () => {
        await listenOnLoopback(server, port, 'S3 (s3rver)', options.basePort ?? port);
      },
      async stop() {
        await closeServer(server);
        if (temporary) await rm(directory, { recursive: true, force: true });
      },
    };
  } catch (err) {
    if (temporary) await rm(directory, { recursive: true, force: true });
    throw err;
  }
}
