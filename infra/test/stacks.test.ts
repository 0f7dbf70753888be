import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { eventHandlers, routes } from '@weibao/api';
import { roles } from '@weibao/domain';
import { tableDefinition } from '@weibao/store/table';
import { pascal } from '../lib/names.ts';
import { makeWeibaoApp } from '../lib/weibao-app.ts';
import { handlerEntry } from '../lib/weibao-function.ts';
import { inParent, synthWeibao } from './synth.ts';

// Prepare (once): the app as `npm run synth` builds it, without esbuild.
const synth = synthWeibao();
const { data, auth, api, web } = synth;
const templates: Record<string, Template> = {
  data,
  auth,
  api,
  web,
  ...Object.fromEntries(synth.routeStacks.map((r) => [r.stack.node.id, r.template])),
};
/** Resources of a type in the API stack and its route stacks, with the route stack they are in. */
function apiResources(type: string) {
  return [
    ...Object.entries(api.findResources(type)).map(([id, r]) => ({ id, r, stack: undefined })),
    ...synth.routeStacks.flatMap(({ stack, template }) =>
      Object.entries(template.findResources(type)).map(([id, r]) => ({ id, r, stack })),
    ),
  ];
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

function statementsOf(template: Template): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (policy) => policy.Properties.PolicyDocument.Statement as Statement[],
  );
}
const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
/**
 * The event handlers of the api stack (Scheduler targets, SES receipt actions): one function each,
 * beside the routes'. The Cognito trigger lives in the auth stack.
 */
const scheduled = eventHandlers.filter((h) => h.trigger !== 'cognito-pre-token-generation');

/** The statements of the role of one route's function (in its route stack: <OperationId>Role…). */
function routeStatements(operationId: string): Statement[] {
  const prefix = `${pascal(operationId)}Role`;
  const policies = apiResources('AWS::IAM::Policy').filter(
    ({ id, stack }) => stack && id.startsWith(prefix),
  );
  expect(policies, `one policy for ${operationId}`).toHaveLength(1);
  return policies[0]!.r.Properties.PolicyDocument.Statement as Statement[];
}

