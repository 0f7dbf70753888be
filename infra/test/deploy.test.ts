import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { createContractSchema } from '@weibao/api';
import { contractFromTemplate, seedCpoeTemplate } from '@weibao/domain';
import { minimumLogRetentionDays } from '../lib/log-retention.ts';
import { makeWeibaoApp } from '../lib/weibao-app.ts';
import { apiBodyLimitBytes } from '../lib/web.ts';
import { synthWeibao } from './synth.ts';

// Prepare (once): two stages of one account, as a vendor deploys them side by side.
const account = '123456789012';
const stageContext = (stage: string) => ({
  stage,
  account,
  intakeDomain: 'tickets.example.com',
  vendorStaffEmails: Array.from({ length: 60 }, (_, i) => `engineer${i}@vendor.example.com`).join(
    ',',
  ),
});
const stages = { dev: synthWeibao(stageContext('dev')), prod: synthWeibao(stageContext('prod')) };
const templatesOf = (s: (typeof stages)['dev']) => ({
  data: s.data,
  auth: s.auth,
  api: s.api,
  web: s.web,
  // The API's nested route stacks hold most functions and their log groups.
  ...Object.fromEntries(s.routeStacks.map((r) => [r.stack.node.id, r.template])),
});

interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
}
const resourcesOf = (template: Template) =>
  Object.entries(template.toJSON().Resources as Record<string, Resource>);

/**
 * Where each resource type keeps a name that must be unique in the account (and region): a path
 * into its properties. A name scoped to a parent (a schedule in its group) carries the parent.
 */
const nameProperties: Record<string, string[]> = {
  'AWS::Lambda::Function': ['FunctionName'],
  'AWS::CloudFront::Function': ['Name'],
  'AWS::CloudFront::ResponseHeadersPolicy': ['ResponseHeadersPolicyConfig.Name'],
  'AWS::CloudFront::OriginAccessControl': ['OriginAccessControlConfig.Name'],
  'AWS::CloudFront::CachePolicy': ['CachePolicyConfig.Name'],
  'AWS::CloudFront::OriginRequestPolicy': ['OriginRequestPolicyConfig.Name'],
  'AWS::Backup::BackupVault': ['BackupVaultName'],
  'AWS::Logs::LogGroup': ['LogGroupName'],
  'AWS::Scheduler::ScheduleGroup': ['Name'],
  'AWS::Scheduler::Schedule': ['GroupName+Name'],
  'AWS::SES::ReceiptRuleSet': ['RuleSetName'],
  'AWS::SNS::Topic': ['TopicName'],
  'AWS::SQS::Queue': ['QueueName'],
  'AWS::DynamoDB::Table': ['TableName'],
  'AWS::S3::Bucket': ['BucketName'],
  'AWS::Cognito::UserPoolDomain': ['Domain'],
  'AWS::IAM::Role': ['RoleName'],
  'AWS::IAM::ManagedPolicy': ['ManagedPolicyName'],
  'AWS::KMS::Alias': ['AliasName'],
  'AWS::SSM::Parameter': ['Name'],
  'AWS::WAFv2::WebACL': ['Name'],
  'AWS::CloudWatch::Alarm': ['AlarmName'],
  'AWS::CloudWatch::Dashboard': ['DashboardName'],
  'AWS::Events::Rule': ['Name'],
};

/** The account-unique names a resource sets itself (none: CloudFormation makes one from the stack). */
function physicalNames(resource: Resource): string[] {
  const at = (path: string): unknown =>
    path
      .split('.')
      .reduce<unknown>(
        (value, key) => (value as Record<string, unknown> | undefined)?.[key],
        resource.Properties,
      );
  return (nameProperties[resource.Type] ?? []).flatMap((path) => {
    const value = path.split('+').map(at);
    if (value[value.length - 1] === undefined) return [];
    return [`${resource.Type} ${JSON.stringify(value)}`];
  });
}

