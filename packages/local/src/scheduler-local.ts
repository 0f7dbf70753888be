import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import * as z from 'zod';
import { localAccount } from './lambda-context.ts';
import { closeServer, listenOnLoopback } from './listen.ts';
import { LocalStackError } from './preflight.ts';
import {
  ScheduleExpressionError,
  assertTimeZone,
  nextFireTime,
  parseScheduleExpression,
  type ScheduleExpression,
} from './schedule-expression.ts';

/**
 * A stand-in for EventBridge Scheduler: the REST-JSON API subset weibao uses (schedules and schedule
 * groups), answered as the SDK expects, and a clock that invokes each due schedule's Lambda target
 * in this process. Retries follow the target's RetryPolicy on a compressed backoff; what still
 * fails lands in a local dead-letter list. At-least-once, like the real service: a one-time
 * schedule that was running when the process stopped runs again on the next start. Simplified:
 * a FLEXIBLE time window runs at its start; a recurring schedule missed while stopped runs once.
 */
export interface SchedulerLocalOptions {
  /** 0: a free port. */
  port: number;
  /** For the "port in use" message: the PORT everything else counts from. */
  basePort?: number;
  region: string;
  /** Schedules and dead letters survive restarts as JSON files here; unset: memory only. */
  dataDir?: string;
  /** Runs a Lambda target: the function name of the target ARN and the schedule's parsed Input. */
  invoke: (functionName: string, event: unknown) => Promise<unknown>;
  /** Epoch milliseconds; tests inject a clock and call tick(). Default Date.now. */
  now?: () => number;
  /** Start checking for due schedules at once (default), or only after startFiring(). */
  firing?: boolean;
  /** How often due schedules are looked for. Default 100 ms. */
  tickMs?: number;
  /** First retry delay, doubling per attempt up to maxRetryDelayMs. Default 1 s (AWS waits longer). */
  retryBaseDelayMs?: number;
  maxRetryDelayMs?: number;
  /** An attempt that has not settled by then counts as failed. Default 60 s. */
  invokeTimeoutMs?: number;
  log?: (line: string) => void;
}

/** One attempt to run a schedule's target. */
export interface FiredInvocation {
  scheduleArn: string;
  name: string;
  groupName: string;
  functionName: string | null;
  /** The event the target received: the schedule's Input, parsed. */
  event: unknown;
  /** When the schedule was due, and when this attempt started (ISO, UTC). */
  dueAt: string;
  firedAt: string;
  attempt: number;
  outcome: 'succeeded' | 'failed';
  error?: string;
}

/** An event that failed every attempt; on AWS it would be a message in the DLQ (if one is set). */
export interface DeadLetter {
  scheduleArn: string;
  name: string;
  groupName: string;
  targetArn: string;
  /** The schedule's DeadLetterConfig; null: AWS would have dropped the event. */
  deadLetterArn: string | null;
  input: string | null;
  dueAt: string;
  attempts: number;
  error: string;
  at: string;
}

export interface SchedulerLocal {
  endpoint: string;
  port: number;
  /** Every attempt so far, oldest first (the last 1000). */
  invocations(): FiredInvocation[];
  deadLetters(): DeadLetter[];
  /** Starts due schedules and due retries now, and waits for those attempts to settle. */
  tick(): Promise<void>;
  startFiring(): void;
  /**
   * Stops firing until startFiring() and waits for the attempts already running: for a test that
   * reads twice and must see no schedule fire in between (an overdue reminder is due at once).
   */
  hold(): Promise<void>;
  /** Creates the schedule group unless it exists (the local stack's `weibao`). */
  ensureGroup(name: string): Promise<void>;
  /**
   * While on, every API request is answered 429 ThrottlingException, as the Scheduler does beyond
   * its API rate: for tests of what a throttled plan leaves behind. Firing goes on.
   */
  throttle(on: boolean): void;
  /**
   * API requests answered so far, throttled ones included: by operation (GetSchedule, …) and by
   * operation and kind of schedule, the name up to its first '-' (`GetSchedule:sla`).
   */
  requests(): Record<string, number>;
  /** Stops firing, waits briefly for running attempts, writes the data file, closes the server. */
  stop(): Promise<void>;
}