describe('data stack', () => {
  test('the table is pay-per-request, recoverable to any second, encrypted with our rotating key and retained', () => {
    data.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: {
          SSEEnabled: true,
          SSEType: 'KMS',
          KMSMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataDataKey'), 'Arn'] },
        },
        DeletionProtectionEnabled: true,
      }),
    });
    data.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  test('the table has the keys, indexes and TTL of the one table definition', () => {
    data.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: tableDefinition.globalIndexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true },
    });
  });

  test('AWS Backup copies the table daily (kept 35 days) and monthly (kept a year) into a retained vault under our key', () => {
    data.hasResource('AWS::Backup::BackupVault', {
      DeletionPolicy: 'RetainExceptOnCreate',
      Properties: Match.objectLike({
        EncryptionKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataDataKey'), 'Arn'] },
      }),
    });
    data.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: Match.objectLike({
        BackupPlanRule: [
          Match.objectLike({
            RuleName: 'Daily',
            ScheduleExpression: 'cron(0 19 * * ? *)',
            Lifecycle: { DeleteAfterDays: 35 },
          }),
          Match.objectLike({
            RuleName: 'Monthly',
            ScheduleExpression: 'cron(0 19 1 * ? *)',
            Lifecycle: { DeleteAfterDays: 366 },
          }),
        ],
      }),
    });
    data.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({
        Resources: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^DataTable'), 'Arn'] }],
      }),
    });
  });

  test('the files bucket blocks public access, is KMS-encrypted, versioned, logged and retained', () => {
    data.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'RetainExceptOnCreate',
      Properties: Match.objectLike({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            {
              BucketKeyEnabled: true,
              ServerSideEncryptionByDefault: {
                SSEAlgorithm: 'aws:kms',
                KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataDataKey'), 'Arn'] },
              },
            },
          ],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: {
          DestinationBucketName: { Ref: Match.stringLikeRegexp('^DataAccessLogs') },
          LogFilePrefix: 'files/',
        },
      }),
    });
  });

  test('every bucket refuses requests that do not use TLS', () => {
    const buckets = Object.keys(data.findResources('AWS::S3::Bucket'));
    const policies = Object.values(data.findResources('AWS::S3::BucketPolicy'));
    expect(buckets.length).toBeGreaterThan(0);
    for (const bucket of buckets) {
      const policy = policies.find((p) => p.Properties.Bucket.Ref === bucket);
      expect(policy, `bucket policy of ${bucket}`).toBeDefined();
      expect(policy!.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  test('every bucket is encrypted and blocks public access', () => {
    for (const bucket of Object.values(data.findResources('AWS::S3::Bucket'))) {
      expect(bucket.Properties.BucketEncryption).toBeDefined();
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
  });
});

describe('auth stack', () => {
  test('there is one Cognito group for every role, named as the role', () => {
    auth.resourceCountIs('AWS::Cognito::UserPoolGroup', roles.length);
    for (const role of roles) {
      auth.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: role });
    }
  });

  test('the user pool offers TOTP MFA (required of vendor roles by its trigger), a strong password, and keeps tenantId immutable', () => {
    auth.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'RetainExceptOnCreate',
      Properties: Match.objectLike({
        MfaConfiguration: 'OPTIONAL',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
        Schema: Match.arrayWith([
          Match.objectLike({ Name: 'tenantId', AttributeDataType: 'String', Mutable: false }),
        ]),
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      }),
    });
  });

  test('the MFA trigger runs before every token is issued and may only read this pool’s users', () => {
    const [fnId] = Object.keys(
      auth.findResources('AWS::Lambda::Function', {
        Properties: { Description: Match.stringLikeRegexp('^Pre token generation') },
      }),
    );
    expect(fnId).toBeDefined();
    const [poolId] = Object.keys(auth.findResources('AWS::Cognito::UserPool'));
    auth.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: { PreTokenGeneration: { 'Fn::GetAtt': [fnId, 'Arn'] } },
    });
    auth.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Pre token generation'),
      Timeout: 5,
      Runtime: 'nodejs24.x',
    });
    auth.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'cognito-idp.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
      SourceArn: { 'Fn::GetAtt': [poolId, 'Arn'] },
    });
    const cognito = statementsOf(auth).filter((s) =>
      list(s.Action).some((a) => a.startsWith('cognito-idp:')),
    );
    expect(cognito).toEqual([
      {
        Action: 'cognito-idp:AdminGetUser',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [poolId, 'Arn'] },
      },
    ]);
  });

  test('the SPA client is public, uses the code grant only and cannot write tenantId', () => {
    auth.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      // The user's own access token may enrol an authenticator app.
      AllowedOAuthScopes: Match.arrayWith(['aws.cognito.signin.user.admin']),
      CallbackURLs: ['http://localhost:3000/auth/callback'],
      ReadAttributes: Match.arrayWith(['custom:tenantId']),
      WriteAttributes: ['name'],
    });
  });
});