describe('a first deploy that works, twice', () => {
  test('no resource of a failed first creation survives its rollback with a fixed name (RetainExceptOnCreate)', () => {
    // Assess, over both stages and every stack.
    const kept = Object.values(stages).flatMap((s) =>
      Object.values(templatesOf(s)).flatMap((t) =>
        resourcesOf(t)
          .filter(([, r]) => r.DeletionPolicy === 'Retain' && physicalNames(r).length > 0)
          .map(([id]) => id),
      ),
    );
    expect(kept).toEqual([]);
    // The three that failed a retry before: the schedule group, the WAF log group, the vault.
    const dev = stages.dev;
    for (const [template, type] of [
      [dev.api, 'AWS::Scheduler::ScheduleGroup'],
      [dev.web, 'AWS::Logs::LogGroup'],
      [dev.data, 'AWS::Backup::BackupVault'],
    ] as const)
      template.hasResource(type, { DeletionPolicy: 'RetainExceptOnCreate' });
  });

  test('two stages in one account synthesize side by side with no account-unique name in common', () => {
    const namesOf = (s: (typeof stages)['dev']) =>
      new Set(
        Object.values(templatesOf(s)).flatMap((t) =>
          resourcesOf(t).flatMap(([, r]) => physicalNames(r)),
        ),
      );
    const dev = namesOf(stages.dev);
    const prod = namesOf(stages.prod);
    // Assess: the list is not empty (the collector works), and no name is in both.
    expect(dev.size).toBeGreaterThan(5);
    expect([...dev].filter((n) => prod.has(n))).toEqual([]);
    expect([...dev].some((n) => n.startsWith('AWS::CloudFront::Function'))).toBe(true);
    expect([...dev].some((n) => n.startsWith('AWS::Backup::BackupVault'))).toBe(true);
  });

  test('deploying to an account without the intake domain fails synth in one line instead of using example.com', () => {
    // Act & Assess
    const noBundling = { 'aws:cdk:bundling-stacks': [] };
    expect(() => makeWeibaoApp({ context: { ...noBundling, account } })).toThrow(
      /^context intakeDomain is required when deploying to account 123456789012: [^\n]+$/,
    );
    // Without an account (CI's `npm run synth`) the app still builds.
    expect(() => makeWeibaoApp({ context: noBundling })).not.toThrow();
  });

  test('Cognito sends invitations and password resets through SES from the verified mail domain', () => {
    stages.dev.auth.hasResourceProperties('AWS::Cognito::UserPool', {
      EmailConfiguration: {
        EmailSendingAccount: 'DEVELOPER',
        // RFC 2047: the display name 'weibao 维保', base64 in UTF-8.
        From: `=?UTF-8?B?${Buffer.from('weibao 维保').toString('base64')}?= <service@tickets.example.com>`,
        SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/tickets.example.com',
      },
    });
  });
});

describe('stacks that do not lock each other', () => {
  test('no stack exports a value or imports one: the data, auth and api stacks share through SSM parameters', () => {
    for (const [stage, s] of Object.entries(stages))
      for (const [name, template] of Object.entries(templatesOf(s))) {
        const json = template.toJSON() as { Outputs?: Record<string, { Export?: unknown }> };
        const exported = Object.entries(json.Outputs ?? {}).filter(([, o]) => o.Export);
        expect(exported, `${stage} ${name} exports`).toEqual([]);
        expect(JSON.stringify(json), `${stage} ${name} imports`).not.toContain('Fn::ImportValue');
      }
    // What the later stacks read, the earlier ones write, under the stage's own names.
    const dev = stages.dev;
    for (const name of ['data/table-arn', 'data/files-bucket-arn', 'data/mail-bucket-arn'])
      dev.data.hasResourceProperties('AWS::SSM::Parameter', { Name: `/weibao/dev/${name}` });
    dev.auth.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/weibao/dev/auth/user-pool-id',
    });
    dev.api.hasResourceProperties('AWS::SSM::Parameter', { Name: '/weibao/dev/api/endpoint' });
    expect(dev.api.toJSON().Parameters).toMatchObject({
      [Object.keys(dev.api.toJSON().Parameters).find((p) => p.includes('datatablearn'))!]: {
        Type: 'AWS::SSM::Parameter::Value<String>',
        Default: '/weibao/dev/data/table-arn',
      },
    });
    // The deploy order is declared instead of inferred from references.
    expect(dev.stacks.web.dependencies.map((d) => d.stackName).sort()).toEqual([
      'weibao-dev-api',
      'weibao-dev-auth',
      'weibao-dev-data',
    ]);
    expect(dev.stacks.api.dependencies.map((d) => d.stackName).sort()).toEqual([
      'weibao-dev-auth',
      'weibao-dev-data',
    ]);
  });
});

