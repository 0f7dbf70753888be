import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/**
 * How long every log group keeps its events. China's Cybersecurity Law (网络安全法, art. 21) asks
 * network operators to keep network logs for no less than six months; six calendar months are up
 * to 184 days and CloudWatch offers 180 or 365, so a year. The monthly clean-up obligation archives
 * and rotates logs, and never deletes one younger than that (packages/domain, obligation templates).
 */
export const logRetention = RetentionDays.ONE_YEAR;

/** The shortest retention the law allows, in days: six calendar months at their longest. */
export const minimumLogRetentionDays = 184;
