import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { GetScheduleGroupCommand } from '@aws-sdk/client-scheduler';
import { GetAccountCommand } from '@aws-sdk/client-sesv2';
import { route } from '@weibao/api/routes/system';
import { s3Client, schedulerClient, sesClient } from '../lib/aws-clients.ts';
import { httpHandler, withStatus } from '../lib/http.ts';

type Status = { status: 'up' | 'down'; detail?: string };

// Generous enough for a busy machine running DynamoDB Local; a real outage still shows in 5 s.
const timeoutMs = 5000;

/** One probe: up when the call answers within the timeout, down with the reason otherwise. */
async function probe(call: (signal: AbortSignal) => Promise<unknown>): Promise<Status> {
  try {
    await call(AbortSignal.timeout(timeoutMs));
    return { status: 'up' };
  } catch (err) {
    return {
      status: 'down',
      detail: err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 200) : 'unreachable',
    };
  }
}

/** Each component the API depends on, probed in parallel; 503 when any is down. */
export const handler = httpHandler(route('getHealth'), async (_req, deps) => {
  const [dynamodb, s3, ses, scheduler] = await Promise.all([
    probe((abortSignal) =>
      deps.db.raw.send(new DescribeTableCommand({ TableName: deps.db.tableName }), { abortSignal }),
    ),
    probe((abortSignal) =>
      s3Client().send(new HeadBucketCommand({ Bucket: process.env.FILES_BUCKET }), { abortSignal }),
    ),
    probe(async (abortSignal) => {
      const account = await sesClient().send(new GetAccountCommand({}), { abortSignal });
      if (account.SendingEnabled === false) throw new Error('sending is disabled for this account');
    }),
    // The group SLA timers go into: without it no deadline would ever fire.
    probe((abortSignal) =>
      schedulerClient().send(new GetScheduleGroupCommand({ Name: process.env.SCHEDULE_GROUP }), {
        abortSignal,
      }),
    ),
  ]);
  const components = { dynamodb, s3, ses, scheduler };
  const allUp = Object.values(components).every((c) => c.status === 'up');
  return withStatus(allUp ? 200 : 503, {
    status: allUp ? ('up' as const) : ('degraded' as const),
    components,
  });
});
