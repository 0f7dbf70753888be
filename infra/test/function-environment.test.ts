import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import {
  eventHandlers,
  functionEnvironment,
  routes as routeTable,
  type EventHandlerDef,
  type FunctionResources,
  type RouteDef,
} from '@weibao/api';
import { synthWeibao } from './synth.ts';

const { app } = synthWeibao();
const routes: readonly RouteDef[] = routeTable;
const handlers: readonly EventHandlerDef[] = eventHandlers;

/** Every Lambda function of every stack (nested ones too), by its description. */
const functions = app.node
  .findAll()
  .filter((c): c is Stack => Stack.isStack(c))
  .flatMap((stack) =>
    Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function')),
  )
  .map((fn) => ({
    description: String(fn.Properties.Description ?? ''),
    variables: Object.keys(fn.Properties.Environment?.Variables ?? {}),
  }));

/** What the construct sets on every function, whatever it uses. */
const always = ['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE'];

const anyValues: FunctionResources = {
  tableName: '',
  filesBucket: '',
  inbound: { bucket: '', prefix: '', intakeDomain: '' },
  mail: { from: '', webOrigin: '', intakeDomain: '', sendRate: 14 },
  timers: {
    groupName: '',
    slaTimerArn: '',
    obligationTimerArn: '',
    channelDeliveryArn: '',
    schedulerRoleArn: '',
    deadLetterArn: '',
  },
  linkKey: { kmsKeyArn: '' },
  // The synthesized deployment signs in with its own user pool, whose accounts the directory manages.
  userPoolId: '',
};

function variablesOf(description: string): string[] {
  const found = functions.filter((fn) => fn.description.startsWith(description));
  expect(found, `one function described "${description}…"`).toHaveLength(1);
  return found[0]!.variables.filter((name) => !always.includes(name)).sort();
}

// The local stack gives each handler functionEnvironment(uses) and nothing else; these tests make
// sure AWS gives the same names, so what runs locally without a grant fails on AWS too and back.
describe('each function’s environment on AWS is functionEnvironment of its uses', () => {
  test.each(routes.map((r) => [r.operationId, r] as const))('route %s', (_, route) => {
    expect(variablesOf(`${route.method} ${route.path}: `)).toEqual(
      Object.keys(functionEnvironment(route.uses, anyValues)).sort(),
    );
  });

  // The Cognito trigger reads no table and runs nowhere locally: it has nothing to compare.
  test.each(
    handlers
      .filter((h) => h.trigger !== 'cognito-pre-token-generation')
      .map((h) => [h.name, h] as const),
  )('event handler %s', (_, def) => {
    expect(variablesOf(`${def.name}: `)).toEqual(
      Object.keys(functionEnvironment(def.uses, anyValues)).sort(),
    );
  });
});
