import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ArnFormat,
  type CfnResource,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  Token,
} from 'aws-cdk-lib';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { logRetention } from './log-retention.ts';
import { logsKey } from './logs-key.ts';
import { acknowledge } from './nag.ts';
import { repoRoot } from './weibao-function.ts';

export const webDist = join(repoRoot, 'web', 'dist');

/** What the SPA reads at start (web/src/auth/runtime-config.ts), for Cognito or another OIDC provider. */
export interface CognitoRuntimeConfig {
  mode: 'cognito';
  authority: string;
  clientId: string;
  redirectUri: string;
  logoutUri: string;
  scope: string;
  /** The domain of the hospitals' intake addresses, so pages show whzx@<domain> in full. */
  intakeDomain: string;
}

export interface WebProps {
  /** The HTTP API's endpoint (https://<id>.execute-api.<region>.amazonaws.com): served under /api/*. */
  apiEndpoint: string;
  runtimeConfig: CognitoRuntimeConfig;
  /** Origins the SPA talks to besides its own: the issuer's (OIDC discovery) and the sign-in domain's. */
  connectOrigins: string[];
  /** Requests per 5 minutes one IP may send before WAF blocks it for a while. */
  rateLimitPer5Min: number;
  /** An existing WAF web ACL (scope CLOUDFRONT, us-east-1) when this stack is not in us-east-1. */
  webAclArn?: string | undefined;
  /** A custom domain with its ACM certificate in us-east-1; without it, the cloudfront.net name. */
  domain?: { names: string[]; certificate: ICertificate } | undefined;
  /** Where the built SPA is; without it, a placeholder page says how to build it (synth in CI). */
  distDir?: string;
}

/**
 * The content security policy: scripts only from this origin (the Vite build has no inline
 * script; a test checks index.html), styles from this origin plus inline (Ant Design writes its
 * CSS-in-JS into <style> elements at run time, and a static site cannot hand out nonces), API
 * calls to this origin (the API is served under /api/*) and the sign-in provider only.
 */
export function contentSecurityPolicy(connectOrigins: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...connectOrigins].join(' ')}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/**
 * Client routes (/hospitals/whzx, /links/<token with dots>) get index.html; files the build puts
 * at the root or under /assets/ are served as they are. A list, not "has a dot": link tokens do.
 */
export function spaFallbackCode(rootFiles: readonly string[]): string {
  return `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var files = ${JSON.stringify([...rootFiles].sort())};
  if (uri.indexOf('/assets/') === 0 || files.indexOf(uri.slice(1)) !== -1) return request;
  request.uri = '/index.html';
  return request;
}`;
}

