import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoDbClientConfig } from '@weibao/store';

/**
 * An SDK client holds no grant, only where AWS is: the region and the endpoint override. So it is
 * kept per those variables: on AWS that is once per cold start; locally the functions of one stack
 * share a client (and its socket pool) while two stacks in one process each keep their own. A
 * client per local function would open some seventy socket pools against DynamoDB Local, and under
 * load their connection set-ups time out (503s in the isolation matrix).
 */
export function perEndpoint<T>(endpointVariable: string, build: () => T): () => T {
  const clients = new Map<string, T>();
  return () => {
    const key = `${process.env.AWS_REGION ?? ''}|${process.env[endpointVariable] ?? ''}`;
    let client = clients.get(key);
    if (!client) clients.set(key, (client = build()));
    return client;
  };
}

// Its own module, apart from aws-clients.ts: every function uses the table, and a route that uses
// nothing else must not bundle the S3, SES, Scheduler and SSM clients.
export const dynamoDbClient = /* @__PURE__ */ perEndpoint(
  'AWS_ENDPOINT_URL_DYNAMODB',
  () => new DynamoDBClient(dynamoDbClientConfig),
);
