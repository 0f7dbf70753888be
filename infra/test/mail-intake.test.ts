import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { synthWeibao } from './synth.ts';

// Prepare (once): the app as `npm run synth` builds it, without esbuild.
const { api, data } = synthWeibao({ intakeDomain: 'tickets.example.com' });

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const onlyId = (template: typeof api, type: string, prefix: string) => {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  expect(ids, `${type} ${prefix}`).toHaveLength(1);
  return ids[0]!;
};

describe('mail intake on AWS', () => {
  test('the receipt rule stores the raw message first, then invokes the intake asynchronously, scanning and requiring TLS', () => {
    const rule = Object.values(api.findResources('AWS::SES::ReceiptRule'))[0]!;
    const r = rule.Properties.Rule;
    expect(r).toMatchObject({
      Enabled: true,
      Recipients: ['tickets.example.com'],
      ScanEnabled: true,
      TlsPolicy: 'Require',
    });
    expect(r.Actions.map((a: Record<string, unknown>) => Object.keys(a)[0])).toEqual([
      'S3Action',
      'LambdaAction',
    ]);
    expect(r.Actions[0].S3Action.ObjectKeyPrefix).toBe('inbound/');
    expect(r.Actions[0].S3Action.IamRoleArn).toEqual({
      'Fn::GetAtt': [onlyId(api, 'AWS::IAM::Role', 'MailIntakeStoreRawRole'), 'Arn'],
    });
    expect(r.Actions[1].LambdaAction.InvocationType).toBe('Event');
    api.hasResourceProperties('AWS::SES::ReceiptRuleSet', { RuleSetName: 'weibao-dev-intake' });
  });

  test('the intake retries twice and then dead-letters to an encrypted queue', () => {
    const fn = onlyId(api, 'AWS::Lambda::Function', 'MailIntakeHandler');
    const config = Object.values(api.findResources('AWS::Lambda::EventInvokeConfig')).find((c) =>
      JSON.stringify(c).includes(fn),
    );
    expect(config?.Properties).toMatchObject({ MaximumRetryAttempts: 2 });
    api.hasResourceProperties('AWS::Lambda::Function', {
      DeadLetterConfig: { TargetArn: Match.anyValue() },
      Environment: {
        Variables: Match.objectLike({
          INTAKE_DOMAIN: 'tickets.example.com',
          MAIL_PREFIX: 'inbound/',
        }),
      },
    });
    api.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'ses.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
  });

  test('the mail bucket has its own rotating key, is private, TLS only, versioned, logged, expiring and retained', () => {
    const key = onlyId(data, 'AWS::KMS::Key', 'DataMailKey');
    data.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({ EnableKeyRotation: true }),
      DeletionPolicy: 'RetainExceptOnCreate',
    });
    const [bucketId, bucket] = Object.entries(data.findResources('AWS::S3::Bucket')).find(([id]) =>
      id.startsWith('DataMail'),
    )!;
    expect(bucket.DeletionPolicy).toBe('RetainExceptOnCreate');
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [key, 'Arn'] },
            },
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { LogFilePrefix: 'mail/' },
      LifecycleConfiguration: { Rules: [expect.objectContaining({ ExpirationInDays: 1098 })] },
    });
    // Everyone needs TLS; SES gets nothing from the bucket policy or the key policy: it stores
    // mail with a role of its own (next test).
    const policy = Object.values(data.findResources('AWS::S3::BucketPolicy')).find((p) =>
      JSON.stringify(p).includes(bucketId),
    )!;
    const statements = list(policy.Properties.PolicyDocument.Statement) as Record<
      string,
      unknown
    >[];
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    expect(JSON.stringify(data.findResources('AWS::S3::BucketPolicy'))).not.toContain('ses.');
    expect(JSON.stringify(data.findResources('AWS::KMS::Key'))).not.toContain('ses.');
  });

  test('SES stores received mail with its own role: only under inbound/, the mail key only through S3 for the mail bucket, before the rule exists', () => {
    const roleId = onlyId(api, 'AWS::IAM::Role', 'MailIntakeStoreRawRole');
    const role = api.findResources('AWS::IAM::Role')[roleId]!;
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'ses.amazonaws.com' },
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: { 'aws:SourceArn': expect.anything() },
        },
      }),
    ]);
    expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain(
      ':receipt-rule-set/weibao-dev-intake:receipt-rule/*',
    );
    const policyId = onlyId(api, 'AWS::IAM::Policy', 'MailIntakeStoreRawRoleDefaultPolicy');
    const statements = api.findResources('AWS::IAM::Policy')[policyId]!.Properties.PolicyDocument
      .Statement as Record<string, unknown>[];
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatchObject({ Action: 's3:PutObject' });
    expect(JSON.stringify(statements[0]!.Resource)).toContain('/inbound/*');
    expect(statements[1]).toMatchObject({
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Condition: {
        StringEquals: {
          'kms:ViaService': 's3.us-east-1.amazonaws.com',
          'kms:EncryptionContext:aws:s3:arn': expect.anything(),
        },
      },
    });
    // SES test-writes when the rule is created: the role's policy must exist by then.
    const rule = Object.values(api.findResources('AWS::SES::ReceiptRule'))[0]!;
    expect(rule.DependsOn).toEqual(expect.arrayContaining([roleId, policyId]));
  });

  test('the intake may read received mail only under inbound/, and may not delete it', () => {
    const policies = Object.entries(api.findResources('AWS::IAM::Policy')).filter(([id]) =>
      id.startsWith('MailIntakeRole'),
    );
    expect(policies).toHaveLength(1);
    const statements = policies[0]![1].Properties.PolicyDocument.Statement as {
      Action: string | string[];
      Resource: unknown;
    }[];
    const s3 = statements.filter((s) => list(s.Action).some((a) => a.startsWith('s3:')));
    expect(s3.flatMap((s) => list(s.Action)).sort()).toEqual([
      's3:GetObject',
      's3:GetObject',
      's3:ListBucket',
      's3:PutObject',
    ]);
    expect(JSON.stringify(s3)).toContain('/inbound/*');
    expect(JSON.stringify(s3)).toContain('/hospitals/*');
  });
});
