export { startLocalStack, portFromEnvironment, localPortOffsets } from './stack.ts';
export type { LocalStack, LocalStackOptions, LocalStackUrls } from './stack.ts';
export { startDynamoDbLocal, dynamoDbLocalClient } from './dynamodb-local.ts';
export type { DynamoDbLocal, DynamoDbLocalOptions } from './dynamodb-local.ts';
export { startS3Local } from './s3-local.ts';
export { startSesLocal, receivedEmails, clearInbox } from './ses-local.ts';
export type { ReceivedEmail } from './ses-local.ts';
export {
  applyLocalEnv,
  lambdaEnvironment,
  localCredentials,
  localFilesBucket,
  localMailFrom,
  localMailPrefix,
  localRegion,
  localScheduleGroup,
  localTableName,
  localTimers,
} from './env.ts';
export type { LocalEnv } from './env.ts';
export { createLocalIssuer, idTokenClaims, localAudience, tokenLifetimeSeconds } from './issuer.ts';
export type { LocalIssuer } from './issuer.ts';
export { fetchLocalToken } from './tokens.ts';
export { authorizerClaims } from './claims.ts';
export {
  demoUsers,
  demoUserByEmail,
  demoHospitals,
  demoHospitalId,
  secondHospitalId,
} from './demo-users.ts';
export type { DemoUser } from './demo-users.ts';
export { fileHandlerLoader } from './handler-loader.ts';
export type { ApiHandler, HandlerLoader } from './handler-loader.ts';
export { LocalStackError, assertJava17, freePort } from './preflight.ts';
export { seedDemoData } from './seed.ts';
export { startSchedulerLocal, lambdaFunctionName } from './scheduler-local.ts';
export type {
  DeadLetter,
  FiredInvocation,
  SchedulerLocal,
  SchedulerLocalOptions,
} from './scheduler-local.ts';
export { lambdaContext, localFunctionArn, localFunctionName } from './lambda-context.ts';
export { createWebhookStandIn } from './webhook-standin.ts';
export type { WebhookBehaviour, WebhookPost, WebhookStandIn } from './webhook-standin.ts';
