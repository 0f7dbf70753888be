import { AwsSolutionsChecks } from 'cdk-nag';
import { expect, test, vi } from 'vitest';
import { routes, type RouteDef } from '@weibao/api';
import { makeWeibaoApp } from '../lib/weibao-app.ts';

// Every acknowledge() call becomes a no-op, to prove each one silences a real finding.
vi.mock('../lib/nag.ts', () => ({ acknowledge: () => undefined }));

test(
  'without its acknowledgements the app has exactly the findings docs/deploy.md explains',
  { timeout: 30_000 },
  () => {
    // Prepare
    const { app } = makeWeibaoApp({ context: { 'aws:cdk:bundling-stacks': [] } });

    // Act: check the construct tree directly (synth would stop at the first failed validation)
    const report = new AwsSolutionsChecks().validateScope(app);

    // Assess
    const found = report.violations.map((v) => [
      v.ruleName,
      v.violatingResources.map((r) => r.constructPath).sort(),
    ]);
    expect(found.map(([rule]) => rule).sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::arn:aws:scheduler:us-east-1:<AWS::AccountId>:schedule/weibao-dev-sla-timers/sla-*]',
    ]);
    expect(Object.fromEntries(found)['AwsSolutions-APIG4']).toEqual([
      'Api/Api/GetHealthRoute/Resource',
      'Api/Api/GetOpenApiRoute/Resource',
    ]);
    // Only the timer function and the routes that declare `uses.timers: 'replace'` may touch SLA schedules.
    const planners = (routes as readonly RouteDef[])
      .filter((r) => r.uses?.timers === 'replace')
      .map(
        (r) =>
          `Api/Api/${r.operationId[0]?.toUpperCase()}${r.operationId.slice(1)}/Role/DefaultPolicy/Resource`,
      );
    expect(planners.length).toBeGreaterThan(0);
    expect(
      Object.fromEntries(found)[
        'AwsSolutions-IAM5[Resource::arn:aws:scheduler:us-east-1:<AWS::AccountId>:schedule/weibao-dev-sla-timers/sla-*]'
      ],
    ).toEqual([...planners, 'Api/Scheduling/SlaTimer/Role/DefaultPolicy/Resource'].sort());
  },
);