describe('api stack', () => {
  test('every route of the route table is an API route, JWT-authorized unless public', () => {
    const apiRoutes = apiResources('AWS::ApiGatewayV2::Route');
    expect(apiRoutes).toHaveLength(routes.length);
    const [authorizerId] = Object.keys(api.findResources('AWS::ApiGatewayV2::Authorizer'));
    const [apiId] = Object.keys(api.findResources('AWS::ApiGatewayV2::Api'));
    for (const route of routes) {
      const routeKey = `${route.method} ${route.path}`;
      const found = apiRoutes.filter(({ r }) => r.Properties.RouteKey === routeKey);
      expect(found, routeKey).toHaveLength(1);
      const [{ r, stack }] = found as [(typeof found)[number]];
      // In a route stack, the API and the authorizer are parameters the API stack passes in.
      expect(stack, `${routeKey} is in a route stack`).toBeDefined();
      expect(inParent(synth, stack!, r.Properties.ApiId)).toEqual({ Ref: apiId });
      if (route.access.kind === 'public') {
        expect(r.Properties.AuthorizationType, routeKey).toBe('NONE');
        expect(r.Properties.AuthorizerId, routeKey).toBeUndefined();
      } else {
        expect(r.Properties.AuthorizationType, routeKey).toBe('JWT');
        expect(inParent(synth, stack!, r.Properties.AuthorizerId), routeKey).toEqual({
          Ref: authorizerId,
        });
      }
    }
  });

  test('the JWT authorizer trusts only the user pool issuer and the SPA client', () => {
    api.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    api.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: Match.stringLikeRegexp('weibaodevauthspaclientid') }],
        Issuer: Match.anyValue(),
      },
    });
    // The issuer is the pool's URL, built from the pool id the auth stack shares through SSM.
    const authorizer = Object.values(api.findResources('AWS::ApiGatewayV2::Authorizer'))[0]!;
    const issuer = JSON.stringify(authorizer.Properties.JwtConfiguration.Issuer);
    expect(issuer).toContain('https://cognito-idp.');
    expect(issuer).toMatch(/weibaodevauthuserpoolid/);
  });

  test('each route has its own function on Node 24 and ARM64, traced, with TABLE_NAME', () => {
    const functions = apiResources('AWS::Lambda::Function');
    expect(functions).toHaveLength(routes.length + scheduled.length);
    for (const route of routes) {
      const { r: fn } =
        functions.find(
          ({ id, stack }) => stack && id.startsWith(`${pascal(route.operationId)}Handler`),
        ) ?? {};
      expect(fn, `function of ${route.operationId}`).toBeDefined();
      expect(fn!.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        LoggingConfig: { LogFormat: 'JSON' },
        Environment: {
          Variables: {
            NODE_OPTIONS: '--enable-source-maps',
            // The name within the table's ARN, which the data stack shares through SSM.
            TABLE_NAME: {
              'Fn::Select': [
                1,
                {
                  'Fn::Split': [
                    '/',
                    {
                      'Fn::Select': [
                        5,
                        {
                          'Fn::Split': [
                            ':',
                            { Ref: expect.stringMatching(/weibaodevdatatablearn/) },
                          ],
                        },
                      ],
                    },
                  ],
                },
              ],
            },
          },
        },
      });
    }
  });

  test('each route’s and event handler’s file exists in functions/', () => {
    const missing = [...routes, ...eventHandlers]
      .map((def) => handlerEntry(def.handler))
      .filter((f) => !existsSync(f));
    expect(missing).toEqual([]);
  });

  test('GET routes may only read the table; other routes may write', () => {
    const writes = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];
    for (const route of routes) {
      const actions = routeStatements(route.operationId).flatMap((s) => list(s.Action));
      expect(actions).toContain('dynamodb:Query');
      if (route.method === 'GET') {
        for (const write of [...writes, 'kms:Encrypt', 'kms:GenerateDataKey'])
          expect(actions, `${route.operationId} must not ${write}`).not.toContain(write);
      } else {
        for (const write of writes) expect(actions, route.operationId).toContain(write);
      }
    }
  });

  test('no IAM statement grants dynamodb:* or any DynamoDB action but ListStreams on every resource', () => {
    for (const [name, template] of Object.entries(templates)) {
      for (const statement of statementsOf(template)) {
        const actions = list(statement.Action);
        expect(actions, name).not.toContain('dynamodb:*');
        expect(
          actions.some((a) => a === '*'),
          name,
        ).toBe(false);
        // ListStreams has no resource type: the stream's event source mapping needs it on "*".
        if (actions.some((a) => a.startsWith('dynamodb:') && a !== 'dynamodb:ListStreams'))
          expect(list(statement.Resource), name).not.toContain('*');
      }
    }
  });

  test('only actions without resource-level permissions use Resource "*" (the one accepted IAM5 finding)', () => {
    for (const template of Object.values(templates)) {
      for (const statement of statementsOf(template)) {
        if (list(statement.Resource).includes('*')) {
          // CDK merges statements on the same resource, so check each action, not the set.
          for (const action of list(statement.Action)) {
            expect([
              'ses:GetAccount',
              // The rollups function's stream event source mapping (scheduling.test.ts pins it).
              'dynamodb:ListStreams',
              // CDK's BucketDeployment invalidates the distribution after copying the web app.
              'cloudfront:CreateInvalidation',
              'cloudfront:GetInvalidation',
            ]).toContain(action);
          }
        }
      }
    }
  });

  test('no role has an AWS managed policy but AWS Backup’s own, on the role only it assumes', () => {
    for (const template of Object.values(templates)) {
      for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
        const principal = role.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service;
        if (principal === 'backup.amazonaws.com') {
          expect(JSON.stringify(role.Properties.ManagedPolicyArns)).toMatch(
            /^\[\{"Fn::Join":\["",\["arn:",\{"Ref":"AWS::Partition"\},":iam::aws:policy\/service-role\/AWSBackupServiceRolePolicyForBackup"\]\]\}\]$/,
          );
        } else expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      }
    }
  });

  test('every log group has a retention and is encrypted with the logs key', () => {
    const groups = apiResources('AWS::Logs::LogGroup');
    expect(groups).toHaveLength(routes.length + scheduled.length + 1);
    for (const { r: group, stack } of groups) {
      expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
      const key = stack
        ? inParent(synth, stack, group.Properties.KmsKeyId)
        : group.Properties.KmsKeyId;
      expect(key).toEqual({
        'Fn::GetAtt': [expect.stringMatching(/^ApiLogsKey/), 'Arn'],
      });
    }
    data.resourceCountIs('AWS::Logs::LogGroup', 0);
    // The MFA trigger's, under the auth stack's own logs key.
    auth.hasResourceProperties('AWS::Logs::LogGroup', {
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuthLogsKey'), 'Arn'] },
      RetentionInDays: Match.anyValue(),
    });
  });

  test('the default stage throttles and writes JSON access logs', () => {
    api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 300 },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiAccessLogs'), 'Arn'] },
        Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
      },
    });
  });

  test('CORS allows only the SPA origin', () => {
    api.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({
        AllowOrigins: ['http://localhost:3000'],
        AllowCredentials: false,
      }),
    });
  });
});

