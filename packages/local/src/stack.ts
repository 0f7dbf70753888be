import { join, resolve } from 'node:path';
import type { Context } from 'aws-lambda';
import { eventHandlers, routes as routeTable, type RouteDef } from '@weibao/api';
import { ensureIndexes, ensureTable } from '@weibao/store/create-table';
import { clockStartVariable, installHandlerClock, localClock, type LocalClock } from './clock.ts';
import { startDynamoDbLocal, dynamoDbLocalClient, type DynamoDbLocal } from './dynamodb-local.ts';
import {
  applyLocalEnv,
  localCredentials,
  localFilesBucket,
  localIntakeDomain,
  localMailBucket,
  localMailFrom,
  localMailPrefix,
  localRegion,
  localScheduleGroup,
  localTableName,
  localTimers,
  type LocalEnv,
} from './env.ts';
import { localFunctions, runInLocalFunction } from './function-scope.ts';
import { fileHandlerLoader, type HandlerLoader } from './handler-loader.ts';
import { createLocalHttpServer } from './http-server.ts';
import { createLocalIssuer, type LocalIssuer } from './issuer.ts';
import { loadOrCreateLinkKey } from './link-key.ts';
import { startStreamPoller, type StreamPoller } from './stream-poller.ts';
import { lambdaContext, localFunctionArn, localFunctionName } from './lambda-context.ts';
import { closeServer, listenOnLoopback } from './listen.ts';
import { defaultDataDir, defaultFunctionsDir, defaultWebDist } from './paths.ts';
import { LocalStackError, assertJava17, assertPortsFree, reservePort } from './preflight.ts';
import { startS3Local, type S3Local } from './s3-local.ts';
import { ensureDailySchedules } from './daily-schedules.ts';
import { indexKeptRecords, rebuildRollups, seedDemoData } from './seed.ts';
import { startSchedulerLocal, type SchedulerLocal } from './scheduler-local.ts';
import { startSesLocal } from './ses-local.ts';
import { startSmtpIntake } from './smtp-intake.ts';
import { demoUsers } from './demo-users.ts';
import { makeLocalDirectory } from './local-directory.ts';
import { createWebhookStandIn, type WebhookStandIn } from './webhook-standin.ts';

/** The stand-in for the stream's poller when a stack does not follow the stream. */
const notFollowing: StreamPoller = {
  streamAddedToExistingTable: false,
  drained: () => Promise.resolve(),
  pause: () => Promise.resolve(() => undefined),
  stop: () => Promise.resolve(),
};

export interface LocalStackOptions {
  /**
   * The HTTP server's port; DynamoDB Local, S3, SES, the Scheduler stand-in and the SMTP intake
   * take the next five.
   * 0: free ports for all. Default PORT or 3000.
   */
  port?: number;
  /** Where data survives restarts: dynamodb/, s3/, issuer/, links/, scheduler/. Default <repo>/.data. */
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
  /**
   * Give the table its stream and follow it into the overview's rollups, as on AWS. Default true.
   * Test stacks follow it only when the test reads the overview (test/support/stack.ts).
   */
  followStream?: boolean;
  /**
   * Told of each invocation of the rollups handler by the stream: its records and how long the
   * handler took (the bench's Lambda time per change). Default: nobody.
   */
  onRollups?: (run: { records: number; ms: number }) => void;
  /** Default <repo>/functions. */
  functionsDir?: string;
  /** Default: import functions/<handler>.ts, for routes and event handlers alike. Tests inject their own. */
  loadHandler?: HandlerLoader;
  /** Default <repo>/web/dist. */
  webDist?: string;
  maxBodyBytes?: number;
  /** The signed-link key (base64) to use instead of the one under dataDir or a fresh one (tests). */
  linkSigningKey?: string;
  /**
   * The send rate (messages per second) the mail pacer holds every function to. Default 100: the
   * SES stand-in has no quota, and a test that reads its mail right after an action must not wait
   * for the minute's drain; the pacer, the queue and the drain run as on AWS (at 14 there).
   */
  mailSendRate?: number;
  /** The SMTP intake answers 552 above this size; default 40 MB, SES's limit. */
  maxMessageBytes?: number;
  /**
   * The instant (ISO) the clock of the handlers, the Scheduler stand-in and the SMTP intake starts
   * at, running at real speed from there. Default WEIBAO_CLOCK_START, else the machine's clock.
   */
  clockStart?: string;
  /**
   * The demo contracts are signed shortly before the first start (in its first quarter, as a
   * person's `npm start` shows them) instead of on the fixed 2026 days the tests rely on.
   */
  demoDatedFromToday?: boolean;
  /** Default: the route table of @weibao/api. Tests change a route's `uses` to prove it matters. */
  routes?: readonly RouteDef[];
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
  /** What the WeCom and DingTalk robots' stand-in received: a page, or JSON. */
  webhooks: string;
  /** The training clock: GET shows the stack's time, POST moves it forward. */
  clock: string;
  dynamodb: string;
  s3: string;
  sesv2: string;
  /** The EventBridge Scheduler stand-in. */
  scheduler: string;
  /** The SMTP intake: mail to `<intakeLocalPart>@intake.example` becomes tickets. */
  smtp: string;
}

