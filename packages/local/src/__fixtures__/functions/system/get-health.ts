// Test fixture, not a real handler: proves the local stack sets the environment before it imports
// a handler, because this module reads it once at load, as real handlers build their clients.
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';

const seenAtImport = {
  TABLE_NAME: process.env.TABLE_NAME,
  FILES_BUCKET: process.env.FILES_BUCKET,
  MAIL_FROM: process.env.MAIL_FROM,
  AWS_ENDPOINT_URL_DYNAMODB: process.env.AWS_ENDPOINT_URL_DYNAMODB,
  AWS_ENDPOINT_URL_S3: process.env.AWS_ENDPOINT_URL_S3,
  AWS_ENDPOINT_URL_SESV2: process.env.AWS_ENDPOINT_URL_SESV2,
  AWS_REGION: process.env.AWS_REGION,
};
let loads = 0;
loads++;

export async function handler(
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
): Promise<APIGatewayProxyStructuredResultV2> {
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ seenAtImport, loads, routeKey: event.routeKey }),
  };
}
