import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface Db {
  doc: DynamoDBDocumentClient;
  raw: DynamoDBClient;
  tableName: string;
}

/**
 * Fail fast when DynamoDB is unreachable: a refused connection or a silent socket ends the request
 * within a few seconds (3 attempts, 1 s to connect, 3 s to answer), so the API can answer 503 with
 * Retry-After well inside API Gateway's 30 s instead of hanging on the SDK's defaults.
 */
export const dynamoDbClientConfig: DynamoDBClientConfig = {
  maxAttempts: 3,
  requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000 },
};

/** One DynamoDB request as the meter sees it: the command and the capacity DynamoDB reported. */
export interface MeteredRequest {
  /** e.g. 'GetItem', 'Query', 'TransactWriteItems'. */
  command: string;
  kind: 'read' | 'write' | 'other';
  /** Sum of ConsumedCapacity.CapacityUnits over the tables and indexes of the request. */
  capacityUnits: number;
}

export type DynamoDbMeter = (request: MeteredRequest) => void;

let meter: DynamoDbMeter | undefined;

/**
 * Opt in (benchmarks): every request of every client made by makeDb is reported to `m`, asking
 * DynamoDB for ReturnConsumedCapacity TOTAL. Undefined turns it off. Off by default: then the
 * requests are exactly what they would be without the hook.
 */
export function meterDynamoDbRequests(m: DynamoDbMeter | undefined): void {
  meter = m;
}

const readCommands = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const writeCommands = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
]);

interface Capacity {
  CapacityUnits?: number;
}

function capacityOf(output: unknown): number {
  const consumed = (output as { ConsumedCapacity?: Capacity | Capacity[] } | undefined)
    ?.ConsumedCapacity;
  const list = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  return list.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
}

function addMeter(client: DynamoDBClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const m = meter;
      if (!m) return next(args);
      const command = String(context.commandName ?? '').replace(/Command$/, '');
      const kind = readCommands.has(command)
        ? 'read'
        : writeCommands.has(command)
          ? 'write'
          : 'other';
      if (kind !== 'other') {
        (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity ??= 'TOTAL';
      }
      const result = await next(args);
      m({ command, kind, capacityUnits: capacityOf(result.output) });
      return result;
    },
    { step: 'initialize', name: 'weibaoRequestMeter', override: true },
  );
}

/**
 * One client per cold start. The endpoint comes from the SDK's own AWS_ENDPOINT_URL_DYNAMODB
 * locally, so the same code reaches DynamoDB Local or AWS.
 */
export function makeDb(
  tableName: string,
  raw: DynamoDBClient = new DynamoDBClient(dynamoDbClientConfig),
): Db {
  addMeter(raw);
  const doc = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { doc, raw, tableName };
}
