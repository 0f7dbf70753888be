import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** The rule packs every synth runs: AwsSolutions and HIPAA Security (weibao-app.ts). */
export type NagRuleId = `AwsSolutions-${string}` | `HIPAA.Security-${string}`;

/**
 * Accept one cdk-nag finding on one construct (and what it contains), with the reason a security
 * reviewer reads in docs/deploy.md. cdk-nag v3 matches findings of wildcard rules by their exact id,
 * e.g. `AwsSolutions-IAM5[Resource::*]`, so each call accepts exactly one finding, never a whole rule.
 */
export function acknowledge(scope: IConstruct, id: NagRuleId, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}
