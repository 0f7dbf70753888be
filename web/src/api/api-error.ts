import type { Problem } from '@weibao/api/schemas';

export type FieldError = { path: string; message: string };

/**
 * A failed call: the API's problem+json (RFC 9457) when it sent one, otherwise one made from the
 * status (API Gateway answers 401/404 with a bare {message}) or from a network failure (status 0).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  /** Field errors by dotted path: terms.escalationContacts.0.email. */
  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }

  /** The version the server holds now, on a 409 of a version-checked write. */
  get currentVersion(): number | undefined {
    return this.problem.currentVersion;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  get isConflict(): boolean {
    return this.status === 409;
  }
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.title !== 'string' || typeof v.status !== 'number') return false;
  if (v.errors !== undefined) {
    if (!Array.isArray(v.errors)) return false;
    for (const e of v.errors as unknown[]) {
      const fe = e as Record<string, unknown> | null;
      if (typeof fe?.path !== 'string' || typeof fe.message !== 'string') return false;
    }
  }
  return true;
}

/** Reads an error answer into an ApiError whatever its body is. */
export function errorFromResponse(status: number, statusText: string, body: unknown): ApiError {
  if (isProblem(body)) {
    return new ApiError({
      ...body,
      type: typeof body.type === 'string' ? body.type : 'about:blank',
    });
  }
  const message =
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { message?: unknown }).message === 'string'
      ? (body as { message: string }).message
      : statusText || `HTTP ${status}`;
  return new ApiError({ type: 'about:blank', title: message, status });
}

export function networkError(cause: unknown): ApiError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new ApiError({ type: 'about:blank', title: 'Network error', status: 0, detail });
}