describe('vendor staff out of environment variables', () => {
  test('60 staff addresses (the environment held ~34) live in one SSM parameter the intake may read, in no function’s environment', () => {
    const api = stages.dev.api;
    const functions = Object.values(api.findResources('AWS::Lambda::Function'));
    const environments = functions.map((f) => JSON.stringify(f.Properties.Environment ?? {}));
    expect(environments.filter((e) => e.includes('@vendor.example.com'))).toEqual([]);
    expect(environments.filter((e) => e.includes('MAIL_DIRECTORY"'))).toEqual([]);
    api.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/weibao/dev/mail/vendor-staff',
      Type: 'String',
      Value: stageContext('dev').vendorStaffEmails,
      Tier: 'Standard',
    });
    const intake = functions.find((f) =>
      JSON.stringify(f.Properties.Environment).includes('MAIL_DIRECTORY_PARAMETER'),
    );
    expect(intake?.Properties.Environment.Variables.MAIL_DIRECTORY_PARAMETER).toEqual({
      Ref: expect.stringMatching(/VendorStaff/),
    });
    expect(JSON.stringify(api.findResources('AWS::IAM::Policy'))).toContain('ssm:GetParameter');
  });
});

describe('log retention (网络安全法 art. 21: network logs at least six months)', () => {
  test('every log group of every stack keeps its events at least six calendar months', () => {
    const groups = Object.values(templatesOf(stages.dev)).flatMap((t) =>
      Object.entries(t.findResources('AWS::Logs::LogGroup')),
    );
    expect(groups.length).toBeGreaterThan(10);
    const short = groups
      .filter(([, g]) => !(Number(g.Properties?.RetentionInDays) >= minimumLogRetentionDays))
      .map(([id, g]) => `${id}: ${String(g.Properties?.RetentionInDays)}`);
    expect(short).toEqual([]);
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- template JSON, walked by hand below
type Cfn = Record<string, any>;

/**
 * The rules of our web ACL that look at a request's path and body size, evaluated for one request
 * the way WAF does (first terminating match wins). The managed groups are represented by their one
 * size rule, SizeRestrictions_BODY (block bodies over 8 KB) unless the template counts it.
 */
function wafVerdict(web: Template, request: { path: string; bodyBytes: number }): string {
  const acl = Object.values(web.findResources('AWS::WAFv2::WebACL'))[0]!.Properties;
  const limit = { KB_16: 16, KB_32: 32, KB_48: 48, KB_64: 64 }[
    acl.AssociationConfig?.RequestBody?.CLOUDFRONT?.DefaultSizeInspectionLimit as string
  ];
  const inspectable = (limit ?? 16) * 1024;
  const matches = (statement: Cfn): boolean => {
    if (statement.AndStatement) return (statement.AndStatement.Statements as Cfn[]).every(matches);
    if (statement.ByteMatchStatement) {
      const s = statement.ByteMatchStatement;
      expect(s.FieldToMatch).toEqual({ UriPath: {} });
      expect(s.PositionalConstraint).toBe('STARTS_WITH');
      return request.path.startsWith(s.SearchString as string);
    }
    if (statement.SizeConstraintStatement) {
      const s = statement.SizeConstraintStatement;
      expect(s.ComparisonOperator).toBe('GT');
      if (request.bodyBytes > inspectable) return s.FieldToMatch.Body.OversizeHandling === 'MATCH';
      return request.bodyBytes > (s.Size as number);
    }
    if (statement.RateBasedStatement) return false; // one request is never over a rate
    throw new Error(`no model for ${JSON.stringify(statement)}`);
  };
  const rules = [...(acl.Rules as Cfn[])].sort((a, b) => a.Priority - b.Priority);
  for (const rule of rules) {
    const group = rule.Statement.ManagedRuleGroupStatement;
    if (group) {
      const counted = (group.RuleActionOverrides ?? []).some(
        (o: Cfn) => o.Name === 'SizeRestrictions_BODY' && o.ActionToUse.Count,
      );
      if (group.Name === 'AWSManagedRulesCommonRuleSet' && !counted && request.bodyBytes > 8192)
        return `blocked by ${rule.Name}`;
      continue;
    }
    if (matches(rule.Statement)) return `blocked by ${rule.Name}`;
  }
  return 'allowed';
}

describe('WAF rules fit the API and a hospital behind one NAT address', () => {
  const web = stages.dev.web;

  test('a contract body of 16 KB passes; the common rule set’s 8 KB body rule is counted, not blocking', () => {
    // Prepare: the seed template's contract, grown to 16 KB with contacts and calendar days.
    const terms = contractFromTemplate(seedCpoeTemplate, { signedOn: '2026-01-05' });
    const body = { terms: { ...terms, calendarOverrides: [] as unknown[] } };
    for (let day = 1; Buffer.byteLength(JSON.stringify(body)) < 16 * 1024; day++)
      body.terms.calendarOverrides.push({
        date: `2026-${String(1 + Math.floor(day / 28)).padStart(2, '0')}-${String(1 + (day % 28)).padStart(2, '0')}`,
        working: false,
        reason: '医院信息系统升级停机，暂停门诊与住院服务（院内通知）',
      });
    const bytes = Buffer.byteLength(JSON.stringify(body));
    expect(createContractSchema.safeParse(body).success).toBe(true);
    expect(bytes).toBeGreaterThanOrEqual(16 * 1024);

    // Act & Assess
    expect(wafVerdict(web, { path: '/api/hospitals/whzx/contracts', bodyBytes: bytes })).toBe(
      'allowed',
    );
    const acl = Object.values(web.findResources('AWS::WAFv2::WebACL'))[0]!.Properties;
    const common = acl.Rules.find(
      (r: { Name: string }) => r.Name === 'AWSManagedRulesCommonRuleSet',
    );
    expect(common.Statement.ManagedRuleGroupStatement.RuleActionOverrides).toEqual([
      { Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } },
    ]);
  });

  test('an API body above the API’s limit is refused with 413 and a Chinese problem; the rules would have blocked 16 KB before', () => {
    expect(
      wafVerdict(web, { path: '/api/hospitals/whzx/contracts', bodyBytes: apiBodyLimitBytes + 1 }),
    ).toBe('blocked by ApiBodyTooLarge');
    expect(wafVerdict(web, { path: '/api/x', bodyBytes: 200 * 1024 })).toBe(
      'blocked by ApiBodyTooLarge',
    );
    const acl = Object.values(web.findResources('AWS::WAFv2::WebACL'))[0]!.Properties;
    const rule = acl.Rules.find((r: { Name: string }) => r.Name === 'ApiBodyTooLarge');
    expect(rule.Action.Block.CustomResponse.ResponseCode).toBe(413);
    const problem = JSON.parse(
      acl.CustomResponseBodies[rule.Action.Block.CustomResponse.CustomResponseBodyKey].Content,
    );
    expect(problem).toMatchObject({ status: 413, detail: expect.stringMatching(/请求内容超过/) });
    // The model is not vacuous: without the override the 16 KB body would be blocked.
    const unpatched = Template.fromJSON(
      JSON.parse(
        JSON.stringify(web.toJSON()).replace('"RuleActionOverrides"', '"IgnoredOverrides"'),
      ),
    );
    expect(wafVerdict(unpatched, { path: '/api/x', bodyBytes: 16 * 1024 })).toBe(
      'blocked by AWSManagedRulesCommonRuleSet',
    );
  });

  test('the per-IP rate limit counts API requests only, and fits a hospital’s worst hour behind one address', () => {
    const acl = Object.values(web.findResources('AWS::WAFv2::WebACL'))[0]!.Properties;
    const rate = acl.Rules.find(
      (r: { Statement: Record<string, unknown> }) => r.Statement.RateBasedStatement,
    ).Statement.RateBasedStatement;
    expect(rate.Limit).toBeGreaterThanOrEqual(16_000);
    expect(rate.AggregateKeyType).toBe('IP');
    expect(rate.ScopeDownStatement.ByteMatchStatement).toMatchObject({
      FieldToMatch: { UriPath: {} },
      PositionalConstraint: 'STARTS_WITH',
      SearchString: '/api/',
    });
  });
});
