import { linkWasUsed, type Db } from '@weibao/store';
import { AppError } from '../errors.ts';
import { usedLink, type LinkPayload } from './signed-link.ts';

/**
 * Runs what a link does, its use recorded in the same transaction. A conflict while the link's
 * use is recorded means another use of the same link came first: that is "used", not a clash.
 */
export async function actOnceByLink<T>(
  db: Db,
  link: Pick<LinkPayload, 'hospitalId' | 'nonce'>,
  act: () => Promise<T>,
): Promise<T> {
  try {
    return await act();
  } catch (err) {
    if (
      err instanceof AppError &&
      err.kind === 'conflict' &&
      (await linkWasUsed(db, link.hospitalId, link.nonce))
    )
      throw usedLink();
    throw err;
  }
}
