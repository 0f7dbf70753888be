import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  type CfnUserPoolClient,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { roleNamesZh, roles } from '@weibao/domain';
import { pascal } from './names.ts';

export interface AuthProps {
  /** Where Cognito redirects after sign-in; the SPA exchanges the code there (PKCE). */
  callbackUrl: string;
  /** Where Cognito redirects after sign-out. */
  logoutUrl: string;
  /** Managed-login domain prefix; without it the pool exists but has no hosted sign-in page yet. */
  domainPrefix?: string | undefined;
}

/**
 * Who may sign in: one Cognito user pool whose groups are the roles of @weibao/domain and whose
 * tokens carry `custom:tenantId`, the hospital a user belongs to (absent for vendor staff).
 */
export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly spaClient: UserPoolClient;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      // Staff and hospital users are invited by an administrator; nobody signs themselves up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      // Immutable: set once by the administrator who invites the user, so no one can move
      // themselves into another hospital's data (architecture principle 4, tenant first).
      customAttributes: {
        tenantId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      // MFA is REQUIRED for everyone for now, with an authenticator app (TOTP) and no SMS.
      // Issue 8 refines this: MFA only for vendor roles needs a custom auth flow (or per-user
      // MFA set by an admin-side trigger), which this pool-wide setting cannot express.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus tier for threat protection: blocks sign-ins with leaked credentials and challenges
      // risky ones, which matters for accounts that can read hospital contracts and tickets.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const role of roles) {
      this.userPool.addGroup(`Group${pascal(role)}`, {
        groupName: role,
        description: `weibao role ${role} (${roleNamesZh[role]})`,
      });
    }

    const readable = new ClientAttributes()
      .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
      .withCustomAttributes('tenantId');
    // The SPA may change the display name only; email and tenant are the administrator's.
    const writable = new ClientAttributes().withStandardAttributes({ fullname: true });

    // A public client (a browser cannot keep a secret): authorization code grant only. Cognito has
    // no switch to force PKCE; the SPA sends a code_challenge and Cognito then refuses to exchange
    // the code without the matching code_verifier. No password flows: credentials are typed only
    // into Cognito's own sign-in page.
    this.spaClient = this.userPool.addClient('SpaClient', {
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [props.callbackUrl],
        logoutUrls: [props.logoutUrl],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      readAttributes: readable,
      writeAttributes: writable,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      // About a working day: a lost laptop stops working by the next morning.
      refreshTokenValidity: Duration.hours(12),
    });
    // Left unset, Cognito would also allow SRP and custom auth on this client; the managed sign-in
    // page needs neither, and refreshing tokens is all the SPA itself does.
    (this.spaClient.node.defaultChild as CfnUserPoolClient).explicitAuthFlows = [
      'ALLOW_REFRESH_TOKEN_AUTH',
    ];

    if (props.domainPrefix) {
      this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    }
  }

  /** The issuer the API's JWT authorizer trusts. */
  get issuerUrl(): string {
    return this.userPool.userPoolProviderUrl;
  }
}
