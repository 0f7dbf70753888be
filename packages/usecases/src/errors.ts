/** Outcomes a use case reports; the HTTP layer maps each to a problem+json status. */
export type AppErrorKind =
  | 'not-found'
  | 'conflict'
  | 'invalid'
  | 'forbidden'
  | 'unavailable'
  /** A signed link that has expired or was used: it will never work again. */
  | 'gone'
  /** Well-formed but not acceptable as sent, e.g. an Idempotency-Key reused for another request. */
  | 'unprocessable';

export class AppError extends Error {
  constructor(
    readonly kind: AppErrorKind,
    message: string,
    readonly extra: { path?: string; currentVersion?: number; reason?: 'used' | 'expired' } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('not-found', `${what} was not found`);
