import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { expect, test, vi } from 'vitest';
import { routes, routesByCapability, type RouteDef } from '@weibao/api';
import { routeChunks } from '../lib/route-stacks.ts';
import { makeWeibaoApp } from '../lib/weibao-app.ts';

/** Api/Api/<route stack>/<OperationId>: where a route's constructs are. */
function routeConstructPath(route: RouteDef): string {
  const chunk = routeChunks(routesByCapability).find((c) => c.routes.includes(route));
  return `Api/Api/${chunk?.id}/${route.operationId[0]?.toUpperCase()}${route.operationId.slice(1)}`;
}

// Every acknowledge() call becomes a no-op, to prove each one silences a real finding.
vi.mock('../lib/nag.ts', () => ({ acknowledge: () => undefined }));

test(
  'without its acknowledgements the app has exactly the findings docs/deploy.md explains',
  { timeout: 30_000 },
  () => {
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
    const scheduleRule = (prefix: string) =>
      `AwsSolutions-IAM5[Resource::arn:aws:scheduler:us-east-1:<AWS::AccountId>:schedule/weibao-dev-sla-timers/${prefix}-*]`;
    // The buckets' ARNs come from SSM parameters: cdk-nag names them by the template parameter.
    const filesRule =
      'AwsSolutions-IAM5[Resource::<SsmParameterValueweibaodevdatafilesbucketarnC96584B6F00A464EAD1953AFF4B05118Parameter>/hospitals/*]';
    expect([...found.keys()].sort()).toEqual([
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
      filesRule,
      'AwsSolutions-IAM5[Resource::<SsmParameterValueweibaodevdatamailbucketarnC96584B6F00A464EAD1953AFF4B05118Parameter>/inbound/*]',
      'AwsSolutions-IAM5[Resource::<WebSiteD504717C.Arn>/*]',
      'AwsSolutions-IAM5[Resource::arn:aws:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-us-east-1/*]',
      scheduleRule('chd'),
      scheduleRule('evr'),
      scheduleRule('obl'),
      scheduleRule('sla'),
      'AwsSolutions-L1',
      'HIPAA.Security-IAMNoInlinePolicy',
      'HIPAA.Security-LambdaConcurrency',
      'HIPAA.Security-LambdaDLQ',
      'HIPAA.Security-LambdaInsideVPC',
      'HIPAA.Security-S3BucketReplicationEnabled',
      'HIPAA.Security-S3DefaultEncryptionKMS',
    ]);
    expect(found.get('AwsSolutions-APIG4')).toEqual(
      (routes as readonly RouteDef[])
        .filter((r) => r.access.kind === 'public')
        .map((r) => `${routeConstructPath(r)}Route/Resource`)
        .sort(),
    );
    expect(found.get('HIPAA.Security-S3DefaultEncryptionKMS')).toEqual([
      'Data/Data/AccessLogs/Resource',
      'Web/Web/AccessLogs/Resource',
    ]);
    expect(found.get('AwsSolutions-COG2')).toEqual(['Auth/Auth/UserPool/Resource']);
    const policyOf = (r: RouteDef) => `${routeConstructPath(r)}/Role/DefaultPolicy/Resource`;
    const declaring = (f: (r: RouteDef) => boolean) =>
      (routes as readonly RouteDef[]).filter(f).map(policyOf);
    // Only the timer function, the timer retry and the routes that declare `uses.timers: 'replace'`
    // may touch SLA schedules.
    const planners = declaring((r) => r.uses?.timers === 'replace');
    expect(planners.length).toBeGreaterThan(0);
    expect(found.get(scheduleRule('sla'))).toEqual(
      [
        ...planners,
        'Api/MailIntake/MailIntake/Role/DefaultPolicy/Resource',
        'Api/Scheduling/SlaTimer/Role/DefaultPolicy/Resource',
        'Api/Scheduling/TimerRetry/Role/DefaultPolicy/Resource',
      ].sort(),
    );
    // Reminder schedules: the routes that declare `uses.reminders` and the reminder function.
    const reminders = [
      ...declaring((r) => r.uses?.reminders === 'replace'),
      'Api/Scheduling/ObligationReminder/Role/DefaultPolicy/Resource',
    ].sort();
    expect(found.get(scheduleRule('obl'))).toEqual(reminders);
    expect(found.get(scheduleRule('evr'))).toEqual(reminders);
    // Tenant objects of the files bucket: only what declares `uses.files` read, read-write or write.
    expect(found.get(filesRule)).toEqual(
      [
        ...declaring((r) => r.uses?.files !== undefined && r.uses.files !== 'list'),
        'Api/MailIntake/MailIntake/Role/DefaultPolicy/Resource',
      ].sort(),
    );
  },
);
