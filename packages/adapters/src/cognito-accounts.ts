import { AccountConflictError, type Accounts } from '@weibao/usecases';
import { CognitoError, cognitoCall, type CognitoCallOptions } from './cognito-mfa-status.ts';

/**
 * The user pool's accounts for the people weibao's directory invites (AdminCreateUser,
 * AdminAddUserToGroup, AdminRemoveUserFromGroup, AdminEnableUser, AdminDisableUser): the e-mail is
 * the user name (the pool signs in by e-mail), the role is the group, a hospital user carries
 * `custom:tenantId`. Cognito mails the invitation with a temporary password.
 */
export function cognitoAccounts(options: CognitoCallOptions & { userPoolId: string }): Accounts {
  const call = cognitoCall(options);
  const UserPoolId = options.userPoolId;
  const inGroup = (
    op: 'AdminAddUserToGroup' | 'AdminRemoveUserFromGroup',
    email: string,
    role: string,
  ) => call(op, { UserPoolId, Username: email, GroupName: role });
  return {
    async ensureUser({ email, name, role, hospitalId }) {
      let attributes: { Name: string; Value: string }[] | undefined;
      try {
        const created = await call<{ User?: { Attributes?: { Name: string; Value: string }[] } }>(
          'AdminCreateUser',
          {
            UserPoolId,
            Username: email,
            DesiredDeliveryMediums: ['EMAIL'],
            UserAttributes: [
              { Name: 'email', Value: email },
              { Name: 'email_verified', Value: 'true' },
              { Name: 'name', Value: name },
              ...(hospitalId === null ? [] : [{ Name: 'custom:tenantId', Value: hospitalId }]),
            ],
          },
        );
        attributes = created.User?.Attributes;
      } catch (err) {
        // Invited before (or a retry after a lost answer): the same account.
        if (!(err instanceof CognitoError && err.type === 'UsernameExistsException')) throw err;
        const found = await call<{ UserAttributes?: { Name: string; Value: string }[] }>(
          'AdminGetUser',
          { UserPoolId, Username: email },
        );
        attributes = found.UserAttributes;
        const tenant = attributes?.find((a) => a.Name === 'custom:tenantId')?.Value ?? null;
        // The tenant is immutable: an account of another hospital (or of the vendor) stays so.
        if (tenant !== hospitalId)
          throw new AccountConflictError(
            `${email} already signs in ${tenant === null ? 'as vendor staff' : `for another hospital (${tenant})`}`,
          );
      }
      const sub = attributes?.find((a) => a.Name === 'sub')?.Value;
      if (!sub) throw new Error(`Cognito returned no sub for ${email}`);
      await inGroup('AdminAddUserToGroup', email, role);
      return { sub };
    },
    async changeRole(email, from, to) {
      if (from === to) return;
      await inGroup('AdminAddUserToGroup', email, to);
      await inGroup('AdminRemoveUserFromGroup', email, from);
    },
    async setEnabled(email, enabled) {
      await call(enabled ? 'AdminEnableUser' : 'AdminDisableUser', { UserPoolId, Username: email });
    },
  };
}
