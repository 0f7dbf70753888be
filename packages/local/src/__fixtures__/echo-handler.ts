// Test fixture: a handler that answers with the event it was given, so tests can assert the
// exact payload 2.0 event the local API Gateway builds.
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';

export const calls: APIGatewayProxyEventV2WithJWTAuthorizer[] = [];

export async function echoHandler(
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
): Promise<APIGatewayProxyStructuredResultV2> {
  calls.push(event);
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(event),
  };
}