export interface LocalStack {
  urls: LocalStackUrls;
  env: LocalEnv;
  /** Where data lives; undefined in memory. */
  dataDir: string | undefined;
  issuer: LocalIssuer;
  /** The Scheduler stand-in: what it fired and what it dead-lettered. */
  scheduler: SchedulerLocal;
  /** The group robots' stand-in: what it received, and how it answers the next posts (tests). */
  webhooks: Pick<WebhookStandIn, 'posts' | 'answerNext' | 'clear'>;
  /** The S3 stand-in, which tests may take down and bring back (the intake then answers 451). */
  s3: Pick<S3Local, 'pause' | 'resume'>;
  /** A token for a demo user, without a round trip through /local/token. */
  tokenFor(email: string): Promise<string>;
  /** The stack's time (epoch ms): what handlers and the Scheduler stand-in see (see clockStart). */
  now(): number;
  /** The stack's clock, which `POST /local/clock` moves forward (the training clock). */
  clock: LocalClock;
  /**
   * Resolves once the table stream's records written before the call reached the rollups handler
   * (the local stand-in of the stream's event source mapping polls every 200 ms).
   */
  streamDrained(): Promise<void>;
  /** Holds the stream's poller until the answered function is called (see StreamPoller.pause). */
  pauseStream(): Promise<() => void>;
  /** Closes the HTTP server, stops S3, SES and the Scheduler, kills DynamoDB Local. Safe to call twice. */
  stop(): Promise<void>;
}

/** Ports from PORT: the API on it, the stand-ins on the next five, so one variable moves them all. */
async function planPorts(port: number) {
  if (port === 0) {
    // Tests: each port reserved (held bound) until its server is about to listen on it.
    const held = {
      api: await reservePort(),
      dynamodb: await reservePort(),
      s3: await reservePort(),
      ses: await reservePort(),
      scheduler: await reservePort(),
      smtp: await reservePort(),
    };
    return {
      api: held.api.port,
      dynamodb: held.dynamodb.port,
      s3: held.s3.port,
      ses: held.ses.port,
      scheduler: held.scheduler.port,
      smtp: held.smtp.port,
      held,
    };
  }
  return {
    api: port,
    dynamodb: port + localPortOffsets.dynamodb,
    s3: port + localPortOffsets.s3,
    ses: port + localPortOffsets.ses,
    scheduler: port + localPortOffsets.scheduler,
    smtp: port + localPortOffsets.smtp,
  };
}

/** Where each stand-in of `npm start` listens, counted from PORT (commands find them by it). */
export const localPortOffsets = { dynamodb: 1, s3: 2, ses: 3, scheduler: 4, smtp: 5 } as const;

export function portFromEnvironment(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65530) {
    throw new LocalStackError(
      `PORT must be a port number below 65531, not "${value}": e.g. PORT=3100 npm start`,
    );
  }
  return port;
}