interface GroupRecord {
  Name: string;
  Arn: string;
  State: 'ACTIVE';
  CreationDate: number;
  LastModificationDate: number;
}

type Target = z.infer<typeof targetSchema>;

interface ScheduleRecord {
  Name: string;
  GroupName: string;
  Arn: string;
  ScheduleExpression: string;
  ScheduleExpressionTimezone: string;
  StartDate?: number;
  EndDate?: number;
  Description?: string;
  State: 'ENABLED' | 'DISABLED';
  KmsKeyArn?: string;
  Target: Target;
  FlexibleTimeWindow: { Mode: 'OFF' | 'FLEXIBLE'; MaximumWindowInMinutes?: number };
  ActionAfterCompletion: 'NONE' | 'DELETE';
  /** Epoch seconds, as the API answers. */
  CreationDate: number;
  LastModificationDate: number;
  /** Epoch ms of the next run; null once a one-time schedule has run or a recurring one is over. */
  nextFireAt: number | null;
  /** Bumped on every update, so a run that started before an update does not delete the update. */
  version: number;
}

interface Delivery {
  key: string;
  version: number;
  oneTime: boolean;
  schedule: ScheduleRecord;
  dueAt: number;
  attempts: number;
  nextAttemptAt: number;
  running: boolean;
}

interface StoredState {
  groups: GroupRecord[];
  schedules: ScheduleRecord[];
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const validation = (message: string) => new ApiError(400, 'ValidationException', message);
const notFound = (message: string) => new ApiError(404, 'ResourceNotFoundException', message);
const conflict = (message: string) => new ApiError(409, 'ConflictException', message);

const namePattern = /^[0-9a-zA-Z-_.]{1,64}$/;
const defaultGroup = 'default';
const maxBodyBytes = 1024 * 1024;
const keptInvocations = 1000;

const targetSchema = z.looseObject({
  Arn: z.string().min(1).max(1600),
  RoleArn: z.string().min(1).max(1600),
  Input: z.string().min(1).max(8192).optional(),
  RetryPolicy: z
    .object({
      MaximumEventAgeInSeconds: z.number().int().min(60).max(86400).optional(),
      MaximumRetryAttempts: z.number().int().min(0).max(185).optional(),
    })
    .optional(),
  DeadLetterConfig: z.object({ Arn: z.string().min(1).max(1600).optional() }).optional(),
});

const scheduleBodySchema = z.object({
  ScheduleExpression: z.string().min(1).max(256),
  ScheduleExpressionTimezone: z.string().min(1).max(50).optional(),
  FlexibleTimeWindow: z.object({
    Mode: z.enum(['OFF', 'FLEXIBLE']),
    MaximumWindowInMinutes: z.number().int().min(1).max(1440).optional(),
  }),
  Target: targetSchema,
  GroupName: z.string().regex(namePattern).optional(),
  StartDate: z.number().optional(),
  EndDate: z.number().optional(),
  Description: z.string().max(512).optional(),
  State: z.enum(['ENABLED', 'DISABLED']).optional(),
  KmsKeyArn: z.string().min(1).max(2048).optional(),
  ActionAfterCompletion: z.enum(['NONE', 'DELETE']).optional(),
  ClientToken: z.string().optional(),
});

/** arn:aws:lambda:us-east-1:000000000000:function:weibao-local-sla-timer[:qualifier] → the name. */
export function lambdaFunctionName(arn: string): string | null {
  const m =
    /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]+)(?::[A-Za-z0-9_$-]+)?$/.exec(
      arn,
    );
  return m ? (m[1] as string) : null;
}

const seconds = (ms: number) => ms / 1000;
const isoOf = (ms: number) => new Date(ms).toISOString();

async function writeAtomically(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  // rename() replaces the file in one step: a crash leaves the old file or the new one, never half.
  await rename(temporary, file);
}

