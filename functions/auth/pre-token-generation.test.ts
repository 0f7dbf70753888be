import type { PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { mfaEnrolmentClaim } from '@weibao/api';
import type { MfaStatus } from '@weibao/adapters';
import { makePreTokenGeneration } from './pre-token-generation.ts';

function signIn(groups: string[]): PreTokenGenerationTriggerEvent {
  return {
    version: '1',
    triggerSource: 'TokenGeneration_Authentication',
    region: 'us-east-1',
    userPoolId: 'us-east-1_pool',
    userName: 'user-1',
    callerContext: { awsSdkVersion: 'x', clientId: 'spa' },
    request: {
      userAttributes: { sub: 'sub-1' },
      groupConfiguration: { groupsToOverride: groups, iamRolesToOverride: [] },
    },
    response: { claimsOverrideDetails: null as never },
  } as PreTokenGenerationTriggerEvent;
}

/** The MFA status port, answered from a list of enrolled users (no AWS involved). */
const enrolledUsers = (...users: string[]): MfaStatus => ({
  totpEnrolled: (_pool, user) => Promise.resolve(users.includes(user)),
});

describe('the pre-token-generation trigger', () => {
  it('issues a vendor engineer without an authenticator app a token with no group', async () => {
    const out = await makePreTokenGeneration(() => enrolledUsers())(signIn(['support-engineer']));
    expect(out.response.claimsOverrideDetails).toEqual({
      claimsToAddOrOverride: { [mfaEnrolmentClaim]: 'true' },
      groupOverrideDetails: { groupsToOverride: [] },
    });
  });

  it('leaves an enrolled vendor admin’s token and a hospital user’s token untouched', async () => {
    const trigger = makePreTokenGeneration(() => enrolledUsers('user-1'));
    expect((await trigger(signIn(['vendor-admin']))).response.claimsOverrideDetails).toBeNull();
    const broken: MfaStatus = { totpEnrolled: () => Promise.reject(new Error('not asked')) };
    const hospital = makePreTokenGeneration(() => broken);
    expect((await hospital(signIn(['hospital-it']))).response.claimsOverrideDetails).toBeNull();
  });

  it('refuses the sign-in when Cognito cannot say whether MFA is enrolled', async () => {
    const broken: MfaStatus = { totpEnrolled: () => Promise.reject(new Error('throttled')) };
    await expect(makePreTokenGeneration(() => broken)(signIn(['vendor-admin']))).rejects.toThrow(
      'throttled',
    );
  });
});