/** The SPA's root files: what Vite copies from web/public, the built index.html and config.json. */
function rootFiles(distDir: string): string[] {
  const publicDir = join(repoRoot, 'web', 'public');
  const fromPublic = existsSync(publicDir) ? readdirSync(publicDir) : [];
  const fromDist = existsSync(distDir)
    ? readdirSync(distDir, { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
    : [];
  return [...new Set(['index.html', 'config.json', ...fromPublic, ...fromDist])];
}

/**
 * The largest request body the API takes through CloudFront: 64 KB, WAF's largest inspection size.
 * Bodies are JSON only (files go from the browser straight to S3 with presigned URLs); the
 * largest is a contract's terms, the seed template's about 8.7 KB.
 */
export const apiBodyLimitBytes = 64 * 1024;

const tooLargeBodyKey = 'body-too-large';
const tooLargeProblem = JSON.stringify({
  type: 'about:blank',
  title: 'Payload too large',
  status: 413,
  detail: `请求内容超过 ${apiBodyLimitBytes / 1024} KB，无法受理。`,
});

const placeholder = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>weibao</title></head>
<body><p>weibao: the web app was not built when this stack was synthesized. Run
<code>npm run build --workspace web</code> and deploy again (npm run deploy does both).</p></body></html>`;

/**
 * The SPA on AWS: a private bucket read only by CloudFront through Origin Access Control, the
 * API under /api/* on the same origin, strict response headers, the SPA fallback, WAF in front.
 */
export class Web extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly webAclArn: string;
  readonly key: IKey;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const distDir = props.distDir ?? webDist;

    // Our own key: OAC (unlike the legacy OAI) can read SSE-KMS objects, and CDK adds the key
    // policy statement that lets only this distribution decrypt.
    this.key = logsKey(this, 'Key', 'weibao: encrypts the web app bucket and the WAF logs');

    // CloudFront standard logs and S3 server access logs need a bucket with SSE-S3 (not KMS) and,
    // for CloudFront, ACLs: the log bucket only, never the site bucket.
    const logs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [
        { expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) },
      ],
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    acknowledge(
      logs,
      'HIPAA.Security-S3DefaultEncryptionKMS',
      'CloudFront standard logs and S3 server access logs are delivered only to buckets with S3-managed keys (SSE-S3); the bucket holds request logs, no hospital data, and is private, TLS-only and versioned.',
    );

    this.bucket = new Bucket(this, 'Site', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      // The build is in git and deployed again in a minute; nothing here is hospital data.
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    for (const bucket of [this.bucket, logs])
      acknowledge(
        bucket,
        'HIPAA.Security-S3BucketReplicationEnabled',
        'The site bucket holds the built web app (rebuilt from git in minutes) and the log bucket request logs; neither holds hospital data, and both stay in the deployment region like everything else.',
      );

    this.webAclArn = props.webAclArn ?? this.webAcl(props.rateLimitPer5Min).attrArn;

    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'weibao: strict CSP, HSTS, nosniff, no framing, no referrer across origins',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(props.connectOrigins),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          preload: false,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [
          {
            header: 'Permissions-Policy',
            value: 'camera=(), microphone=(), geolocation=(), payment=()',
            override: true,
          },
        ],
      },
    });

    // Named with the stage: CloudFront function names are unique in the account, in every region.
    const fallback = new CloudFrontFunction(this, 'SpaFallback', {
      functionName: `${Stack.of(this).stackName}-spa-fallback`,
      comment: 'weibao: client routes get index.html',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(spaFallbackCode(rootFiles(distDir))),
    });

    const apiDomain = Fn.select(2, Fn.split('/', props.apiEndpoint));
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'weibao web app and API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      webAclId: this.webAclArn,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      ...(props.domain
        ? {
            domainNames: props.domain.names,
            certificate: props.domain.certificate,
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: fallback, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        // Same origin for the API: no CORS preflight, one CSP origin, and WAF in front of the
        // HTTP API (which cannot be associated with a web ACL itself). Nothing is cached; every
        // header but Host goes through, Authorization included.
        '/api/*': {
          origin: new HttpOrigin(apiDomain, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
    });
    if (!props.domain)
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'Without a custom domain CloudFront serves its *.cloudfront.net certificate, whose minimum viewer protocol (TLSv1) cannot be changed. Deploy with -c webDomain=… -c webCertificateArn=… (ACM, us-east-1) to get TLSv1.2_2021 as minimum; docs/deploy.md says how.',
      );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'Hospitals and vendor staff sign in from wherever they work (on-call engineers travel); a country list would lock out legitimate users without adding much against an attacker. WAF rate limits and AWS managed rules apply to every request instead.',
    );

    // The deployment function: our own role (no AWS managed policy) and an encrypted log group.
    const deployLogs = new LogGroup(this, 'DeployLogs', {
      retention: logRetention,
      encryptionKey: this.key,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    const deployRole = new Role(this, 'DeployRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'weibao: copies the built web app into its bucket and invalidates CloudFront',
    });
    deployLogs.grantWrite(deployRole);
    const hasDist = existsSync(join(distDir, 'index.html'));
    new BucketDeployment(this, 'Deploy', {
      sources: [
        hasDist ? Source.asset(distDir) : Source.data('index.html', placeholder),
        Source.jsonData('config.json', props.runtimeConfig),
      ],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      // Browsers revalidate every file; hashed /assets/* still come from CloudFront's cache.
      cacheControl: [CacheControl.noCache()],
      role: deployRole,
      logGroup: deployLogs,
      memoryLimit: 512,
    });
    this.acknowledgeDeployment(deployRole);
  }

  /**
   * Scope CLOUDFRONT (only possible in us-east-1): AWS managed rules, a per-IP rate limit on the
   * API and a body-size limit that fits the API (see apiBodyLimitBytes).
   */
  private webAcl(rateLimitPer5Min: number): CfnWebACL {
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    const managed = (name: string, priority: number, countInstead: string[] = []) => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ...(countInstead.length > 0
            ? {
                ruleActionOverrides: countInstead.map((rule) => ({
                  name: rule,
                  actionToUse: { count: {} },
                })),
              }
            : {}),
        },
      },
      visibilityConfig: visibility(name),
    });
    const api = {
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint: 'STARTS_WITH',
        searchString: '/api/',
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    };
    const acl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('weibao-web'),
      // WAF sees the first 64 KB of a body (its largest setting; 16 KB by default), so the size
      // rule below measures every body the API accepts. Bodies above 16 KB cost extra to inspect.
      associationConfig: { requestBody: { CLOUDFRONT: { defaultSizeInspectionLimit: 'KB_64' } } },
      customResponseBodies: {
        [tooLargeBodyKey]: { contentType: 'APPLICATION_JSON', content: tooLargeProblem },
      },
      rules: [
        {
          name: 'ApiBodyTooLarge',
          priority: 0,
          action: {
            block: {
              customResponse: { responseCode: 413, customResponseBodyKey: tooLargeBodyKey },
            },
          },
          statement: {
            andStatement: {
              statements: [
                api,
                {
                  sizeConstraintStatement: {
                    // Above the inspection limit WAF cannot measure the body: MATCH refuses it.
                    fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
                    comparisonOperator: 'GT',
                    size: apiBodyLimitBytes,
                    textTransformations: [{ priority: 0, type: 'NONE' }],
                  },
                },
              ],
            },
          },
          visibilityConfig: visibility('weibao-api-body-too-large'),
        },
        {
          // The API only: the web app's files come from CloudFront's cache and are revalidated
          // (no-cache) on every page load, and one hospital reaches CloudFront from one NAT address.
          name: 'ApiRatePerIp',
          priority: 1,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: rateLimitPer5Min,
              aggregateKeyType: 'IP',
              scopeDownStatement: api,
            },
          },
          visibilityConfig: visibility('weibao-api-rate-per-ip'),
        },
        // SizeRestrictions_BODY blocks every body over 8 KB, and a contract's terms are larger
        // (the seed's are about 8.7 KB): counted instead; ApiBodyTooLarge sets the API's limit.
        // The web app's own behaviour accepts GET and HEAD only, so no body reaches the bucket.
        managed('AWSManagedRulesCommonRuleSet', 2, ['SizeRestrictions_BODY']),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 3),
        managed('AWSManagedRulesAmazonIpReputationList', 4),
      ],
    });
    // WAF writes only to log groups named aws-waf-logs-…; the bearer token is never logged.
    const stack = Stack.of(this);
    const logGroupName = `aws-waf-logs-${stack.stackName}`;
    const wafLogs = new LogGroup(this, 'WafLogs', {
      logGroupName,
      retention: logRetention,
      encryptionKey: this.key,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    const logging = new CfnLoggingConfiguration(this, 'WafLogging', {
      resourceArn: acl.attrArn,
      logDestinationConfigs: [
        stack.formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: [{ singleHeader: { Name: 'authorization' } }],
    });
    logging.node.addDependency(wafLogs);
    return acl;
  }

  private acknowledgeDeployment(role: Role): void {
    const stack = Stack.of(this);
    // cdk-nag writes an unresolved account or region as <AWS::AccountId>, a given one as it is.
    const pseudo = (value: string, name: string) =>
      Token.isUnresolved(value) ? `<AWS::${name}>` : value;
    const site = Stack.of(this).resolve(
      (this.bucket.node.defaultChild as CfnResource).logicalId,
    ) as string;
    // CDK's grants to the deployment function: read the staged asset, write the site bucket
    // (and its key), invalidate the distribution. Each wildcard is within those resources.
    const grants: [string, string][] = [
      ['Action::s3:GetBucket*', 'reads the staged asset bucket and the site bucket'],
      [
        'Action::s3:GetObject*',
        'reads the staged web app archive and the site objects it replaces',
      ],
      ['Action::s3:List*', 'lists the site bucket to prune files the new build no longer has'],
      ['Action::s3:Abort*', 'aborts its own multipart uploads into the site bucket'],
      ['Action::s3:DeleteObject*', 'prunes files of the previous build from the site bucket'],
      ['Action::kms:GenerateDataKey*', 'encrypts what it writes with the site bucket’s key'],
      ['Action::kms:ReEncrypt*', 'the site key, through S3 only'],
      [
        `Resource::arn:aws:s3:::cdk-hnb659fds-assets-${pseudo(stack.account, 'AccountId')}-${pseudo(stack.region, 'Region')}/*`,
        'the CDK bootstrap asset bucket where the build is staged; CDK names the object at deploy time',
      ],
      [
        `Resource::<${site}.Arn>/*`,
        'every object of the site bucket, which holds only the web app',
      ],
      [
        'Resource::*',
        'cloudfront:CreateInvalidation and GetInvalidation, which CDK grants on "*" for the distribution it invalidates after each deployment',
      ],
    ];
    for (const [finding, why] of grants)
      acknowledge(
        role,
        `AwsSolutions-IAM5[${finding}]`,
        `The web app deployment function (CDK BucketDeployment, our own role): ${why}. It runs only during a CloudFormation deployment.`,
      );
    acknowledge(
      role,
      'HIPAA.Security-IAMNoInlinePolicy',
      'The deployment function’s own role: its one policy (CDK’s grants for the asset, the site bucket, its key and the invalidation) is attached to that role alone.',
    );
    // CDK puts the deployment function at the stack's root, one per memory size.
    const fn = Stack.of(this).node.children.find((c) =>
      c.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (!fn) throw new Error('the BucketDeployment function was not found in the web stack');
    acknowledge(
      fn,
      'AwsSolutions-L1',
      'The runtime of CDK’s BucketDeployment function is chosen by aws-cdk-lib (with its bundled AWS CLI layer), not by us; it moves to a newer one with CDK upgrades, and runs only during deployments.',
    );
    acknowledge(
      fn,
      'HIPAA.Security-LambdaConcurrency',
      'CloudFormation invokes it once per deployment of the web stack; there is no other caller.',
    );
    acknowledge(
      fn,
      'HIPAA.Security-LambdaDLQ',
      'A CloudFormation custom resource: a failure fails and rolls back the deployment, which is where an operator sees it.',
    );
    acknowledge(
      fn,
      'HIPAA.Security-LambdaInsideVPC',
      'It reaches only S3 and CloudFront APIs, during deployments, with its own role; there is no VPC in weibao.',
    );
  }
}
