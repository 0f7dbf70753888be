import type { PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { mfaRequiredFor, tokenOverride } from '@weibao/api';
import { cognitoMfaStatus, credentialsFromEnv, type MfaStatus } from '@weibao/adapters';
import { logger } from '../lib/logger.ts';

let status: MfaStatus | undefined;
const mfaStatus = () =>
  (status ??= cognitoMfaStatus({
    region: process.env.AWS_REGION ?? 'us-east-1',
    credentials: () => credentialsFromEnv(),
  }));

/**
 * Cognito's pre-token-generation trigger (sign-in and refresh): MFA for vendor roles only. A vendor
 * user without an enrolled authenticator app gets tokens without any group, so the API refuses
 * them (401) until the user has enrolled TOTP. If Cognito cannot be asked, the sign-in fails.
 */
export function makePreTokenGeneration(reader: () => MfaStatus) {
  return async (event: PreTokenGenerationTriggerEvent): Promise<PreTokenGenerationTriggerEvent> => {
    const groups = event.request.groupConfiguration.groupsToOverride ?? [];
    // Hospital users choose for themselves: no call to Cognito, nothing that could fail.
    if (!mfaRequiredFor(groups)) return event;
    const enrolled = await reader().totpEnrolled(event.userPoolId, event.userName);
    const override = tokenOverride(groups, enrolled);
    if (override.kind === 'enrol-first') {
      logger.info('vendor user without MFA: token issued without roles', {
        sub: event.request.userAttributes.sub,
      });
      event.response.claimsOverrideDetails = {
        claimsToAddOrOverride: override.claims,
        groupOverrideDetails: { groupsToOverride: [] },
      };
    }
    return event;
  };
}

export const handler = makePreTokenGeneration(mfaStatus);
