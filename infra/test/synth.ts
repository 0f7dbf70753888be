import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { RouteStack, RoutesByCapability } from '../lib/route-stacks.ts';
import { makeWeibaoApp } from '../lib/weibao-app.ts';

export interface Synthesized {
  app: ReturnType<typeof makeWeibaoApp>['app'];
  stacks: ReturnType<typeof makeWeibaoApp>['stacks'];
  data: Template;
  auth: Template;
  api: Template;
  web: Template;
  /** The API's nested stacks of routes, each with its template. */
  routeStacks: { stack: RouteStack; template: Template }[];
}

/** The parent API stack's template and every route stack's: where route resources may be. */
export function apiTemplates(synth: Synthesized): Template[] {
  return [synth.api, ...synth.routeStacks.map((r) => r.template)];
}

/**
 * What a nested stack's `{ Ref: <parameter> }` stands for: the value its parent passes, e.g.
 * `{ 'Fn::GetAtt': ['ApiLogsKey…', 'Arn'] }`. Other values are returned as they are.
 */
export function inParent(synth: Synthesized, stack: RouteStack, value: unknown): unknown {
  const ref = (value as { Ref?: unknown } | null)?.Ref;
  if (typeof ref !== 'string') return value;
  const parent = synth.api.toJSON() as {
    Resources: Record<string, { Properties?: { Parameters?: Record<string, unknown> } }>;
  };
  const id = Stack.of(stack.nestedStackResource!).getLogicalId(stack.nestedStackResource!);
  return parent.Resources[id]?.Properties?.Parameters?.[ref] ?? value;
}

/**
 * The whole app synthesized as `npm run synth` does (cdk-nag included), except that esbuild is
 * skipped: `aws:cdk:bundling-stacks` = [] keeps the tests fast and needs no handler to compile.
 */
function required<T>(stack: T | undefined): T {
  if (!stack) throw new Error('synthWeibao builds the app with Cognito; this context has none');
  return stack;
}

export function synthWeibao(
  context: Record<string, unknown> = {},
  routesByCapability?: RoutesByCapability,
): Synthesized {
  const { app, stacks } = makeWeibaoApp({
    context: { 'aws:cdk:bundling-stacks': [], ...context },
    outdir: mkdtempSync(join(tmpdir(), 'weibao-cdk-')),
    ...(routesByCapability ? { routesByCapability } : {}),
  });
  return {
    app,
    stacks,
    data: Template.fromStack(stacks.data),
    auth: Template.fromStack(required(stacks.auth)),
    api: Template.fromStack(stacks.api),
    web: Template.fromStack(stacks.web),
    routeStacks: stacks.api.api.routeStacks.map((stack) => ({
      stack,
      template: Template.fromStack(stack),
    })),
  };
}
