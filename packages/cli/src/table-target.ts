import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { hospitalIdSchema } from '@weibao/domain';
import {
  localCredentials,
  localPortOffsets,
  localRegion,
  localTableName,
  LocalStackError,
  portFromEnvironment,
} from '@weibao/local';
import { makeDb, vendorChainId, type Db } from '@weibao/store';
import { UsageError } from './command.ts';

/**
 * Where `npm start` runs DynamoDB Local: the API port plus one, the API port being PORT (3000 when
 * unset), exactly as `npm start` reads it. A PORT that is no port is a usage error with the fix.
 */
export function localDynamoEndpoint(env: NodeJS.ProcessEnv = process.env): string {
  try {
    return `http://127.0.0.1:${portFromEnvironment(env.PORT) + localPortOffsets.dynamodb}`;
  } catch (err) {
    if (err instanceof LocalStackError) throw new UsageError(err.message);
    throw err;
  }
}

export const tableTargetHelp = [
  'Table: TABLE_NAME on AWS (region and credentials as the AWS SDK finds them), or',
  `AWS_ENDPOINT_URL_DYNAMODB for another endpoint. With neither set: the local stack of`,
  `\`npm start\`, table ${localTableName} at http://127.0.0.1:PORT+1 (PORT as for npm start, 3000 when unset: 3001).`,
].join('\n');

export interface TableTarget {
  db: Db;
  /** The endpoint when it is not AWS's own (DynamoDB Local, or another stand-in). */
  endpoint: string | undefined;
  /** One line saying which table is used, for stderr. */
  describe: string;
  close(): void;
}

const isLoopback = (url: string) => {
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
};

/**
 * The table a command works on. Unset variables mean the local stack, never AWS: an operator must
 * name a production table on purpose. A loopback endpoint gets the local stand-ins' credentials
 * unless the environment has its own.
 */
export function tableTarget(env: NodeJS.ProcessEnv = process.env): TableTarget {
  const tableName = env.TABLE_NAME || localTableName;
  const endpoint =
    env.AWS_ENDPOINT_URL_DYNAMODB || (env.TABLE_NAME ? undefined : localDynamoEndpoint(env));
  const local = endpoint !== undefined && isLoopback(endpoint);
  const raw = new DynamoDBClient({
    ...(endpoint ? { endpoint } : {}),
    ...(local && !env.AWS_ACCESS_KEY_ID ? { credentials: localCredentials } : {}),
    ...(local && !env.AWS_REGION && !env.AWS_DEFAULT_REGION ? { region: localRegion } : {}),
  });
  return {
    db: makeDb(tableName, raw),
    endpoint,
    describe: `table ${tableName} ${endpoint ? `at ${endpoint}` : 'on AWS'}`,
    close: () => raw.destroy(),
  };
}

/** `--name value` options; anything else is a usage error. */
export function parseOptions(
  args: string[],
  allowed: readonly string[],
  usage: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const name = arg.replace(/^--/, '');
    if (!arg.startsWith('--') || !allowed.includes(name))
      throw new UsageError(`unknown argument ${arg}; usage: ${usage}`);
    const value = args[++i];
    if (value === undefined || value.startsWith('--'))
      throw new UsageError(`${arg} needs a value; usage: ${usage}`);
    out[name] = value;
  }
  return out;
}

export function hospitalOption(value: string | undefined, usage: string): string {
  if (!value) throw new UsageError(`name the hospital with --hospital ID; usage: ${usage}`);
  // The vendor's own chain (engineer assignments) is verified and exported like a hospital's.
  if (value === vendorChainId) return value;
  if (!hospitalIdSchema.safeParse(value).success)
    throw new UsageError(`"${value}" is not a hospital id (2 to 40 of a-z, 0-9 and -)`);
  return value;
}

/** The SDK could not talk to DynamoDB at all (nothing listening, wrong host, no table). */
export function unreachable(err: unknown): boolean {
  const e = err as { name?: string; code?: string; cause?: { code?: string } };
  const codes = ['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'EHOSTUNREACH', 'ETIMEDOUT'];
  return (
    e?.name === 'ResourceNotFoundException' ||
    e?.name === 'TimeoutError' ||
    codes.includes(e?.code ?? '') ||
    codes.includes(e?.cause?.code ?? '') ||
    (e instanceof AggregateError && e.errors.some((x) => unreachable(x)))
  );
}
