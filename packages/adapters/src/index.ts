export {
  earliestRun,
  makeSchedulerTimers,
  makeSchedulerTimersFromEnv,
  slaClocks,
  slaPoints,
  slaTimerScheduleName,
  slaTimerScheduleNames,
} from './scheduler-timers.ts';
export type { SchedulerTimersConfig } from './scheduler-timers.ts';
export { makeSesMailer, sesMessageIdHeader } from './ses-mailer.ts';
export { hmacLinkKey, linkKeyFromEnv } from './env-link-key.ts';
export * from './kms-link-key.ts';
export { makeS3FileStore, makeS3FileStoreFromEnv } from './s3-files.ts';
export * from './cognito-mfa-status.ts';
export * from './cognito-accounts.ts';
export { directoryFromEnv, vendorStaffDirectory } from './env-directory.ts';
export { systemClock } from './system-clock.ts';
export {
  makeObligationSchedules,
  makeObligationSchedulesFromEnv,
  shanghaiAtExpression,
} from './scheduler-obligations.ts';
export type { ObligationSchedulesConfig } from './scheduler-obligations.ts';
export {
  channelDeliveryScheduleName,
  makeSchedulerChannelDeliveries,
  makeSchedulerChannelDeliveriesFromEnv,
} from './scheduler-channels.ts';
export type { ChannelDeliveriesConfig } from './scheduler-channels.ts';
export {
  dingTalkSign,
  makeWebhookPoster,
  makeWebhookPosterFromEnv,
  robotPostUrl,
} from './webhook-poster.ts';
export type { WebhookPosterConfig } from './webhook-poster.ts';
