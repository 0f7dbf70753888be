/**
 * Errors that say a dependency (DynamoDB, S3, SES, Scheduler) is down, slow or throttling us, not
 * that the request is wrong: the client should come back shortly, so they answer 503 with
 * Retry-After instead of 500. The SDK has already retried them (briefly, see dynamoDbClientConfig).
 */
const throttlingNames = new Set([
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'SlowDown',
  'TransactionInProgressException',
]);
// Node's socket errors as the SDK's HTTP handler passes them on.
const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
// The SDK's own names for a request that timed out or a connection that failed.
const timeoutNames = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

interface SdkLikeError {
  name?: unknown;
  code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  errors?: unknown;
  cause?: unknown;
}

/** Seconds a client should wait before retrying after an outage answer. */
export const outageRetryAfterSeconds = 2;

export function isDependencyOutage(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 3) return false;
  const e = err as SdkLikeError;
  if (typeof e.name === 'string' && (throttlingNames.has(e.name) || timeoutNames.has(e.name)))
    return true;
  if (typeof e.code === 'string' && networkCodes.has(e.code)) return true;
  // A 5xx from the service itself (InternalServerError, ServiceUnavailable).
  const status = e.$metadata?.httpStatusCode;
  if (e.$fault === 'server' && typeof status === 'number' && status >= 500) return true;
  // Node reports a refused connection to several addresses as an AggregateError.
  if (Array.isArray(e.errors) && e.errors.some((x) => isDependencyOutage(x, depth + 1)))
    return true;
  return isDependencyOutage(e.cause, depth + 1);
}
