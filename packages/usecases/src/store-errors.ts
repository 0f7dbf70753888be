import { StoreError } from '@weibao/store';
import { AppError, subjectZh } from './errors.ts';

/** Runs a store call and turns its outcomes into use-case errors. */
export async function mapStoreErrors<T>(what: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    switch (err.code) {
      case 'not-found':
        throw new AppError('not-found', `${subjectZh(what)}不存在`);
      case 'version-conflict':
        throw new AppError('conflict', `${subjectZh(what)}已被他人修改，请刷新后重新修改`, {
          path: 'version',
          ...(err.currentVersion !== undefined ? { currentVersion: err.currentVersion } : {}),
        });
      case 'already-exists':
        throw new AppError('conflict', `${subjectZh(what)}已存在`, { path: 'id' });
      case 'bad-cursor':
        throw new AppError('invalid', err.message, { path: 'cursor' });
      case 'contention':
        throw new AppError('unavailable', err.message);
    }
  }
}
