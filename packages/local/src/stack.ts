import { join, resolve } from 'node:path';
import { routes } from '@weibao/api';
import { ensureTable } from '@weibao/store/create-table';
import { startDynamoDbLocal, dynamoDbLocalClient, type DynamoDbLocal } from './dynamodb-local.ts';
import {
  applyLocalEnv,
  localCredentials,
  localFilesBucket,
  localMailFrom,
  localRegion,
  localTableName,
  type LocalEnv,
} from './env.ts';
import { fileHandlerLoader, type HandlerLoader } from './handler-loader.ts';
import { createLocalHttpServer } from './http-server.ts';
import { createLocalIssuer, type LocalIssuer } from './issuer.ts';
import { closeServer, listenOnLoopback } from './listen.ts';
import { defaultDataDir, defaultFunctionsDir, defaultWebDist } from './paths.ts';
import { LocalStackError, assertJava17, assertPortsFree, freePort } from './preflight.ts';
import { startS3Local } from './s3-local.ts';
import { seedDemoData } from './seed.ts';
import { startSesLocal } from './ses-local.ts';
import { demoUserByEmail } from './demo-users.ts';

export interface LocalStackOptions {
  /** The HTTP server's port; DynamoDB Local, S3 and SES take the next three. 0: free ports for all. Default PORT or 3000. */
  port?: number;
  /** Where data survives restarts: dynamodb/, s3/, issuer/. Default <repo>/.data. */
  dataDir?: string;
  /** Nothing on disk (tests): DynamoDB in memory, S3 in a temporary folder, a fresh signing key. */
  inMemory?: boolean;
  /** No progress or request lines on the console. */
  quiet?: boolean;
  /** Run seedDemoData after the table exists. Default true. */
  seed?: boolean;
  /** Use this running DynamoDB Local instead of spawning one (the integration tests' shared one). */
  dynamodbEndpoint?: string;
  /** Default 'weibao'. */
  tableName?: string;
  /** Default <repo>/functions. */
  functionsDir?: string;
  /** Default: import functions/<handler>.ts. Tests inject their own. */
  loadHandler?: HandlerLoader;
  /** Default <repo>/web/dist. */
  webDist?: string;
  maxBodyBytes?: number;
}

export interface LocalStackUrls {
  /** http://127.0.0.1:PORT — the SPA and the API on one origin. */
  web: string;
  api: string;
  health: string;
  openapi: string;
  /** The Cognito stand-in. */
  issuer: string;
  users: string;
  token: string;
  jwks: string;
  /** The SES stand-in's web inbox. */
  inbox: string;
  dynamodb: string;
  s3: string;
  sesv2: string;
}

export interface LocalStack {
  urls: LocalStackUrls;
  env: LocalEnv;
  /** Where data lives; undefined in memory. */
  dataDir: string | undefined;
  issuer: LocalIssuer;
  /** A token for a demo user, without a round trip through /local/token. */
  tokenFor(email: string): Promise<string>;
  /** Closes the HTTP server, stops S3 and SES, kills DynamoDB Local. Safe to call twice. */
  stop(): Promise<void>;
}

/** Ports from PORT: the API on it, the stand-ins on the next three, so one variable moves them all. */
async function planPorts(port: number) {
  if (port === 0) {
    return {
      api: await freePort(),
      dynamodb: await freePort(),
      s3: await freePort(),
      ses: await freePort(),
    };
  }
  return { api: port, dynamodb: port + 1, s3: port + 2, ses: port + 3 };
}

export function portFromEnvironment(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65532) {
    throw new LocalStackError(
      `PORT must be a port number below 65533, not "${value}": e.g. PORT=3100 npm start`,
    );
  }
  return port;
}

