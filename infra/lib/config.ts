import type { Node } from 'constructs';

/** Everything a deployment may vary, read once from CDK context (`-c key=value` or cdk.json). */
export interface WeibaoConfig {
  /** Names the stacks (`weibao-<stage>-…`) and tags every resource. */
  stage: string;
  /** Unset: the stacks stay account-agnostic, so `npm run synth` needs no AWS credentials. */
  account: string | undefined;
  region: string;
  /** The SPA's origin: the only origin CORS allows and the base of the sign-in redirect. */
  webOrigin: string;
  /** Where Cognito sends the browser back with the authorization code. */
  callbackUrl: string;
  /** Mail domain of the hospitals' intake addresses (`whzx@<intakeDomain>`); unset: mailDomain. */
  intakeDomain: string | undefined;
  /** How long received mail (the written reports) is kept in the mail bucket; default 3 years. */
  mailRetentionDays: number;
  /** Vendor staff whose emailed replies count as the vendor's (the first one as the response). */
  vendorStaffEmails: string[];
  /** Cognito managed-login domain prefix; globally unique, so it is never defaulted. */
  authDomainPrefix: string | undefined;
  /** The verified SES identity outgoing mail is sent from; functions may send as this domain only. */
  mailDomain: string;
  /** The sender address (MAIL_FROM), in mailDomain. */
  mailFrom: string;
  /** Whether the mail domain came from context (intakeDomain or mailDomain), not the placeholder. */
  mailDomainGiven: boolean;
  /** The API stage's throttle for all hospitals together: requests per second and burst. */
  throttle: { rateLimit: number; burstLimit: number };
  /**
   * The account's Lambda concurrent executions quota this deployment is sized for (request it
   * before deploying, docs/deploy.md): an alarm fires at 80 % of it, before Lambda throttles.
   */
  lambdaConcurrency: number;
  /**
   * The account's SES maximum send rate (messages per second) this deployment is sized for: every
   * function that sends shares it through the mail pacer; request it from SES before deploying.
   */
  sesSendRate: number;
  /**
   * Another OpenID Connect provider instead of Cognito (e.g. where Cognito user pools are not
   * offered, the AWS China regions): the API trusts ID tokens of this issuer and audience, and no
   * user pool is deployed. docs/auth.md says which claims the provider must put in its tokens.
   */
  oidc: { issuerUrl: string; audience: string } | undefined;
  /** The SPA's own domain names and their ACM certificate (us-east-1); unset: *.cloudfront.net. */
  webDomain: { names: string[]; certificateArn: string } | undefined;
  /** API requests (/api/*) per 5 minutes one IP may send through CloudFront before WAF blocks it. */
  wafRateLimit: number;
  /** A WAF web ACL (CLOUDFRONT scope) made in us-east-1, required when region is another one. */
  webAclArn: string | undefined;
  /** Who receives the alarms (an e-mail subscription of the ops topic); unset: nobody, synth warns. */
  opsEmail: string | undefined;
}

export const defaults = {
  stage: 'dev',
  // SES receives mail here (intake, a later issue) and Cognito threat protection is available.
  region: 'us-east-1',
  webOrigin: 'http://localhost:3000',
  callbackPath: '/auth/callback',
  // Sized for 50 hospitals by bench/limits.ts (limitsFor(50); limits.test.ts keeps them equal):
  // polling at peak plus one hospital's 200 staff reporting at once; docs/deploy.md, Limits.
  throttleRate: 100,
  throttleBurst: 300,
  lambdaConcurrency: 100,
  // SES's send rate of an account leaving the sandbox (MaxSendRate 14); enough for 50 hospitals.
  sesSendRate: 14,
  // Per IP, so the same at any number of hospitals. One hospital reaches us from one NAT address:
  // ~300 open tabs polling every minute (~6,000 per 5 min) plus ~100 people reporting and
  // answering at once in its worst hour (~10,000).
  wafRateLimit: 20_000,
  mailDomain: 'example.com',
  mailLocalPart: 'service',
  // A one-year term and at most two renewals.
  mailRetentionDays: 3 * 366,
} as const;

