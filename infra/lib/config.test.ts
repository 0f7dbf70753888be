import { App } from 'aws-cdk-lib';
import { describe, expect, test } from 'vitest';
import { readConfig } from './config.ts';

const configOf = (context: Record<string, unknown>) => readConfig(new App({ context }).node);

describe('readConfig', () => {
  test('without context it describes a dev deployment for a local SPA in us-east-1', () => {
    expect(configOf({})).toEqual({
      stage: 'dev',
      account: undefined,
      region: 'us-east-1',
      webOrigin: 'http://localhost:3000',
      callbackUrl: 'http://localhost:3000/auth/callback',
      intakeDomain: undefined,
      mailRetentionDays: 1098,
      vendorStaffEmails: [],
      authDomainPrefix: undefined,
      mailDomain: 'example.com',
      mailFrom: 'service@example.com',
      mailDomainGiven: false,
      throttle: { rateLimit: 100, burstLimit: 300 },
      lambdaConcurrency: 100,
      sesSendRate: 14,
      oidc: undefined,
      webDomain: undefined,
      wafRateLimit: 20_000,
      webAclArn: undefined,
      opsEmail: undefined,
    });
  });

  test('takes one ops e-mail address for the alarms and refuses anything else', () => {
    expect(configOf({ opsEmail: ' ops@vendor.example.cn ' }).opsEmail).toBe(
      'ops@vendor.example.cn',
    );
    expect(() => configOf({ opsEmail: 'ops@vendor' })).toThrow(/opsEmail must be one e-mail/);
    expect(() => configOf({ opsEmail: 'a@b.cn,c@d.cn' })).toThrow(/opsEmail must be one e-mail/);
  });

  test('takes a web domain only with its certificate, and only a certificate in us-east-1', () => {
    const arn =
      'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-123456789012';
    const both = { webDomain: 'Weibao.example.com,www.weibao.example.com', webCertificateArn: arn };
    expect(configOf(both).webDomain).toEqual({
      names: ['weibao.example.com', 'www.weibao.example.com'],
      certificateArn: arn,
    });
    expect(() => configOf({ webDomain: 'weibao.example.com' })).toThrow(/go together/);
    const elsewhere = { ...both, webCertificateArn: arn.replace('us-east-1', 'eu-west-1') };
    expect(() => configOf(elsewhere)).toThrow(/us-east-1/);
  });

  test('reads every key, turning the CLI’s strings into numbers', () => {
    const config = configOf({
      stage: 'prod',
      account: '123456789012',
      region: 'eu-west-1',
      webOrigin: 'https://weibao.example.com/',
      intakeDomain: 'tickets.example.com',
      authDomainPrefix: 'weibao-prod',
      throttleRate: '20',
      throttleBurst: '40',
    });
    expect(config).toMatchObject({
      stage: 'prod',
      account: '123456789012',
      region: 'eu-west-1',
      webOrigin: 'https://weibao.example.com',
      callbackUrl: 'https://weibao.example.com/auth/callback',
      intakeDomain: 'tickets.example.com',
      authDomainPrefix: 'weibao-prod',
      mailDomain: 'tickets.example.com',
      mailFrom: 'service@tickets.example.com',
      throttle: { rateLimit: 20, burstLimit: 40 },
    });
  });

  test('sends mail from its own domain when given one, and only from an address in it', () => {
    expect(
      configOf({ mailDomain: 'vendor.example.com', mailFrom: 'weibao@vendor.example.com' }),
    ).toMatchObject({ mailDomain: 'vendor.example.com', mailFrom: 'weibao@vendor.example.com' });
    expect(() =>
      configOf({ mailDomain: 'vendor.example.com', mailFrom: 'x@other.example.com' }),
    ).toThrow(/mailFrom/);
    expect(() => configOf({ mailDomain: 'not a domain' })).toThrow(/mailDomain/);
  });

  test.each([
    '*',
    'https://*.example.com',
    'https://app.example.com/path',
    'http://app.example.com',
    'not a url',
  ])('refuses %s as the web origin: CORS must name exactly one trusted origin', (webOrigin) => {
    expect(() => configOf({ webOrigin })).toThrow(/webOrigin/);
  });

  test('reads another OIDC provider, both issuer and audience or neither, issuer over https', () => {
    expect(
      configOf({ oidcIssuer: 'https://sso.example.cn/realms/weibao/', oidcAudience: 'weibao-spa' })
        .oidc,
    ).toEqual({ issuerUrl: 'https://sso.example.cn/realms/weibao', audience: 'weibao-spa' });
    expect(() => configOf({ oidcIssuer: 'https://sso.example.cn' })).toThrow(/oidcAudience/);
    expect(() =>
      configOf({ oidcIssuer: 'http://sso.example.cn', oidcAudience: 'weibao-spa' }),
    ).toThrow(/https/);
  });

  test('refuses to deploy to an account without the intake domain, in one line, instead of falling back to example.com', () => {
    expect(() => configOf({ account: '123456789012' })).toThrow(
      /^context intakeDomain is required when deploying to account 123456789012: add -c intakeDomain=[^\n]+$/,
    );
    expect(configOf({ account: '123456789012', mailDomain: 'vendor.example.com' }).mailDomain).toBe(
      'vendor.example.com',
    );
    // Synth without an account (CI, `npm run synth`) still works with the placeholder domain.
    expect(configOf({}).mailDomain).toBe('example.com');
  });

  test('refuses a malformed account, stage or throttle', () => {
    expect(() => configOf({ account: '1234', intakeDomain: 'tickets.example.com' })).toThrow(
      /account/,
    );
    expect(() => configOf({ stage: 'Prod Stage' })).toThrow(/stage/);
    expect(() => configOf({ throttleRate: '-1' })).toThrow(/throttleRate/);
  });

  test.each([
    'throttleRate',
    'throttleBurst',
    'lambdaConcurrency',
    'sesSendRate',
    'wafRateLimit',
    'mailRetentionDays',
  ])('refuses a %s that is not a whole number, naming the key and how to set it', (key) => {
    for (const bad of ['0', '-5', '2.5', 'many', '1e400'])
      expect(() => configOf({ [key]: bad })).toThrow(
        new RegExp(
          `^context ${key} must be (a positive integer|an integer of at least \\d+) \\(.+\\), got "${bad.replace('.', '\\.')}": pass -c ${key}=<number> or leave it out for the default \\d+ \\(docs/deploy.md, Limits\\)$`,
        ),
      );
    // Numbers from JSON context (cdk.json) and strings from -c both read.
    expect(() => configOf({ [key]: 1000 })).not.toThrow();
    expect(() => configOf({ [key]: '1000' })).not.toThrow();
  });

  test('reads the limits of a larger deployment from context, as numbers', () => {
    expect(
      configOf({
        throttleRate: '1350',
        throttleBurst: 1550,
        lambdaConcurrency: '350',
        sesSendRate: '200',
        wafRateLimit: '30000',
      }),
    ).toMatchObject({
      throttle: { rateLimit: 1350, burstLimit: 1550 },
      lambdaConcurrency: 350,
      sesSendRate: 200,
      wafRateLimit: 30_000,
    });
  });

  test('refuses a WAF rate limit under 10, the lowest WAF accepts', () => {
    expect(() => configOf({ wafRateLimit: '9' })).toThrow(
      /wafRateLimit must be an integer of at least 10/,
    );
    expect(configOf({ wafRateLimit: '10' }).wafRateLimit).toBe(10);
  });
});