/**
 * Starts everything `npm start` runs: DynamoDB Local (spawned), s3rver and the SES stand-in (in
 * process), the table, the seed, and the HTTP server with the Cognito stand-in. One function for
 * `weibao start`, the integration tests and the browser tests.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const log = options.quiet ? () => undefined : (line: string) => console.log(line);
  const basePort = options.port ?? portFromEnvironment(process.env.PORT);
  const inMemory = options.inMemory ?? false;
  const dataDir = inMemory ? undefined : resolve(options.dataDir ?? defaultDataDir);
  const ports = await planPorts(basePort);
  const spawnDynamo = options.dynamodbEndpoint === undefined;

  await assertPortsFree(
    [
      { port: ports.api, component: 'HTTP API' },
      ...(spawnDynamo ? [{ port: ports.dynamodb, component: 'DynamoDB Local' }] : []),
      { port: ports.s3, component: 'S3 (s3rver)' },
      { port: ports.ses, component: 'SES (aws-ses-v2-local)' },
    ],
    basePort,
  );
  if (spawnDynamo) assertJava17();

  // Whatever started is stopped again if a later step fails, newest first.
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) {
      await stop().catch((err: unknown) => console.error('[local] while stopping:', err));
    }
  };

  try {
    const [dynamo, s3, ses] = await Promise.allSettled([
      spawnDynamo
        ? startDynamoDbLocal({
            port: ports.dynamodb,
            inMemory,
            ...(dataDir ? { dataDir: join(dataDir, 'dynamodb') } : {}),
          })
        : Promise.resolve<DynamoDbLocal>({
            endpoint: options.dynamodbEndpoint as string,
            port: Number(new URL(options.dynamodbEndpoint as string).port),
            stop: async () => undefined,
          }),
      startS3Local({
        port: ports.s3,
        buckets: [localFilesBucket],
        basePort,
        ...(dataDir ? { dataDir: join(dataDir, 's3') } : {}),
      }),
      startSesLocal({ port: ports.ses, basePort }),
    ]);
    for (const started of [dynamo, s3, ses]) {
      if (started.status === 'fulfilled') stops.push(started.value.stop);
    }
    for (const started of [dynamo, s3, ses]) {
      if (started.status === 'rejected') throw started.reason;
    }
    const db = (dynamo as PromiseFulfilledResult<DynamoDbLocal>).value;
    const s3Local = (s3 as PromiseFulfilledResult<Awaited<ReturnType<typeof startS3Local>>>).value;
    const sesLocal = (ses as PromiseFulfilledResult<Awaited<ReturnType<typeof startSesLocal>>>)
      .value;
    log(`DynamoDB Local ${db.endpoint}, S3 ${s3Local.endpoint}, SES ${sesLocal.endpoint}`);

    const origin = `http://127.0.0.1:${ports.api}`;
    const issuer = await createLocalIssuer({
      issuer: `${origin}/local`,
      ...(dataDir ? { keyDir: join(dataDir, 'issuer') } : {}),
    });
    const env: LocalEnv = {
      region: localRegion,
      tableName: options.tableName ?? localTableName,
      filesBucket: localFilesBucket,
      mailFrom: localMailFrom,
      endpoints: {
        api: origin,
        dynamodb: db.endpoint,
        s3: s3Local.endpoint,
        sesv2: sesLocal.endpoint,
      },
      credentials: { ...localCredentials },
      auth: { issuer: issuer.issuer, audience: issuer.audience },
    };
    // Before any handler module loads: they read these once, at import.
    const restoreEnv = applyLocalEnv(env);
    stops.push(async () => restoreEnv());

    const client = dynamoDbLocalClient(db.endpoint);
    try {
      if (await ensureTable(client, env.tableName)) log(`Created table ${env.tableName}`);
    } finally {
      client.destroy();
    }
    if (options.seed ?? true) await seedDemoData(env);

    const urls: LocalStackUrls = {
      web: `${origin}/`,
      api: `${origin}/api`,
      health: `${origin}/api/health`,
      openapi: `${origin}/api/openapi.json`,
      issuer: issuer.issuer,
      users: `${origin}/local/users`,
      token: `${origin}/local/token`,
      jwks: `${origin}/local/.well-known/jwks.json`,
      inbox: sesLocal.inboxUrl,
      dynamodb: db.endpoint,
      s3: s3Local.endpoint,
      sesv2: sesLocal.endpoint,
    };
    const server = createLocalHttpServer({
      routes,
      loadHandler:
        options.loadHandler ?? fileHandlerLoader(options.functionsDir ?? defaultFunctionsDir),
      issuer,
      webDist: resolve(options.webDist ?? defaultWebDist),
      links: { health: urls.health, openapi: urls.openapi, users: urls.users, inbox: urls.inbox },
      region: env.region,
      ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
      ...(options.quiet ? {} : { log }),
    });
    await listenOnLoopback(server, ports.api, 'HTTP API', basePort);
    stops.push(() => closeServer(server));

    return {
      urls,
      env,
      dataDir,
      issuer,
      async tokenFor(email) {
        const user = demoUserByEmail(email);
        if (!user) throw new Error(`no demo user ${email}`);
        return issuer.sign(user);
      },
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
