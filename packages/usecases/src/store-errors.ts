import { StoreError } from '@weibao/store';
import { AppError } from './errors.ts';

/** Runs a store call and turns its outcomes into use-case errors. */
export async function mapStoreErrors<T>(what: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    switch (err.code) {
      case 'not-found':
        throw new AppError('not-found', `${what} was not found`);
      case 'version-conflict':
        throw new AppError(
          'conflict',
          `${what} was changed by someone else; reload it and apply your change again`,
          {
            path: 'version',
            ...(err.currentVersion !== undefined ? { currentVersion: err.currentVersion } : {}),
          },
        );
      case 'already-exists':
        throw new AppError('conflict', `${what} exists already`, { path: 'id' });
      case 'bad-cursor':
        throw new AppError('invalid', err.message, { path: 'cursor' });
      case 'contention':
        throw new AppError('unavailable', err.message);
    }
  }
}
