import { createServer } from 'node:http';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import S3rver from 's3rver';
import { closeServer, listenOnLoopback } from './listen.ts';

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
  const server = createServer((req, res) => {
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
