import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { expect, test, vi } from 'vitest';
import { makeWeibaoApp } from '../lib/weibao-app.ts';

// Every acknowledge() call becomes a no-op, to prove each one silences a real finding.
vi.mock('../lib/nag.ts', () => ({ acknowledge: () => undefined }));

test('without its acknowledgements the app has exactly the findings docs/deploy.md explains', () => {
  // Prepare
  const { app } = makeWeibaoApp({ context: { 'aws:cdk:bundling-stacks': [] } });

  // Act: check the construct tree directly (synth would stop at the first failed validation)
  const violations = [new AwsSolutionsChecks(), new HIPAASecurityChecks()].flatMap(
    (pack) => pack.validateScope(app).violations,
  );

  // Assess
  const found = new Map(
    violations.map((v) => [v.ruleName, v.violatingResources.map((r) => r.constructPath).sort()]),
  );
  expect([...found.keys()].sort()).toEqual([
    'AwsSolutions-APIG4',
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
    'AwsSolutions-IAM5[Resource::*]',
    'HIPAA.Security-IAMNoInlinePolicy',
    'HIPAA.Security-LambdaConcurrency',
    'HIPAA.Security-LambdaDLQ',
    'HIPAA.Security-LambdaInsideVPC',
    'HIPAA.Security-S3BucketReplicationEnabled',
    'HIPAA.Security-S3DefaultEncryptionKMS',
  ]);
  expect(found.get('AwsSolutions-APIG4')).toEqual([
    'Api/Api/GetHealthRoute/Resource',
    'Api/Api/GetOpenApiRoute/Resource',
  ]);
  expect(found.get('HIPAA.Security-S3DefaultEncryptionKMS')).toEqual([
    'Data/Data/AccessLogs/Resource',
  ]);
});
