import { linkKeyFromEnv } from '@weibao/adapters';
import type { FeedbackDeps, LinkKey, Mailer, PlanningDeps } from '@weibao/usecases';
import { pacedMailer } from './mail-sender.ts';
import { planningDeps } from './obligation-deps.ts';
import { oncePerFunction } from './per-function.ts';

/** Survey rounds: the store, the link key and the web app's survey page of a department's link. */
export const feedbackDeps = oncePerFunction((): FeedbackDeps => {
  const webOrigin = (process.env.WEB_ORIGIN ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
  return {
    ...planningDeps(),
    linkKey: linkKeyFromEnv(),
    feedbackLinkUrl: (token) => `${webOrigin}/links/feedback/${token}`,
  };
});

/** Reminders of a round: its links, mailed through SES. */
export const feedbackReminderDeps = oncePerFunction((): FeedbackDeps & { mailer: Mailer } => {
  const from = process.env.MAIL_FROM;
  if (!from) throw new Error('MAIL_FROM is not set: the function cannot mail reminders');
  return { ...feedbackDeps(), mailer: pacedMailer() };
});

/** An answer through a link: the link key, and the reminder schedules the proven obligation stops. */
export const feedbackAnswerDeps = oncePerFunction((): PlanningDeps & { linkKey: LinkKey } => ({
  ...planningDeps(),
  linkKey: linkKeyFromEnv(),
}));
