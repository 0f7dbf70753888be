import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { repoRoot } from '../lib/weibao-function.ts';
import { contentSecurityPolicy, spaFallbackCode } from '../lib/web.ts';
import { synthWeibao } from './synth.ts';

// Prepare (once): the app as `npm run synth` builds it, without esbuild.
const synth = synthWeibao({ authDomainPrefix: 'weibao-test' });
const { web } = synth;

/** The CSP as deployed; a reference to another stack (the files bucket's domain) reads `<ref>`. */
const csp = (): string => {
  const [policy] = Object.values(web.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
  const value = policy!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig
    .ContentSecurityPolicy.ContentSecurityPolicy as string | { 'Fn::Join': [string, unknown[]] };
  if (typeof value === 'string') return value;
  const [separator, parts] = value['Fn::Join'];
  return parts.map((p) => (typeof p === 'string' ? p : '<ref>')).join(separator);
};

describe('web stack', () => {
  test('the site bucket is private, KMS-encrypted, TLS-only, versioned and logged', () => {
    web.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebKey'), 'Arn'] },
            },
          }),
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'site/' }),
    });
    for (const [id, bucket] of Object.entries(web.findResources('AWS::S3::Bucket'))) {
      expect(bucket.Properties.PublicAccessBlockConfiguration, id).toMatchObject({
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      });
      const policy = Object.values(web.findResources('AWS::S3::BucketPolicy')).find(
        (p) => p.Properties.Bucket.Ref === id,
      );
      expect(policy!.Properties.PolicyDocument.Statement, id).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  test('CloudFront reads the bucket through Origin Access Control, never an OAI', () => {
    web.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    web.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      }),
    });
    web.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    // Only this distribution may read the bucket and decrypt with its key.
    const sitePolicy = Object.values(web.findResources('AWS::S3::BucketPolicy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Record<string, unknown>[])
      .find((s) => JSON.stringify(s.Principal) === '{"Service":"cloudfront.amazonaws.com"}');
    expect(sitePolicy).toMatchObject({
      Action: 's3:GetObject',
      Effect: 'Allow',
      Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
    });
  });

  test('every response carries a strict CSP, HSTS, nosniff, DENY framing and a referrer policy', () => {
    web.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: {
          ContentSecurityPolicy: { ContentSecurityPolicy: Match.anyValue(), Override: true },
          StrictTransportSecurity: Match.objectLike({
            AccessControlMaxAgeSec: 31536000,
            IncludeSubdomains: true,
          }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
        },
      }),
    });
    const directives = Object.fromEntries(
      csp()
        .split('; ')
        .map((d) => [d.split(' ')[0], d.split(' ').slice(1)]),
    );
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['connect-src']).toEqual([
      "'self'",
      'https://cognito-idp.us-east-1.amazonaws.com',
      'https://weibao-test.auth.us-east-1.amazoncognito.com',
      // The files bucket's regional domain (its name from the data stack's SSM parameter).
      expect.stringMatching(/^https:\/\/<ref>\.s3\.us-east-1\.(amazonaws\.com|<ref>)$/),
    ]);
  });

  test('the CSP never allows inline or evaluated scripts, and the SPA’s index.html has no inline script', () => {
    const policy = contentSecurityPolicy(['https://idp.example']);
    const scripts = policy.split('; ').find((d) => d.startsWith('script-src'));
    expect(scripts).not.toMatch(/unsafe-inline|unsafe-eval|data:|\*/);
    // The source index.html (Vite keeps its script tags as they are, with a src).
    const html = readFileSync(join(repoRoot, 'web', 'index.html'), 'utf8');
    const tags = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(tags.length).toBeGreaterThan(0);
    for (const [, attrs, body] of tags) {
      expect(attrs).toMatch(/\bsrc=/);
      expect(body!.trim()).toBe('');
    }
  });

  test('WAF (scope CLOUDFRONT) rate-limits each IP on the API and applies the AWS managed rule groups', () => {
    web.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      Rules: Match.arrayWith([
        Match.objectLike({
          Name: 'ApiRatePerIp',
          Action: { Block: {} },
          Statement: {
            RateBasedStatement: Match.objectLike({ Limit: 20_000, AggregateKeyType: 'IP' }),
          },
        }),
        Match.objectLike({
          Statement: {
            ManagedRuleGroupStatement: Match.objectLike({
              VendorName: 'AWS',
              Name: 'AWSManagedRulesCommonRuleSet',
            }),
          },
        }),
      ]),
    });
    const [acl] = Object.keys(web.findResources('AWS::WAFv2::WebACL'));
    web.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ WebACLId: { 'Fn::GetAtt': [acl, 'Arn'] } }),
    });
    web.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      RedactedFields: [{ SingleHeader: { Name: 'authorization' } }],
    });
  });

  test('the API is served under /api/* on the same origin, uncached, with every header but Host', () => {
    const [distribution] = Object.values(web.findResources('AWS::CloudFront::Distribution'));
    const config = distribution!.Properties.DistributionConfig;
    const api = config.CacheBehaviors.find(
      (b: { PathPattern: string }) => b.PathPattern === '/api/*',
    );
    expect(api).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      // AWS managed policies: CachingDisabled, AllViewerExceptHostHeader.
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
      AllowedMethods: expect.arrayContaining(['POST', 'PUT', 'PATCH', 'DELETE']),
    });
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.Logging).toMatchObject({ Prefix: 'cloudfront/' });
  });

  test('client routes get index.html through a viewer-request function; built files do not', () => {
    web.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
    });
    // Run the function's code as CloudFront would.
    const handler = new Function(
      `${spaFallbackCode(['favicon.svg', 'config.json', 'index.html'])}; return handler;`,
    )() as (e: { request: { uri: string } }) => { uri: string };
    const uriOf = (uri: string) => handler({ request: { uri } }).uri;
    expect(uriOf('/hospitals/whzx/tickets/01J')).toBe('/index.html');
    expect(uriOf('/links/eyJhbGciOi.eyJzdWIiOi.sig')).toBe('/index.html');
    expect(uriOf('/assets/index-3f2a.js')).toBe('/assets/index-3f2a.js');
    expect(uriOf('/config.json')).toBe('/config.json');
    expect(uriOf('/favicon.svg')).toBe('/favicon.svg');
  });

  test('the web app and /config.json are deployed into the site bucket and CloudFront is invalidated', () => {
    web.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: Match.stringLikeRegexp('^WebSite') },
      DistributionPaths: ['/*'],
      Prune: true,
    });
    // Its function has our role, without AWS managed policies, and an encrypted log group.
    web.hasResourceProperties('AWS::Logs::LogGroup', {
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebKey'), 'Arn'] },
    });
  });

  test('outputs the web app’s URL', () => {
    web.hasOutput('WebUrl', {});
  });

  test('outside us-east-1 the stack needs a web ACL made there, and says so', () => {
    expect(() => synthWeibao({ region: 'eu-central-1' })).toThrow(/webAclArn/);
  });
});

describe('no secret in any template', () => {
  // What a leaked credential looks like: AWS keys, private keys, tokens, passwords in clear.
  const patterns: [string, RegExp][] = [
    ['AWS access key id', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
    ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
    ['AWS secret access key', /"(aws_?secret_?access_?key|secretAccessKey)"\s*:\s*"[^"{]+"/i],
    ['JWT', /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./],
    ['password or secret value', /"[^"]*(password|secret|apikey|api_key)[^"]*"\s*:\s*"[^"{]{6,}"/i],
  ];

  test.each(['data', 'auth', 'api', 'web'] as const)('the %s stack template holds none', (name) => {
    const text = JSON.stringify(synth[name].toJSON());
    // Only the match is shown when one is found, never the whole template.
    for (const [what, pattern] of patterns)
      expect(text.match(pattern)?.[0], `${what} in ${name}`).toBeUndefined();
  });

  test('the scan finds a planted key (the test of the test)', () => {
    const planted = JSON.stringify({ Environment: { KEY: 'AKIAIOSFODNN7EXAMPLE' } });
    expect(patterns.some(([, p]) => p.test(planted))).toBe(true);
  });
});
