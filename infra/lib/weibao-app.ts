import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { readConfig } from './config.ts';
import { featureFlags } from './feature-flags.ts';
import type { RoutesByCapability } from './route-stacks.ts';
import { buildWeibao, type WeibaoStacks } from './stacks.ts';

export interface WeibaoAppOptions {
  /** Extra context, e.g. from tests; `cdk -c` context still wins over it. */
  context?: Record<string, unknown>;
  outdir?: string;
  /** Another route table than @weibao/api's, e.g. a larger one in tests. */
  routesByCapability?: RoutesByCapability;
}

/** The CDK app with its stacks and the cdk-nag AwsSolutions and HIPAA Security checks that run on every synth. */
export function makeWeibaoApp(options: WeibaoAppOptions = {}): { app: App; stacks: WeibaoStacks } {
  const app = new App({
    context: { ...featureFlags, ...options.context },
    // No CDK version and construct metadata in the templates: nothing changes on a CDK upgrade alone.
    analyticsReporting: false,
    ...(options.outdir ? { outdir: options.outdir } : {}),
  });
  const stacks = buildWeibao(app, readConfig(app.node), options.routesByCapability);
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true }),
    new HIPAASecurityChecks(app, { verbose: true }),
  );
  return { app, stacks };
}
