import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Problem } from '@weibao/api';
import type { z } from 'zod';

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

export function problem(
  status: number,
  detail: string,
  extra: Partial<Problem> = {},
  /** e.g. Retry-After on a 503. */
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  const body: Problem = {
    type: 'about:blank',
    title: titles[status] ?? 'Error',
    status,
    detail,
    ...extra,
  };
  return {
    statusCode: status,
    headers: {
      'content-type': 'application/problem+json',
      'cache-control': 'no-store',
      ...headers,
    },
    body: JSON.stringify(body),
  };
}

/** A zod failure as a 400 naming each field: `terms.totalFen`, `query.limit`. */
export function validationProblem(
  where: 'body' | 'query' | 'path',
  error: z.ZodError,
): APIGatewayProxyStructuredResultV2 {
  const errors = error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    return {
      path: where === 'body' ? path : [where, path].filter(Boolean).join('.'),
      message: i.message,
    };
  });
  // The detail is for a person, in Chinese and without machine paths; `errors` names the fields.
  const first = errors[0];
  const detail = !first
    ? '请求不符合要求'
    : errors.length === 1
      ? `填写有误：${first.message}`
      : `有 ${errors.length} 处填写有误，第一处：${first.message}`;
  return problem(400, detail, { errors });
}
