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
  UserPoolEmail,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { eventHandlers } from '@weibao/api';
import { roleNamesZh, roles } from '@weibao/domain';
import { logsKey } from './logs-key.ts';
import { acknowledge } from './nag.ts';
import { pascal } from './names.ts';
import { type FunctionOps, WeibaoFunction } from './weibao-function.ts';

export interface AuthProps {
  /** Where Cognito redirects after sign-in; the SPA exchanges the code there (PKCE). */
  callbackUrl: string;
  /** Where Cognito redirects after sign-out. */
  logoutUrl: string;
  /** Managed-login domain prefix; without it the pool exists but has no hosted sign-in page yet. */
  domainPrefix?: string | undefined;
  /** The ops topic the trigger's alarm notifies, and the metrics namespace. */
  ops: FunctionOps;
  /**
   * Invitations and password resets through SES, from this address of the verified domain. Unset
   * (synth without a mail domain): Cognito's own sender, which AWS limits to a few mails a day.
   */
  email?: { from: string; domain: string } | undefined;
}

/**
 * Who may sign in: one Cognito user pool whose groups are the roles of @weibao/domain and whose
 * tokens carry `custom:tenantId`, the hospital a user belongs to (absent for vendor staff).
 */
export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly spaClient: UserPoolClient;
  /** The pre-token-generation trigger that requires MFA of vendor roles. */
  readonly mfaGate: WeibaoFunction;
  readonly logsKey: Key;

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
      // Optional for the pool, required for vendor roles by the pre-token-generation trigger
      // below (Cognito cannot require MFA per group); authenticator app (TOTP) only, no SMS.
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus tier for threat protection: blocks sign-ins with leaked credentials and challenges
      // risky ones, which matters for accounts that can read hospital contracts and tickets.
      featurePlan: FeaturePlan.PLUS,
      ...(props.email
        ? {
            email: UserPoolEmail.withSES({
              fromEmail: props.email.from,
              fromName: 'weibao 维保',
              sesVerifiedDomain: props.email.domain,
            }),
          }
        : {}),
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });

    this.logsKey = logsKey(this, 'LogsKey', 'weibao: encrypts the logs of the sign-in trigger');
    this.mfaGate = new WeibaoFunction(this, 'MfaGate', {
      // The auth stack's own event handler; Cognito invokes it, not the Scheduler (see scheduling.ts).
      handler: mfaGateHandler(),
      description: 'Pre token generation: tokens of vendor users without MFA carry no role',
      logsKey: this.logsKey,
      invokedBy: 'Cognito (pre token generation)',
      ops: props.ops,
      memorySize: 512,
      // Cognito waits 5 s for a trigger; the AdminGetUser call gives up after 3 s.
      timeout: Duration.seconds(5),
    });
    this.userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION, this.mfaGate.function);
    // A policy of its own, not the role's default one: the function must exist before the pool
    // (the pool names it as trigger), and only this policy needs the pool's ARN.
    const readMfa = new Policy(this, 'MfaGateReadsUsers', {
      statements: [
        new PolicyStatement({
          actions: ['cognito-idp:AdminGetUser'],
          resources: [this.userPool.userPoolArn],
        }),
      ],
    });
    readMfa.attachToRole(this.mfaGate.role);
    acknowledge(
      readMfa,
      'HIPAA.Security-IAMNoInlinePolicy',
      'The one statement (cognito-idp:AdminGetUser on this user pool) is attached to the MFA trigger’s own role alone; it is a policy of its own because the role’s default policy must exist before the pool and this one names the pool.',
    );
    acknowledge(
      this.userPool,
      'AwsSolutions-COG2',
      'MFA is optional at the pool level only because Cognito cannot require it per group: hospital users choose, vendor roles must. The pre-token-generation trigger (functions/auth/pre-token-generation.ts) gives a vendor user without an enrolled authenticator app tokens without any role, which the API refuses; tests pin the trigger and the rule.',
    );

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
        // COGNITO_ADMIN lets the user's own access token enrol an authenticator app
        // (AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference).
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE, OAuthScope.COGNITO_ADMIN],
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

function mfaGateHandler(): string {
  const def = eventHandlers.find((h) => h.trigger === 'cognito-pre-token-generation');
  if (!def) throw new Error('eventHandlers has no cognito-pre-token-generation entry');
  return def.handler;
}