describe('app', () => {
  test('context sets the origin, stage and throttling of a deployment', () => {
    const custom = synthWeibao({
      stage: 'prod',
      webOrigin: 'https://weibao.example.com',
      throttleRate: '20',
      throttleBurst: '40',
    });
    expect(custom.stacks.api.stackName).toBe('weibao-prod-api');
    custom.api.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://weibao.example.com'] }),
    });
    custom.api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
    });
    // Browsers upload deliverables and proofs straight to the files bucket, from the web app only.
    custom.data.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [
          Match.objectLike({
            AllowedOrigins: ['https://weibao.example.com'],
            AllowedMethods: ['PUT', 'GET'],
          }),
        ],
      },
    });
    const cors = Object.values(custom.data.findResources('AWS::S3::Bucket')).flatMap(
      (b) => (b.Properties?.CorsConfiguration?.CorsRules ?? []) as { AllowedOrigins: string[] }[],
    );
    expect(cors.flatMap((r) => r.AllowedOrigins)).toEqual(['https://weibao.example.com']);
    custom.auth.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://weibao.example.com/auth/callback'],
      LogoutURLs: ['https://weibao.example.com'],
    });
  });

  test('context sets the WAF rate per IP and the Lambda concurrency the alarm watches', () => {
    const bigger = synthWeibao({ wafRateLimit: '30000', lambdaConcurrency: '350' });
    const rateRule = (template: typeof web) =>
      (
        Object.values(template.findResources('AWS::WAFv2::WebACL'))[0]!.Properties.Rules as {
          Name: string;
          Statement: { RateBasedStatement?: { Limit: number } };
        }[]
      ).find((r) => r.Name === 'ApiRatePerIp')!.Statement.RateBasedStatement!.Limit;
    expect(rateRule(web)).toBe(20_000);
    expect(rateRule(bigger.web)).toBe(30_000);
    const concurrencyAlarm = (template: typeof api) =>
      Object.values(template.findResources('AWS::CloudWatch::Alarm')).find(
        (a) => a.Properties.MetricName === 'ConcurrentExecutions',
      )!.Properties;
    expect(concurrencyAlarm(api)).toMatchObject({
      Namespace: 'AWS/Lambda',
      Statistic: 'Maximum',
      Period: 60,
      Threshold: 80,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(concurrencyAlarm(api).Dimensions).toBeUndefined();
    expect(concurrencyAlarm(bigger.api).Threshold).toBe(280);
  });

  test('with another OIDC provider the API trusts its issuer and audience, and no user pool is built', () => {
    const { app, stacks } = makeWeibaoApp({
      context: {
        'aws:cdk:bundling-stacks': [],
        oidcIssuer: 'https://sso.example.cn/realms/weibao',
        oidcAudience: 'weibao-spa',
      },
      outdir: mkdtempSync(join(tmpdir(), 'weibao-cdk-')),
    });
    expect(stacks.auth).toBeUndefined();
    expect(app.node.tryFindChild('Auth')).toBeUndefined();
    Template.fromStack(stacks.api).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: {
        Audience: ['weibao-spa'],
        Issuer: 'https://sso.example.cn/realms/weibao',
      },
    });
  });

  test('each stack outputs what the SPA and operators need', () => {
    data.hasOutput('TableName', {});
    auth.hasOutput('UserPoolId', {});
    auth.hasOutput('UserPoolClientId', {});
    api.hasOutput('ApiUrl', {});
    api.hasOutput('ScheduleGroup', {});
    api.hasOutput('TimerDeadLetterQueueUrl', {});
  });

  test('stacks carry fixed descriptions and tags', () => {
    for (const stack of Object.values(synth.stacks)) {
      expect(stack.templateOptions.description).toMatch(/^weibao dev: /);
      expect(stack.tags.tagValues()).toEqual({ app: 'weibao', stage: 'dev' });
    }
  });

  test('synthesizing twice gives identical templates', () => {
    const again = synthWeibao();
    for (const name of ['data', 'auth', 'api', 'web'] as const) {
      expect(again[name].toJSON(), name).toEqual(synth[name].toJSON());
    }
    expect(again.routeStacks.map((r) => r.template.toJSON())).toEqual(
      synth.routeStacks.map((r) => r.template.toJSON()),
    );
  });
});

describe('signed links', () => {
  test('the link key is an HMAC key inside KMS, retained', () => {
    data.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }),
      DeletionPolicy: 'RetainExceptOnCreate',
    });
  });

  test('only the routes that declare uses.links may ask KMS for a MAC, and for nothing else', () => {
    for (const route of routes) {
      const statements = routeStatements(route.operationId);
      const macs = statements.filter((s) =>
        list(s.Action).some((a) => a.startsWith('kms:GenerateMac')),
      );
      const declared = 'uses' in route && route.uses && 'links' in route.uses;
      expect(macs.length, route.operationId).toBe(declared ? 1 : 0);
      for (const s of macs) expect(list(s.Action)).toEqual(['kms:GenerateMac']);
    }
  });
});