export function readConfig(node: Node): WeibaoConfig {
  const text = (key: string): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === null || value === '') return undefined;
    return String(value);
  };
  /** A whole number ≥ min; the error names the key, what it means and how to set it. */
  const integer = (key: string, fallback: number, what: string, min = 1): number => {
    const raw = text(key);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < min)
      throw new Error(
        `context ${key} must be ${min === 1 ? 'a positive integer' : `an integer of at least ${min}`} (${what}), got "${raw}": pass -c ${key}=<number> or leave it out for the default ${fallback} (docs/deploy.md, Limits)`,
      );
    return value;
  };

  const stage = text('stage') ?? defaults.stage;
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage))
    throw new Error(`context stage must be lower-case letters, digits and dashes, got "${stage}"`);
  const account = text('account');
  if (account !== undefined && !/^\d{12}$/.test(account))
    throw new Error(`context account must be a 12-digit AWS account id, got "${account}"`);
  const webOrigin = origin(text('webOrigin') ?? defaults.webOrigin);
  const callbackUrl = text('callbackUrl') ?? `${webOrigin}${defaults.callbackPath}`;
  const intakeDomain = text('intakeDomain');
  // The example.com fallback is for synth in CI only: on an account it would point the receipt
  // rule, the sender and the SES grant at a domain nobody owns, and nothing would say so.
  if (account !== undefined && intakeDomain === undefined && text('mailDomain') === undefined)
    throw new Error(
      `context intakeDomain is required when deploying to account ${account}: add -c intakeDomain=<the domain hospitals mail their reports to> (docs/deploy.md)`,
    );
  const mailDomain = (text('mailDomain') ?? intakeDomain ?? defaults.mailDomain).toLowerCase();
  if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(mailDomain))
    throw new Error(`context mailDomain must be a domain name, got "${mailDomain}"`);
  const mailFrom = text('mailFrom') ?? `${defaults.mailLocalPart}@${mailDomain}`;
  if (!mailFrom.toLowerCase().endsWith(`@${mailDomain}`))
    throw new Error(`context mailFrom must be an address in ${mailDomain}, got "${mailFrom}"`);

  return {
    stage,
    account,
    region: text('region') ?? defaults.region,
    webOrigin,
    callbackUrl,
    intakeDomain,
    mailRetentionDays: integer(
      'mailRetentionDays',
      defaults.mailRetentionDays,
      'days received mail is kept',
    ),
    vendorStaffEmails: staffEmails(text('vendorStaffEmails')),
    authDomainPrefix: text('authDomainPrefix'),
    mailDomain,
    mailFrom,
    mailDomainGiven: text('mailDomain') !== undefined || intakeDomain !== undefined,
    throttle: {
      rateLimit: integer(
        'throttleRate',
        defaults.throttleRate,
        'API requests per second for all hospitals together',
      ),
      burstLimit: integer('throttleBurst', defaults.throttleBurst, 'API requests at once'),
    },
    lambdaConcurrency: integer(
      'lambdaConcurrency',
      defaults.lambdaConcurrency,
      'the account’s Lambda concurrent executions quota',
    ),
    sesSendRate: integer(
      'sesSendRate',
      defaults.sesSendRate,
      'the account’s SES maximum send rate, messages per second',
    ),
    oidc: oidcProvider(text('oidcIssuer'), text('oidcAudience')),
    webDomain: webDomain(text('webDomain'), text('webCertificateArn')),
    // WAF's lowest rate limit is 10 requests per evaluation window (AWS WAF Developer Guide).
    wafRateLimit: integer(
      'wafRateLimit',
      defaults.wafRateLimit,
      'API requests per 5 minutes from one IP address',
      10,
    ),
    webAclArn: text('webAclArn'),
    opsEmail: opsEmail(text('opsEmail')),
  };
}

/** Both or neither; the certificate must be in us-east-1, where CloudFront reads certificates. */
function webDomain(
  names: string | undefined,
  certificateArn: string | undefined,
): WeibaoConfig['webDomain'] {
  if (names === undefined && certificateArn === undefined) return undefined;
  if (names === undefined || certificateArn === undefined)
    throw new Error('context webDomain and webCertificateArn go together: give both or neither');
  if (!/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/.test(certificateArn))
    throw new Error(
      `context webCertificateArn must be an ACM certificate in us-east-1 (CloudFront reads only those), got "${certificateArn}"`,
    );
  return { names: names.split(',').map((n) => n.trim().toLowerCase()), certificateArn };
}

/** One address, checked: SNS would accept a typo and nobody would ever confirm it. */
function opsEmail(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const email = value.trim();
  if (!/^[^@\s,]+@[^@\s,]+\.[^@\s,]+$/.test(email))
    throw new Error(`context opsEmail must be one e-mail address, got "${value}"`);
  return email;
}

/** A comma-separated list of addresses, each checked. */
function staffEmails(value: string | undefined): string[] {
  if (value === undefined) return [];
  const list = value
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  for (const email of list)
    if (!/^[^@\s,]+@[^@\s,]+\.[^@\s,]+$/.test(email))
      throw new Error(
        `context vendorStaffEmails must be addresses separated by commas, got "${email}"`,
      );
  return list;
}

/** Both or neither; the issuer an https URL, as API Gateway's JWT authorizer requires. */
function oidcProvider(
  issuer: string | undefined,
  audience: string | undefined,
): WeibaoConfig['oidc'] {
  if (issuer === undefined && audience === undefined) return undefined;
  if (issuer === undefined || audience === undefined)
    throw new Error('context oidcIssuer and oidcAudience go together: give both or neither');
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error(`context oidcIssuer must be the provider's https issuer URL, got "${issuer}"`);
  }
  if (url.protocol !== 'https:')
    throw new Error(`context oidcIssuer must use https, got "${issuer}"`);
  return { issuerUrl: issuer.replace(/\/$/, ''), audience };
}

/** An exact origin (scheme://host[:port]); a wildcard would let any site call the API with a user's token. */
function origin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(
      `context webOrigin must be an origin such as https://app.example.com, got "${value}"`,
    );
  }
  if (value.includes('*') || url.origin !== value.replace(/\/$/, ''))
    throw new Error(
      `context webOrigin must be an exact origin without path or wildcard, got "${value}"`,
    );
  if (url.protocol !== 'https:' && url.hostname !== 'localhost')
    throw new Error(`context webOrigin must use https (http only for localhost), got "${value}"`);
  return url.origin;
}
