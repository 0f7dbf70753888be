import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** The account id local ARNs carry; nothing checks it. */
export const localAccount = '000000000000';

/** What a local function is called: `weibao-local-sla-timer`, as `weibao-<stage>-…` on AWS. */
export function localFunctionName(name: string): string {
  return `weibao-local-${name.replaceAll('/', '-')}`;
}

export function localFunctionArn(name: string, region: string): string {
  return `arn:aws:lambda:${region}:${localAccount}:function:${localFunctionName(name)}`;
}

/** The Lambda context a handler receives, for one invocation that must end by `deadline`. */
export function lambdaContext(functionName: string, region: string, deadline: number): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${localAccount}:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
