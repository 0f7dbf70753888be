/** Store-level outcomes the use cases turn into HTTP answers. */
export type StoreErrorCode =
  | 'not-found'
  | 'version-conflict'
  | 'already-exists'
  | 'bad-cursor'
  /** Concurrent writers of one hospital kept moving its audit chain head; nothing was written. */
  | 'contention';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly currentVersion?: number,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
