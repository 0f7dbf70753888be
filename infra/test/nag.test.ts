import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, test } from 'vitest';
import { routes, routesByCapability } from '@weibao/api';
import { routeChunks } from '../lib/route-stacks.ts';
import { repoRoot } from '../lib/weibao-function.ts';
import { synthWeibao } from './synth.ts';

/** Every acknowledgement in the tree: rule id → construct paths, as cdk-nag sees them. */
function acknowledgements(root: IConstruct): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const id of Object.keys(entry.data as Record<string, string>)) {
        const rule = id.replace(/^annotation::/i, '');
        found.set(rule, [...(found.get(rule) ?? []), construct.node.path]);
      }
    }
  }
  return found;
}

/** Api/Api/<route stack>/<OperationId>: where a route's constructs are. */
function routeConstructPath(operationId: string): string {
  const chunk = routeChunks(routesByCapability).find((c) =>
    c.routes.some((r) => r.operationId === operationId),
  );
  return `Api/Api/${chunk?.id}/${operationId[0]?.toUpperCase()}${operationId.slice(1)}`;
}

// Each test synthesizes the whole app and runs every rule: seconds, not milliseconds.
describe('cdk-nag AwsSolutions and HIPAA Security', { timeout: 90_000 }, () => {
  test.each([
    ['AwsSolutions', new AwsSolutionsChecks(undefined, { verbose: true })],
    ['HIPAA Security', new HIPAASecurityChecks(undefined, { verbose: true })],
  ])('%s finds nothing unacknowledged in the app, neither errors nor warnings', (_, pack) => {
    // Prepare
    const { app } = synthWeibao();

    // Act
    const report = pack.validateScope(app);

    // Assess
    expect(
      report.violations.map((v) => `${v.ruleName} ${v.violatingResources[0]?.constructPath}`),
    ).toEqual([]);
    expect(report.success).toBe(true);
  });

  test('every acknowledged rule is listed with its reason in docs/deploy.md', () => {
    // Prepare
    const { app } = synthWeibao();
    const doc = readFileSync(join(repoRoot, 'docs', 'deploy.md'), 'utf8');

    // Act
    const rules = [...acknowledgements(app).keys()].sort();

    // Assess
    expect(rules).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-CFR1',
      'AwsSolutions-CFR4',
      'AwsSolutions-COG2',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
      'AwsSolutions-IAM5[Action::s3:Abort*]',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
      'AwsSolutions-IAM5[Action::s3:GetBucket*]',
      'AwsSolutions-IAM5[Action::s3:GetObject*]',
      'AwsSolutions-IAM5[Action::s3:List*]',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::<SsmParameterValueweibaodevdatafilesbucketarnC96584B6F00A464EAD1953AFF4B05118Parameter>/hospitals/*]',
      'AwsSolutions-IAM5[Resource::<SsmParameterValueweibaodevdatamailbucketarnC96584B6F00A464EAD1953AFF4B05118Parameter>/inbound/*]',
      'AwsSolutions-IAM5[Resource::<WebSiteD504717C.Arn>/*]',
      // The same two grants inside a nested route stack, where the ARN is a parameter from the parent.
      'AwsSolutions-IAM5[Resource::<referencetoApiSsmParameterValueweibaodevdatafilesbucketarnC96584B6F00A464EAD1953AFF4B05118ParameterA157A75DRef>/hospitals/*]',
      'AwsSolutions-IAM5[Resource::<referencetoApiSsmParameterValueweibaodevdatamailbucketarnC96584B6F00A464EAD1953AFF4B05118Parameter672054F0Ref>/inbound/*]',
      'AwsSolutions-IAM5[Resource::arn:aws:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-us-east-1/*]',
      'AwsSolutions-IAM5[Resource::arn:aws:scheduler:us-east-1:<AWS::AccountId>:schedule/weibao-dev-sla-timers/chd-*]',
      'AwsSolutions-IAM5[Resource::arn:aws:scheduler:us-east-1:<AWS::AccountId>:schedule/weibao-dev-sla-timers/evr-*]',
      'AwsSolutions-IAM5[Resource::arn:aws:scheduler:us-east-1:<AWS::AccountId>:schedule/weibao-dev-sla-timers/obl-*]',
      'AwsSolutions-IAM5[Resource::arn:aws:scheduler:us-east-1:<AWS::AccountId>:schedule/weibao-dev-sla-timers/sla-*]',
      'AwsSolutions-L1',
      'HIPAA.Security-IAMNoInlinePolicy',
      'HIPAA.Security-LambdaConcurrency',
      'HIPAA.Security-LambdaDLQ',
      'HIPAA.Security-LambdaInsideVPC',
      'HIPAA.Security-S3BucketReplicationEnabled',
      'HIPAA.Security-S3DefaultEncryptionKMS',
    ]);
    // The schedule finding names the region, account and stage; the table writes them generically.
    for (const rule of rules) {
      // The buckets appear by the template parameters their ARNs are read into from SSM.
      const documented = rule
        .replace(
          /Resource::arn:[^\]]*:schedule\/weibao-dev-/,
          'Resource::arn:…:schedule/weibao-<stage>-',
        )
        .replace(
          /Resource::<(?:referencetoApi)?SsmParameterValueweibaodevdatamail\w+>\//,
          'Resource::<mail bucket ARN>/',
        )
        .replace(
          /Resource::<(?:referencetoApi)?SsmParameterValueweibaodevdatafiles\w+>\//,
          'Resource::<files bucket ARN>/',
        )
        .replace('Resource::weibao-dev-', 'Resource::weibao-<stage>-');
      expect(doc, `docs/deploy.md names ${documented}`).toContain(`\`${documented}\``);
    }
  });

  test('APIG4 is accepted only on the public routes', () => {
    // Prepare
    const { app } = synthWeibao();

    // Act
    const paths = acknowledgements(app).get('AwsSolutions-APIG4') ?? [];

    // Assess
    const publicRoutes = routes
      .filter((route) => route.access.kind === 'public')
      .map((route) => routeConstructPath(route.operationId));
    expect(publicRoutes.length).toBeGreaterThan(0);
    expect(paths.sort()).toEqual(publicRoutes.map((path) => `${path}Route`).sort());
  });
});
