import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { makeWeibaoApp } from '../lib/weibao-app.ts';

export interface Synthesized {
  app: ReturnType<typeof makeWeibaoApp>['app'];
  stacks: ReturnType<typeof makeWeibaoApp>['stacks'];
  data: Template;
  auth: Template;
  api: Template;
  web: Template;
}

/**
 * The whole app synthesized as `npm run synth` does (cdk-nag included), except that esbuild is
 * skipped: `aws:cdk:bundling-stacks` = [] keeps the tests fast and needs no handler to compile.
 */
function required<T>(stack: T | undefined): T {
  if (!stack) throw new Error('synthWeibao builds the app with Cognito; this context has none');
  return stack;
}

export function synthWeibao(context: Record<string, unknown> = {}): Synthesized {
  const { app, stacks } = makeWeibaoApp({
    context: { 'aws:cdk:bundling-stacks': [], ...context },
    outdir: mkdtempSync(join(tmpdir(), 'weibao-cdk-')),
  });
  return {
    app,
    stacks,
    data: Template.fromStack(stacks.data),
    auth: Template.fromStack(required(stacks.auth)),
    api: Template.fromStack(stacks.api),
    web: Template.fromStack(stacks.web),
  };
}
