import { cognitoAccounts, credentialsFromEnv } from '@weibao/adapters';
import type { PeopleDeps } from '@weibao/usecases';
import { appDeps } from './deps.ts';
import { oncePerFunction } from './per-function.ts';

/**
 * The directory's writes: the table and, on AWS, the user pool's accounts (USER_POOL_ID, granted
 * by the route's `uses.accounts`), so an invited person can sign in and a deactivated one cannot.
 */
export const peopleDeps = oncePerFunction((): PeopleDeps => {
  const userPoolId = process.env.USER_POOL_ID;
  return {
    ...appDeps(),
    accounts: userPoolId
      ? cognitoAccounts({
          region: process.env.AWS_REGION ?? 'us-east-1',
          credentials: () => credentialsFromEnv(),
          userPoolId,
        })
      : undefined,
  };
});
