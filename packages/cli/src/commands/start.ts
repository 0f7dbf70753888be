import {
  LocalStackError,
  demoUsers,
  startLocalStack,
  type LocalStack,
  type LocalStackOptions,
} from '@weibao/local';
import { roleNamesZh } from '@weibao/domain';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError, type Command } from '../command.ts';

const usage =
  'npm start [-- --in-memory] [--data-dir DIR] [--no-seed] [--no-web-build] [--quiet]' +
  '   (PORT=3100 npm start moves all six ports: API 3100, DynamoDB 3101, S3 3102, SES 3103, Scheduler 3104, SMTP 3105)';

let skipWebBuild = false;

function parseArgs(args: string[]): LocalStackOptions {
  // A person's start: the demo contracts begin shortly before today, not on the tests' 2026 days
  const options: LocalStackOptions = { demoDatedFromToday: true };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--in-memory') options.inMemory = true;
    else if (arg === '--no-seed') options.seed = false;
    else if (arg === '--no-web-build') skipWebBuild = true;
    else if (arg === '--quiet') options.quiet = true;
    else if (arg === '--data-dir') {
      const dir = args[++i];
      if (!dir) throw new UsageError('--data-dir needs a folder, e.g. --data-dir .data');
      options.dataDir = dir;
    } else throw new UsageError(`unknown option ${arg}; usage: ${usage}`);
  }
  return options;
}

/** The training clock's line: the stack's time in 北京时间 and how to move it on. */
function clockLine(stack: LocalStack): string {
  const beijing = new Date(stack.now() + 8 * 3_600_000)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');
  const moved = stack.clock.offsetMs === 0 ? 'the machine’s' : 'moved';
  return (
    `(${beijing} 北京时间, ${moved}; training clock: the strip atop the web app, or ` +
    `curl -X POST ${stack.urls.clock} -H 'content-type: application/json' -d '{"advanceMinutes":61}')`
  );
}

export function banner(stack: LocalStack): string {
  const { urls, env } = stack;
  const firstEmail = demoUsers[0]?.email ?? 'admin@vendor.example';
  const width = Math.max(...demoUsers.map((u) => u.email.length));
  return [
    '',
    `weibao 维保 is running locally (${stack.dataDir ? `data in ${stack.dataDir}` : 'in memory'})`,
    '',
    `  Web app    ${urls.web}`,
    `  API        ${urls.api}`,
    `  Health     ${urls.health}`,
    `  OpenAPI    ${urls.openapi}`,
    `  Inbox      ${urls.inbox}   (mail the app sends)`,
    `  Webhooks   ${urls.webhooks}   (WeCom and DingTalk group robot posts the app sends)`,
    `  DynamoDB   ${urls.dynamodb}   table ${env.tableName}`,
    `  S3         ${urls.s3}   buckets ${env.filesBucket}, ${env.mailBucket}`,
    `  SES v2     ${urls.sesv2}`,
    `  Scheduler  ${urls.scheduler}   group ${env.timers.scheduleGroup}   (EventBridge Scheduler stand-in: SLA timers)`,
    `  SMTP       ${urls.smtp}   (mail intake: send fault reports to whzx@${env.intakeDomain})`,
    `  Sign-in    ${urls.issuer}   (Cognito stand-in: ${urls.users}, ${urls.jwks})`,
    `  Clock      ${urls.clock}   ${clockLine(stack)}`,
    '',
    'Demo users:',
    ...demoUsers.map(
      (u) =>
        `  ${u.email.padEnd(width)}  ${roleNamesZh[u.role]}${u.hospitalId ? ` @ ${u.hospitalId}` : ''}  ${u.name}`,
    ),
    '',
    'A token and a first call:',
    `  TOKEN=$(curl -s -X POST ${urls.token} -H 'content-type: application/json' \\`,
    `    -d '{"email":"${firstEmail}"}' | sed -E 's/.*"token":"([^"]+)".*/\\1/')`,
    `  curl -H "authorization: Bearer $TOKEN" ${urls.api}/me`,
    '',
    'Ctrl-C stops everything.',
    '',
  ].join('\n');
}

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.removeListener('SIGINT', on);
      process.removeListener('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

const repoRoot = join(import.meta.dirname, '../../../..');

/**
 * `npm ci && npm start` should show the web app, so the first start builds it (about 20 s);
 * later starts serve what is there (`npm run build --workspace web` after changing it).
 */
function buildWebIfMissing(): void {
  if (existsSync(join(repoRoot, 'web', 'dist', 'index.html'))) return;
  console.log('Building the web app once (web/dist) …');
  const built = spawnSync('npm', ['run', 'build', '--workspace', 'web'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (built.status !== 0)
    console.error(
      'weibao start: the web app did not build; the API runs without it (see the output above).',
    );
}

export const command: Command = {
  summary:
    'Run weibao on this machine: DynamoDB Local, S3, SES, the Scheduler and the API with a local sign-in, on 127.0.0.1.',
  usage,
  async run(args) {
    const options = parseArgs(args);
    if (!skipWebBuild) buildWebIfMissing();
    let stack: LocalStack;
    try {
      stack = await startLocalStack(options);
    } catch (err) {
      if (err instanceof LocalStackError) {
        console.error(`weibao start: ${err.message}`);
        return 1;
      }
      throw err;
    }
    console.log(banner(stack));

    const signal = await waitForSignal();
    console.log(`\n${signal}: stopping…`);
    // A second Ctrl-C while stopping does not wait any longer.
    const force = () => process.exit(1);
    process.once('SIGINT', force);
    process.once('SIGTERM', force);
    await stack.stop();
    console.log('Stopped.');
    // Handlers may hold keep-alive sockets or timers; they must not keep the process alive.
    setTimeout(() => process.exit(0), 2_000).unref();
    return 0;
  },
};