async function readJson<T>(file: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new LocalStackError(
      `${file} is not valid JSON: fix or delete it (it holds the local Scheduler's schedules)`,
    );
  }
}

export async function startSchedulerLocal(options: SchedulerLocalOptions): Promise<SchedulerLocal> {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const tickMs = options.tickMs ?? 100;
  const retryBaseDelayMs = options.retryBaseDelayMs ?? 1000;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 60_000;
  const invokeTimeoutMs = options.invokeTimeoutMs ?? 60_000;
  const { region } = options;

  const schedulesFile = options.dataDir ? join(options.dataDir, 'schedules.json') : undefined;
  const deadLettersFile = options.dataDir ? join(options.dataDir, 'dead-letters.json') : undefined;
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });

  const groups = new Map<string, GroupRecord>();
  const schedules = new Map<string, ScheduleRecord>();
  const deadLetters: DeadLetter[] = [];
  const invocations: FiredInvocation[] = [];
  const deliveries: Delivery[] = [];
  const running = new Set<Promise<void>>();
  const keyOf = (group: string, name: string) => `${group}/${name}`;
  const groupArn = (name: string) =>
    `arn:aws:scheduler:${region}:${localAccount}:schedule-group/${name}`;
  const scheduleArn = (group: string, name: string) =>
    `arn:aws:scheduler:${region}:${localAccount}:schedule/${group}/${name}`;

  const addGroup = (name: string) => {
    const at = seconds(now());
    groups.set(name, {
      Name: name,
      Arn: groupArn(name),
      State: 'ACTIVE',
      CreationDate: at,
      LastModificationDate: at,
    });
  };

  if (schedulesFile) {
    const stored = await readJson<StoredState>(schedulesFile);
    for (const g of stored?.groups ?? []) groups.set(g.Name, g);
    for (const s of stored?.schedules ?? []) schedules.set(keyOf(s.GroupName, s.Name), s);
  }
  if (deadLettersFile) deadLetters.push(...((await readJson<DeadLetter[]>(deadLettersFile)) ?? []));
  if (!groups.has(defaultGroup)) addGroup(defaultGroup);

  // One writer at a time; whatever changes while it writes is written right after.
  let dirty = false;
  let writer: Promise<void> | undefined;
  const persist = (): Promise<void> => {
    if (!schedulesFile || !deadLettersFile) return Promise.resolve();
    dirty = true;
    writer ??= (async () => {
      try {
        while (dirty) {
          dirty = false;
          const state: StoredState = {
            groups: [...groups.values()],
            schedules: [...schedules.values()],
          };
          await writeAtomically(schedulesFile, `${JSON.stringify(state, null, 1)}\n`);
          await writeAtomically(deadLettersFile, `${JSON.stringify(deadLetters, null, 1)}\n`);
        }
      } finally {
        writer = undefined;
      }
    })();
    return writer;
  };

  function parseExpression(text: string, timeZone: string): ScheduleExpression {
    try {
      assertTimeZone(timeZone);
      return parseScheduleExpression(text);
    } catch (err) {
      if (err instanceof ScheduleExpressionError) throw validation(err.message);
      throw err;
    }
  }

  /** The first run at or after `from` (one-time: its instant, even if passed). */
  function firstRun(s: ScheduleRecord, from: number): number | null {
    const expression = parseExpression(s.ScheduleExpression, s.ScheduleExpressionTimezone);
    const anchor = s.StartDate !== undefined ? s.StartDate * 1000 : s.CreationDate * 1000;
    const after = Math.max(from, s.StartDate !== undefined ? s.StartDate * 1000 : from) - 1;
    const next = nextFireTime(expression, {
      timeZone: s.ScheduleExpressionTimezone,
      after,
      anchor,
    });
    if (next === undefined) return null;
    if (expression.kind !== 'at' && s.EndDate !== undefined && next > s.EndDate * 1000) return null;
    return next;
  }

  function scheduleFromBody(
    name: string,
    body: unknown,
    existing?: ScheduleRecord,
  ): ScheduleRecord {
    if (!namePattern.test(name))
      throw validation(`Name ${name} must be 1-64 letters, digits, hyphens, underscores or dots`);
    const parsed = scheduleBodySchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw validation(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
    }
    const b = parsed.data;
    if (b.FlexibleTimeWindow.Mode === 'FLEXIBLE' && !b.FlexibleTimeWindow.MaximumWindowInMinutes)
      throw validation(
        'FlexibleTimeWindow.MaximumWindowInMinutes is required when Mode is FLEXIBLE',
      );
    if (b.FlexibleTimeWindow.Mode === 'OFF' && b.FlexibleTimeWindow.MaximumWindowInMinutes)
      throw validation(
        'FlexibleTimeWindow.MaximumWindowInMinutes is only allowed when Mode is FLEXIBLE',
      );
    const group = b.GroupName ?? defaultGroup;
    if (!groups.has(group)) throw notFound(`Schedule group ${group} does not exist.`);
    const timeZone = b.ScheduleExpressionTimezone ?? 'UTC';
    parseExpression(b.ScheduleExpression, timeZone);
    if (b.StartDate !== undefined && b.EndDate !== undefined && b.EndDate <= b.StartDate)
      throw validation('EndDate must be after StartDate');
    const at = seconds(now());
    const record: ScheduleRecord = {
      Name: name,
      GroupName: group,
      Arn: scheduleArn(group, name),
      ScheduleExpression: b.ScheduleExpression,
      ScheduleExpressionTimezone: timeZone,
      ...(b.StartDate !== undefined ? { StartDate: b.StartDate } : {}),
      ...(b.EndDate !== undefined ? { EndDate: b.EndDate } : {}),
      ...(b.Description !== undefined ? { Description: b.Description } : {}),
      State: b.State ?? 'ENABLED',
      ...(b.KmsKeyArn !== undefined ? { KmsKeyArn: b.KmsKeyArn } : {}),
      Target: b.Target,
      FlexibleTimeWindow: b.FlexibleTimeWindow,
      ActionAfterCompletion: b.ActionAfterCompletion ?? 'NONE',
      CreationDate: existing?.CreationDate ?? at,
      LastModificationDate: at,
      nextFireAt: null,
      version: (existing?.version ?? 0) + 1,
    };
    record.nextFireAt = firstRun(record, now());
    return record;
  }

  function publicSchedule(s: ScheduleRecord) {
    const { nextFireAt: _next, version: _version, ...visible } = s;
    return visible;
  }

  function summary(s: ScheduleRecord) {
    return {
      Arn: s.Arn,
      Name: s.Name,
      GroupName: s.GroupName,
      State: s.State,
      CreationDate: s.CreationDate,
      LastModificationDate: s.LastModificationDate,
      Target: { Arn: s.Target.Arn },
    };
  }

  function page<T>(items: T[], keyOfItem: (item: T) => string, query: URLSearchParams) {
    const max = query.has('MaxResults') ? Number(query.get('MaxResults')) : 100;
    if (!Number.isInteger(max) || max < 1 || max > 100)
      throw validation('MaxResults must be between 1 and 100');
    const token = query.get('NextToken');
    let start = 0;
    if (token) {
      const after = Buffer.from(token, 'base64url').toString('utf8');
      start = items.findIndex((item) => keyOfItem(item) > after);
      if (start < 0) start = items.length;
    }
    const slice = items.slice(start, start + max);
    const last = slice[slice.length - 1];
    const more = start + max < items.length && last !== undefined;
    return {
      slice,
      NextToken: more ? Buffer.from(keyOfItem(last), 'utf8').toString('base64url') : undefined,
    };
  }

  function scheduleKey(name: string, query: URLSearchParams) {
    const group = query.get('groupName') ?? defaultGroup;
    return keyOf(group, name);
  }

  async function handle(method: string, url: URL, body: unknown): Promise<unknown> {
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const [collection, name, extra] = parts;
    if (extra !== undefined || (collection !== 'schedules' && collection !== 'schedule-groups'))
      throw new ApiError(
        404,
        'UnknownOperationException',
        `No operation for ${method} ${url.pathname}`,
      );

    if (collection === 'schedules' && name === undefined && method === 'GET') {
      const group = url.searchParams.get('ScheduleGroup');
      const prefix = url.searchParams.get('NamePrefix') ?? '';
      const state = url.searchParams.get('State');
      const items = [...schedules.values()]
        .filter(
          (s) =>
            (group === null || s.GroupName === group) &&
            s.Name.startsWith(prefix) &&
            (state === null || s.State === state),
        )
        .sort((a, b) => keyOf(a.GroupName, a.Name).localeCompare(keyOf(b.GroupName, b.Name)));
      const { slice, NextToken } = page(items, (s) => keyOf(s.GroupName, s.Name), url.searchParams);
      return { Schedules: slice.map(summary), ...(NextToken ? { NextToken } : {}) };
    }
    if (collection === 'schedules' && name !== undefined) {
      switch (method) {
        case 'POST': {
          const record = scheduleFromBody(name, body);
          const key = keyOf(record.GroupName, name);
          if (schedules.has(key)) throw conflict(`Schedule ${name} already exists.`);
          schedules.set(key, record);
          await persist();
          return { ScheduleArn: record.Arn };
        }
        case 'PUT': {
          const group = (body as { GroupName?: unknown } | null)?.GroupName;
          const key = keyOf(typeof group === 'string' ? group : defaultGroup, name);
          const existing = schedules.get(key);
          if (!existing) throw notFound(`Schedule ${name} does not exist.`);
          const record = scheduleFromBody(name, body, existing);
          schedules.set(key, record);
          await persist();
          return { ScheduleArn: record.Arn };
        }
        case 'GET': {
          const s = schedules.get(scheduleKey(name, url.searchParams));
          if (!s) throw notFound(`Schedule ${name} does not exist.`);
          return publicSchedule(s);
        }
        case 'DELETE': {
          const key = scheduleKey(name, url.searchParams);
          if (!schedules.delete(key)) throw notFound(`Schedule ${name} does not exist.`);
          await persist();
          return {};
        }
      }
    }
    if (collection === 'schedule-groups' && name === undefined && method === 'GET') {
      const prefix = url.searchParams.get('NamePrefix') ?? '';
      const items = [...groups.values()]
        .filter((g) => g.Name.startsWith(prefix))
        .sort((a, b) => a.Name.localeCompare(b.Name));
      const { slice, NextToken } = page(items, (g) => g.Name, url.searchParams);
      return { ScheduleGroups: slice, ...(NextToken ? { NextToken } : {}) };
    }
    if (collection === 'schedule-groups' && name !== undefined) {
      switch (method) {
        case 'POST': {
          if (!namePattern.test(name))
            throw validation(
              `Name ${name} must be 1-64 letters, digits, hyphens, underscores or dots`,
            );
          if (groups.has(name)) throw conflict(`Schedule group ${name} already exists.`);
          addGroup(name);
          await persist();
          return { ScheduleGroupArn: groupArn(name) };
        }
        case 'GET': {
          const g = groups.get(name);
          if (!g) throw notFound(`Schedule group ${name} does not exist.`);
          return g;
        }
        case 'DELETE': {
          if (name === defaultGroup)
            throw validation('The default schedule group cannot be deleted.');
          if (!groups.delete(name)) throw notFound(`Schedule group ${name} does not exist.`);
          for (const [key, s] of schedules) if (s.GroupName === name) schedules.delete(key);
          await persist();
          return {};
        }
      }
    }
    throw new ApiError(
      404,
      'UnknownOperationException',
      `No operation for ${method} ${url.pathname}`,
    );
  }

  function readBody(req: IncomingMessage): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBodyBytes) {
          reject(validation('Request body too large'));
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (text.trim() === '') return resolve(undefined);
        try {
          resolve(JSON.parse(text));
        } catch {
          reject(validation('Request body is not JSON'));
        }
      });
      req.on('error', reject);
    });
  }

  function answer(res: ServerResponse, status: number, body: unknown, errorType?: string) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    // The SDK reads the error code from this header and throws the matching exception class.
    if (errorType) headers['x-amzn-errortype'] = errorType;
    res.writeHead(status, headers);
    res.end(JSON.stringify(body));
  }

  let throttled = false;
  const requestCounts: Record<string, number> = {};
  /** The operation a request is, named as the API names it. */
  function operationOf(method: string, url: URL): string {
    const [collection, name] = url.pathname.split('/').filter(Boolean);
    const noun = collection === 'schedule-groups' ? 'ScheduleGroup' : 'Schedule';
    if (name === undefined) return method === 'GET' ? `List${noun}s` : `${method} ${noun}s`;
    const verb = { POST: 'Create', PUT: 'Update', GET: 'Get', DELETE: 'Delete' }[method] ?? method;
    return `${verb}${noun}`;
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const operation = operationOf(req.method ?? 'GET', url);
        // Also by the kind of schedule (the name up to its first '-': sla, obl, chd, …).
        const kind = decodeURIComponent(url.pathname.split('/')[2] ?? '').split('-')[0];
        for (const counted of kind ? [operation, `${operation}:${kind}`] : [operation])
          requestCounts[counted] = (requestCounts[counted] ?? 0) + 1;
        const body = await readBody(req);
        if (throttled) throw new ApiError(429, 'ThrottlingException', 'Rate exceeded');
        answer(res, 200, await handle(req.method ?? 'GET', url, body));
      } catch (err) {
        if (err instanceof ApiError) answer(res, err.status, { Message: err.message }, err.type);
        else {
          console.error('[local] Scheduler stand-in failed:', err);
          answer(res, 500, { Message: 'internal error' }, 'InternalServerException');
        }
      }
    })();
  });

  function record(d: Delivery, firedAt: number, event: unknown, error?: string) {
    invocations.push({
      scheduleArn: d.schedule.Arn,
      name: d.schedule.Name,
      groupName: d.schedule.GroupName,
      functionName: lambdaFunctionName(d.schedule.Target.Arn),
      event,
      dueAt: isoOf(d.dueAt),
      firedAt: isoOf(firedAt),
      attempt: d.attempts,
      outcome: error === undefined ? 'succeeded' : 'failed',
      ...(error !== undefined ? { error } : {}),
    });
    if (invocations.length > keptInvocations)
      invocations.splice(0, invocations.length - keptInvocations);
  }

  /** A one-time schedule is done when it ran or was dead-lettered; a later update survives it. */
  function complete(d: Delivery) {
    deliveries.splice(deliveries.indexOf(d), 1);
    if (!d.oneTime) return;
    const current = schedules.get(d.key);
    if (!current || current.version !== d.version) return;
    if (current.ActionAfterCompletion === 'DELETE') schedules.delete(d.key);
    else current.nextFireAt = null;
  }

  async function invokeWithTimeout(functionName: string, event: unknown): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${invokeTimeoutMs} ms`)),
        invokeTimeoutMs,
      );
    });
    try {
      await Promise.race([options.invoke(functionName, event), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function attempt(d: Delivery): Promise<void> {
    d.running = true;
    d.attempts += 1;
    const firedAt = now();
    const input = d.schedule.Target.Input;
    let event: unknown = {};
    try {
      event = input === undefined ? {} : JSON.parse(input);
    } catch {
      event = input;
    }
    try {
      const functionName = lambdaFunctionName(d.schedule.Target.Arn);
      if (!functionName)
        throw new Error(`only Lambda targets run locally, not ${d.schedule.Target.Arn}`);
      await invokeWithTimeout(functionName, event);
      record(d, firedAt, event);
      log(`[scheduler] ${d.schedule.Name} ran ${firedAt - d.dueAt} ms after ${isoOf(d.dueAt)}`);
      complete(d);
    } catch (err) {
      const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      record(d, firedAt, event, error);
      const policy = d.schedule.Target.RetryPolicy;
      const maxAttempts = 1 + (policy?.MaximumRetryAttempts ?? 185);
      const maxAgeMs = (policy?.MaximumEventAgeInSeconds ?? 86_400) * 1000;
      const delay = Math.min(retryBaseDelayMs * 2 ** (d.attempts - 1), maxRetryDelayMs);
      if (d.attempts >= maxAttempts || now() + delay - d.dueAt > maxAgeMs) {
        const dlq = d.schedule.Target.DeadLetterConfig?.Arn ?? null;
        deadLetters.push({
          scheduleArn: d.schedule.Arn,
          name: d.schedule.Name,
          groupName: d.schedule.GroupName,
          targetArn: d.schedule.Target.Arn,
          deadLetterArn: dlq,
          input: input ?? null,
          dueAt: isoOf(d.dueAt),
          attempts: d.attempts,
          error,
          at: isoOf(now()),
        });
        log(
          `[scheduler] ${d.schedule.Name} failed ${d.attempts} times, ${dlq ? `dead-lettered (${dlq})` : 'dropped'}: ${error}`,
        );
        complete(d);
      } else {
        d.nextAttemptAt = now() + delay;
        d.running = false;
        log(
          `[scheduler] ${d.schedule.Name} failed (attempt ${d.attempts}), retrying in ${delay} ms: ${error}`,
        );
      }
    }
    await persist().catch((err: unknown) =>
      console.error('[local] Scheduler stand-in could not write its data file:', err),
    );
  }

  function dispatchDue(at: number) {
    for (const [key, s] of schedules) {
      if (s.State !== 'ENABLED' || s.nextFireAt === null || s.nextFireAt > at) continue;
      if (deliveries.some((d) => d.key === key && d.oneTime)) continue;
      const oneTime = s.ScheduleExpression.startsWith('at(');
      deliveries.push({
        key,
        version: s.version,
        oneTime,
        schedule: structuredClone(s),
        dueAt: s.nextFireAt,
        attempts: 0,
        nextAttemptAt: at,
        running: false,
      });
      // A recurring schedule moves on at once (a missed run while stopped runs once, not many times);
      // a one-time schedule keeps its time until it has run, so a restart runs it again.
      if (!oneTime) {
        s.nextFireAt = firstRun(s, Math.max(s.nextFireAt, at) + 1);
        void persist();
      }
    }
  }

  async function tick(): Promise<void> {
    const at = now();
    dispatchDue(at);
    const started = deliveries
      .filter((d) => !d.running && d.nextAttemptAt <= at)
      .map((d) => {
        const p = attempt(d);
        running.add(p);
        void p.finally(() => running.delete(p));
        return p;
      });
    await Promise.all(started);
  }

  let interval: NodeJS.Timeout | undefined;
  const startFiring = () => {
    interval ??= setInterval(() => {
      tick().catch((err: unknown) => console.error('[local] Scheduler stand-in tick failed:', err));
    }, tickMs);
    interval.unref();
  };

  const port = await listenOnLoopback(
    server,
    options.port,
    'EventBridge Scheduler (stand-in)',
    options.basePort ?? options.port,
  );
  await persist();
  if (options.firing ?? true) startFiring();

  let stopped = false;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    invocations: () => [...invocations],
    deadLetters: () => [...deadLetters],
    tick,
    startFiring,
    async hold() {
      clearInterval(interval);
      interval = undefined;
      await Promise.allSettled([...running]);
    },
    async ensureGroup(name) {
      if (groups.has(name)) return;
      addGroup(name);
      await persist();
    },
    throttle(on) {
      throttled = on;
    },
    requests: () => ({ ...requestCounts }),
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(interval);
      // A handler still running after this would find the environment already restored.
      await Promise.race([
        Promise.allSettled([...running]),
        new Promise((resolve) => setTimeout(resolve, 5_000).unref()),
      ]);
      await persist();
      await closeServer(server);
    },
  };
}
