import { AsyncLocalStorage } from 'node:async_hooks';
import {
  functionEnvironment,
  grantedVariableNames,
  type FunctionResources,
  type FunctionUses,
} from '@weibao/api';
import { localMailPrefix, type LocalEnv } from './env.ts';
import { localFunctionName } from './lambda-context.ts';

/**
 * One function of the local stack: what a Lambda function is on AWS. Its environment is what CDK
 * gives the function on AWS (functionEnvironment of its `uses`) plus the local endpoints and
 * credentials every function needs. Handlers of one stack share one Node process; while one of them
 * runs, process.env shows its function's environment only (see runInLocalFunction).
 */
export interface LocalFunction {
  /** weibao-local-<name>, as AWS_LAMBDA_FUNCTION_NAME. */
  readonly name: string;
  /** The function's own variables; a handler's writes land here, as in its own process on AWS. */
  readonly environment: Map<string, string | undefined>;
}

/** The local values of the resources a function may be granted. */
export function localFunctionResources(env: LocalEnv): FunctionResources {
  return {
    tableName: env.tableName,
    filesBucket: env.filesBucket,
    inbound: {
      bucket: env.mailBucket,
      prefix: localMailPrefix,
      intakeDomain: env.intakeDomain,
      directory: { json: JSON.stringify(env.mailDirectory) },
    },
    // Links in emails point at the local web app, on the API's origin.
    mail: {
      from: env.mailFrom,
      webOrigin: env.endpoints.api,
      intakeDomain: env.intakeDomain,
      sendRate: env.mailSendRate,
    },
    timers: {
      groupName: env.timers.scheduleGroup,
      slaTimerArn: env.timers.slaTimerArn,
      obligationTimerArn: env.timers.obligationTimerArn,
      channelDeliveryArn: env.timers.channelDeliveryArn,
      schedulerRoleArn: env.timers.schedulerRoleArn,
      deadLetterArn: env.timers.deadLetterArn,
    },
    linkKey: { localKey: env.linkSigningKey },
  };
}

/** What Lambda itself sets, and what points the SDK at the stand-ins: every local function has these. */
export function localRuntimeVariables(env: LocalEnv, functionName: string): Record<string, string> {
  return {
    AWS_REGION: env.region,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_ACCESS_KEY_ID: env.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: env.credentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: env.endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: env.endpoints.s3,
    AWS_ENDPOINT_URL_SESV2: env.endpoints.sesv2,
    AWS_ENDPOINT_URL_SCHEDULER: env.endpoints.scheduler,
    // The group robots' stand-in: nothing of the local stack posts to WeCom or DingTalk.
    WEBHOOK_ENDPOINT_URL: env.endpoints.webhooks,
  };
}

/** A route's (by handler) or an event handler's (by name) function, with exactly its grants. */
export function localFunction(name: string, uses: FunctionUses, env: LocalEnv): LocalFunction {
  const functionName = localFunctionName(name);
  return {
    name: functionName,
    environment: new Map(
      Object.entries({
        ...localRuntimeVariables(env, functionName),
        ...functionEnvironment(uses, localFunctionResources(env)),
      }),
    ),
  };
}

interface Runtime {
  storage: AsyncLocalStorage<LocalFunction>;
  /** The process.env stand-in while installed. */
  view?: NodeJS.ProcessEnv;
}

// On globalThis: a test runner may load this module more than once in one process, and every copy
// must share one storage and one process.env view instead of wrapping each other's.
const runtime = ((globalThis as Record<symbol, Runtime | undefined>)[
  Symbol.for('weibao.local.functionRuntime')
] ??= { storage: new AsyncLocalStorage<LocalFunction>() });

const hidden = new Set(grantedVariableNames);

function lookup(fn: LocalFunction, host: NodeJS.ProcessEnv, key: string): string | undefined {
  if (fn.environment.has(key)) return fn.environment.get(key);
  return hidden.has(key) ? undefined : host[key];
}

/**
 * process.env as a view: outside any function it is the process's own environment (the stack, the
 * tests); inside one it is that function's variables over the host's, with every variable a grant
 * brings (TABLE_NAME, FILES_BUCKET, MAIL_FROM, …) hidden unless the function has it.
 */
function environmentView(host: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const current = () => runtime.storage.getStore();
  return new Proxy(host, {
    get(target, key, receiver) {
      const fn = current();
      if (!fn || typeof key !== 'string') return Reflect.get(target, key, receiver) as unknown;
      return lookup(fn, target, key);
    },
    has(target, key) {
      const fn = current();
      if (!fn || typeof key !== 'string') return Reflect.has(target, key);
      return lookup(fn, target, key) !== undefined;
    },
    set(target, key, value) {
      const fn = current();
      // Set on process.env itself, not through the view: with the view as receiver, process.env
      // would be given a bare { value } descriptor, which it refuses (Object.assign(process.env, …)).
      if (!fn || typeof key !== 'string') return Reflect.set(target, key, value);
      fn.environment.set(key, String(value));
      return true;
    },
    deleteProperty(target, key) {
      const fn = current();
      if (!fn || typeof key !== 'string') return Reflect.deleteProperty(target, key);
      fn.environment.set(key, undefined);
      return true;
    },
    ownKeys(target) {
      const fn = current();
      if (!fn) return Reflect.ownKeys(target);
      const keys = new Set([...Object.keys(target), ...fn.environment.keys()]);
      return [...keys].filter((key) => lookup(fn, target, key) !== undefined);
    },
    getOwnPropertyDescriptor(target, key) {
      const fn = current();
      if (!fn || typeof key !== 'string') return Reflect.getOwnPropertyDescriptor(target, key);
      const value = lookup(fn, target, key);
      return value === undefined
        ? undefined
        : { value, writable: true, enumerable: true, configurable: true };
    },
  });
}

/** Installs the view, again if someone replaced process.env meanwhile (tests do). */
function ensureView(): void {
  if (runtime.view && process.env === runtime.view) return;
  runtime.view = environmentView(process.env);
  process.env = runtime.view;
  // functions/lib/per-function.ts asks which function runs, to keep cold-start state per function.
  (globalThis as Record<symbol, unknown>)[Symbol.for('weibao.local.currentFunction')] = () =>
    runtime.storage.getStore();
}

/**
 * Runs `body` (loading a handler, invoking it) as `fn`: everything it starts, awaits and schedules
 * reads process.env as that function's environment. AsyncLocalStorage rather than swapping
 * process.env, because concurrent requests to different functions interleave in one process.
 */
export function runInLocalFunction<T>(fn: LocalFunction, body: () => Promise<T>): Promise<T> {
  ensureView();
  return runtime.storage.run(fn, body);
}

/** The functions of one stack: one per route and one per event handler, made on first use. */
export function localFunctions(env: LocalEnv) {
  const made = new Map<string, LocalFunction>();
  const get = (key: string, name: string, uses: FunctionUses) => {
    let fn = made.get(key);
    if (!fn) made.set(key, (fn = localFunction(name, uses, env)));
    return fn;
  };
  return {
    /** On AWS every route has a function of its own, also where two routes share a handler file. */
    forRoute: (route: { operationId: string; handler: string; uses?: FunctionUses }) =>
      get(`route:${route.operationId}`, route.handler, route.uses),
    forEventHandler: (def: { name: string; uses?: FunctionUses }) =>
      get(`event:${def.name}`, def.name, def.uses),
  };
}