/** A Lambda handler that no route calls (see eventHandlers of @weibao/api). */
type EventHandler = (event: unknown, context: Context) => Promise<unknown>;

/** How long a local event handler may run: the timer function's timeout on AWS. */
const eventHandlerTimeoutMs = 30_000;

/**
 * Starts everything `npm start` runs: DynamoDB Local (spawned), s3rver and the SES and Scheduler
 * stand-ins (in process), the table, the seed, and the HTTP server with the Cognito stand-in. One
 * function for `weibao start`, the integration tests and the browser tests.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const log = options.quiet ? () => undefined : (line: string) => console.log(line);
  const basePort = options.port ?? portFromEnvironment(process.env.PORT);
  const inMemory = options.inMemory ?? false;
  const dataDir = inMemory ? undefined : resolve(options.dataDir ?? defaultDataDir);
  const spawnDynamo = options.dynamodbEndpoint === undefined;
  // Before any port is reserved: a refusal here leaves nothing open.
  if (spawnDynamo) assertJava17();
  const clock = localClock(options.clockStart ?? process.env[clockStartVariable]);
  const ports = await planPorts(basePort);

  const held = 'held' in ports ? ports.held : undefined;
  /** Lets go of a reserved port right before its server listens on it (nothing to do for PORT). */
  const release = async (component: keyof NonNullable<typeof held>) => held?.[component].release();
  // Ports reserved from the system are ours already; a PORT the person chose may be taken.
  if (!held)
    await assertPortsFree(
      [
        { port: ports.api, component: 'HTTP API' },
        ...(spawnDynamo ? [{ port: ports.dynamodb, component: 'DynamoDB Local' }] : []),
        { port: ports.s3, component: 'S3 (s3rver)' },
        { port: ports.ses, component: 'SES (aws-ses-v2-local)' },
        { port: ports.scheduler, component: 'EventBridge Scheduler (stand-in)' },
        { port: ports.smtp, component: 'SMTP intake' },
      ],
      basePort,
    );

  // Whatever started is stopped again if a later step fails, newest first.
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) {
      await stop().catch((err: unknown) => console.error('[local] while stopping:', err));
    }
  };
  if (held)
    stops.push(async () => void (await Promise.all(Object.values(held).map((h) => h.release()))));

  const region = localRegion;
  const loadHandler =
    options.loadHandler ?? fileHandlerLoader(options.functionsDir ?? defaultFunctionsDir);
  // Each route and event handler runs as its own function, with the environment its `uses` grants
  // on AWS; made once the environment is known.
  let functions: ReturnType<typeof localFunctions> | undefined;
  // The Scheduler stand-in runs a target by its function name, as Lambda would: the local name of
  // an event handler, through the same loader the HTTP server uses.
  const invokeFunction = async (functionName: string, event: unknown): Promise<unknown> => {
    const def = eventHandlers.find((h) => localFunctionName(h.name) === functionName);
    if (!def) throw new Error(`Function not found: ${functionName} (no such event handler)`);
    if (!functions) throw new Error(`${functionName} was invoked before the stack was ready`);
    return runInLocalFunction(functions.forEventHandler(def), async () => {
      const handler = (await loadHandler(def.handler)) as unknown as EventHandler;
      return handler(
        event,
        lambdaContext(functionName, region, Date.now() + eventHandlerTimeoutMs),
      );
    });
  };

  try {
    const [dynamo, s3, ses, scheduler] = await Promise.allSettled([
      spawnDynamo
        ? release('dynamodb').then(() =>
            startDynamoDbLocal({
              port: ports.dynamodb,
              inMemory,
              ...(dataDir ? { dataDir: join(dataDir, 'dynamodb') } : {}),
            }),
          )
        : release('dynamodb').then<DynamoDbLocal>(() => ({
            endpoint: options.dynamodbEndpoint as string,
            port: Number(new URL(options.dynamodbEndpoint as string).port),
            stop: async () => undefined,
            crash: async () => undefined,
          })),
      release('s3').then(() =>
        startS3Local({
          port: ports.s3,
          buckets: [localFilesBucket, localMailBucket],
          browserBuckets: [localFilesBucket],
          basePort,
          ...(dataDir ? { dataDir: join(dataDir, 's3') } : {}),
        }),
      ),
      release('ses').then(() => startSesLocal({ port: ports.ses, basePort })),
      // Not firing yet: handlers may run only once the environment is set and the table exists.
      release('scheduler').then(() =>
        startSchedulerLocal({
          port: ports.scheduler,
          basePort,
          region,
          invoke: invokeFunction,
          now: clock.now,
          firing: false,
          invokeTimeoutMs: eventHandlerTimeoutMs,
          ...(dataDir ? { dataDir: join(dataDir, 'scheduler') } : {}),
          ...(options.quiet ? {} : { log }),
        }),
      ),
    ]);
    for (const started of [dynamo, s3, ses, scheduler]) {
      if (started.status === 'fulfilled') stops.push(started.value.stop);
    }
    for (const started of [dynamo, s3, ses, scheduler]) {
      if (started.status === 'rejected') throw started.reason;
    }
    const db = (dynamo as PromiseFulfilledResult<DynamoDbLocal>).value;
    const s3Local = (s3 as PromiseFulfilledResult<Awaited<ReturnType<typeof startS3Local>>>).value;
    const sesLocal = (ses as PromiseFulfilledResult<Awaited<ReturnType<typeof startSesLocal>>>)
      .value;
    const schedulerLocal = (scheduler as PromiseFulfilledResult<SchedulerLocal>).value;
    log(
      `DynamoDB Local ${db.endpoint}, S3 ${s3Local.endpoint}, SES ${sesLocal.endpoint}, ` +
        `Scheduler ${schedulerLocal.endpoint}`,
    );

    const origin = `http://127.0.0.1:${ports.api}`;
    const issuer = await createLocalIssuer({
      issuer: `${origin}/local`,
      ...(dataDir ? { keyDir: join(dataDir, 'issuer') } : {}),
    });
    const env: LocalEnv = {
      region,
      tableName: options.tableName ?? localTableName,
      filesBucket: localFilesBucket,
      mailBucket: localMailBucket,
      mailFrom: localMailFrom,
      intakeDomain: localIntakeDomain,
      mailDirectory: demoUsers.map((u) => ({
        email: u.email,
        name: u.name,
        role: u.role,
        sub: u.sub,
        ...(u.hospitalId ? { hospitalId: u.hospitalId } : {}),
      })),
      endpoints: {
        api: origin,
        dynamodb: db.endpoint,
        s3: s3Local.endpoint,
        sesv2: sesLocal.endpoint,
        scheduler: schedulerLocal.endpoint,
        smtp: `smtp://127.0.0.1:${ports.smtp}`,
        webhooks: `${origin}/local/webhooks`,
      },
      timers: localTimers(region),
      credentials: { ...localCredentials },
      auth: { issuer: issuer.issuer, audience: issuer.audience },
      linkSigningKey:
        options.linkSigningKey ??
        (await loadOrCreateLinkKey(dataDir ? join(dataDir, 'links') : undefined)),
      mailSendRate: options.mailSendRate ?? 100,
    };
    // The process's own environment: for the stack and the tests. Handlers see only their
    // function's (function-scope.ts).
    const restoreEnv = applyLocalEnv(env);
    stops.push(async () => restoreEnv());
    // The handlers' clock (systemClock of @weibao/adapters) follows the stack's, training clock included
    const uninstallClock = installHandlerClock(clock);
    stops.push(async () => uninstallClock());
    if (clock.offsetMs !== 0) {
      // Said even when quiet: a test's output shows at what hour it ran
      console.log(
        `[local] clock starts at ${new Date(clock.now()).toISOString()} ` +
          `(${new Date(clock.now() + 8 * 3_600_000).toISOString().slice(11, 19)} Asia/Shanghai), ` +
          `${Math.round(clock.offsetMs / 1000)} s from the machine's`,
      );
    }
    const stackFunctions = (functions = localFunctions(env));

    const followStream = options.followStream ?? true;
    const client = dynamoDbLocalClient(db.endpoint);
    let addedIndexes: string[] = [];
    try {
      if (await ensureTable(client, env.tableName, { stream: followStream }))
        log(`Created table ${env.tableName}`);
      else addedIndexes = await ensureIndexes(client, env.tableName);
    } finally {
      client.destroy();
    }
    // The table stream's event source mapping: its batches go to the rollups handler.
    const streamPoller = followStream
      ? await startStreamPoller({
          endpoint: db.endpoint,
          tableName: env.tableName,
          deliver: async (records) => {
            const started = performance.now();
            await invokeFunction(localFunctionName('rollups'), { Records: records });
            options.onRollups?.({ records: records.length, ms: performance.now() - started });
          },
          log: (line) => console.error(line),
        })
      : notFollowing;
    stops.push(streamPoller.stop);
    if (options.seed ?? true) await seedDemoData(env, clock.now, options.demoDatedFromToday);
    if (streamPoller.streamAddedToExistingTable) await rebuildRollups(env, clock.now);
    await indexKeptRecords(env, addedIndexes);
    await schedulerLocal.ensureGroup(localScheduleGroup);
    await ensureDailySchedules(env);
    schedulerLocal.startFiring();
    // Stopped again (a no-op) in this place of the list, so firing ends before the environment goes.
    stops.push(schedulerLocal.stop);
    // Only now: the intake handler needs the environment and the table.
    await release('smtp');
    const smtp = await startSmtpIntake({
      port: ports.smtp,
      basePort,
      intakeDomain: env.intakeDomain,
      s3: { endpoint: s3Local.endpoint, region, credentials: env.credentials },
      bucket: env.mailBucket,
      prefix: localMailPrefix,
      ...(options.maxMessageBytes ? { maxMessageBytes: options.maxMessageBytes } : {}),
      functionArn: localFunctionArn('mail-intake', region),
      invoke: (event) => invokeFunction(localFunctionName('mail-intake'), event),
      now: clock.now,
      log: (line) => (options.quiet ? undefined : log(line)),
    });
    stops.push(smtp.stop);
    log(`SMTP intake ${smtp.endpoint}: mail to <hospital>@${env.intakeDomain}`);

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
      webhooks: env.endpoints.webhooks,
      clock: `${origin}/local/clock`,
      dynamodb: db.endpoint,
      s3: s3Local.endpoint,
      sesv2: sesLocal.endpoint,
      scheduler: schedulerLocal.endpoint,
      smtp: smtp.endpoint,
    };
    const webhooks = createWebhookStandIn(clock.now);
    const directory = makeLocalDirectory(env);
    stops.push(async () => directory.destroy());
    const server = createLocalHttpServer({
      routes: options.routes ?? routeTable,
      loadHandler,
      runAsFunction: (route, body) => runInLocalFunction(stackFunctions.forRoute(route), body),
      issuer,
      directory,
      clock: { clock, afterMove: () => schedulerLocal.tick() },
      webhooks,
      webDist: resolve(options.webDist ?? defaultWebDist),
      links: { health: urls.health, openapi: urls.openapi, users: urls.users, inbox: urls.inbox },
      connectOrigins: [s3Local.endpoint],
      region: env.region,
      intakeDomain: env.intakeDomain,
      ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
      ...(options.quiet ? {} : { log }),
    });
    await release('api');
    await listenOnLoopback(server, ports.api, 'HTTP API', basePort);
    stops.push(() => closeServer(server));

    return {
      urls,
      env,
      dataDir,
      issuer,
      scheduler: schedulerLocal,
      webhooks: { posts: webhooks.posts, answerNext: webhooks.answerNext, clear: webhooks.clear },
      s3: { pause: s3Local.pause, resume: s3Local.resume },
      async tokenFor(email) {
        const user = await directory.find(email);
        if (user === 'deactivated') throw new Error(`${email} is deactivated in the directory`);
        if (!user) throw new Error(`no demo user ${email}`);
        return issuer.sign(user);
      },
      now: clock.now,
      clock,
      streamDrained: () => streamPoller.drained(),
      pauseStream: () => streamPoller.pause(),
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
